"""The grammar of the lists' text: widths, organisation names."""

import pytest

from pipeline.core.grammar import (
    CATEGORY_LIKE,
    FIRST_ITEM,
    ITEM_START,
    first_unit,
    footer_numbers,
    is_heading,
    is_org_heading,
    is_org_list,
    is_section_heading,
    section_number,
    sign_off_lines,
)
from pipeline.core.text import strip_controls, text_width


def test_text_width_counts_cjk_and_ascii():
    assert text_width("阿合奇县") == 4
    assert text_width("1.对") == 2
    assert text_width("“”") == 2


def test_is_org_list():
    assert is_org_list("阿合奇县委组织部、阿合奇县人力资源和社会保障局")
    assert is_org_list("阿合奇县自然资源局（林业和草原局）")
    assert not is_org_list("部")
    assert not is_org_list("推荐县级以上党代表")
    assert not is_org_list("阿合奇县委组织部、")


@pytest.mark.parametrize(
    ("text", "starts", "first"),
    [
        ("1.甲", True, True),
        ("2、乙", True, False),
        ("3 丙", True, False),
        ("一、丁", True, True),
        ("（2）戊", True, False),
        ("①己", True, True),
        ("12月", False, False),
        ("甲1.", False, False),
    ],
)
def test_one_grammar_of_numbered_items(text, starts, first):
    assert bool(ITEM_START.match(text)) is starts
    assert bool(FIRST_ITEM.match(text)) is first


def test_section_headings_and_their_numbers():
    assert [section_number(h) for h in ("一、甲", "九、乙", "十、丙", "十一、丁", "二十三、戊", "甲")] == [
        1,
        9,
        10,
        11,
        23,
        None,
    ]
    assert is_section_heading("一、扬尘综合治理") and not is_section_heading("一、负责扬尘治理。")
    assert is_heading("阿合奇县教育局：") and is_org_heading("阿合奇县教育局：") and not is_org_heading("负责：")


def test_footers_and_categories():
    assert footer_numbers("第 3 页，共 69 页") == (3, 69) and footer_numbers("第三页") is None
    assert CATEGORY_LIKE.match("应急管理及消防") and not CATEGORY_LIKE.match("1.负责")


def test_control_characters_are_stripped_and_named():
    assert strip_controls("没收\x1a违法\x07所得") == ("没收违法所得", "U+0007 U+001A")
    assert strip_controls("第一页\f\t续") == ("第一页\f\t续", "")


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        ("第 3 页，共 69 页", (3, 69)),
        ("第3页 共45页", (3, 45)),
        ("3/45", (3, 45)),
        ("第3页", (3, None)),
        ("- 3 -", (3, None)),
        ("—12—", (12, None)),
        ("3", None),
        ("第三阶段", None),
    ],
)
def test_page_footers_in_every_style(line, numbers):
    assert footer_numbers(line) == numbers


def test_a_sign_off_is_who_and_when():
    assert sign_off_lines(["1.负责处罚。", "哈拉奇乡人民政府", "2025年3月20日"]) == 2
    assert sign_off_lines(["中共哈拉奇乡委员会", "哈拉奇乡人民政府", "二〇二五年三月"]) == 3
    assert sign_off_lines(["负责处罚。", "哈拉奇乡人民政府"]) == 0  # no date: the end of a cell, perhaps
    assert sign_off_lines(["于2025年3月20日前完成"]) == 0


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("款，并", "款，"),
        ("定”规定", "定”规"),
        ("按“一事一议”", "按“一"),
        ("（测土配方", "（测"),
        ("2024年", "2024"),
        ("——以上", "——"),
        ("APP 运用", "APP"),
    ],
)
def test_the_first_unit_no_typesetter_parts(line, unit):
    assert first_unit(line) == unit
