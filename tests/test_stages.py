"""Each stage alone, on small inputs made here."""

import pytest

from pipeline.core.cells import place_pieces
from pipeline.core.grammar import is_org_list
from pipeline.core.normalize import by_department, join_pieces, split_names
from pipeline.core.normalize import leading_departments as handler_departments
from pipeline.core.preface import parse_facts, parse_stated
from pipeline.core.text import text_width
from pipeline.model import CellPiece, InputError, Line, Piece, RowBlock, SourceText
from pipeline.readers.text.decode import decode_bytes
from pipeline.readers.text.furniture import header_run_length, split_repeated_headers
from pipeline.readers.text.pages import paginate
from pipeline.readers.text.rows import row_start
from pipeline.readers.text.walk import split_row, walk_row, width_peaks

TEXT = "哈拉奇乡履职事项清单，共有履职事项 294项"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_bytes(data, encoding):
    assert decode_bytes(data) == (TEXT, encoding)


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\x00\x01\x02garbage\x00"])
def test_decode_refuses_empty_and_binary(data):
    with pytest.raises(InputError):
        decode_bytes(data)


def _lines(*texts, page=1):
    return [Line(i + 1, page, t) for i, t in enumerate(texts)]


def test_paginate_counts_marks_and_footers():
    raw = (" 说 明", "正文", "第 1 页，共 3 页", "", "序号", " 对应上级部", " 上级部门职责", "正文", " 下一页")
    paged = paginate(SourceText("x", "0" * 64, "utf-8", raw))
    assert [line.page for line in paged.lines] == [1, 1, 1, 1, 2, 3, 3, 3, 4]
    assert paged.footers == ((3, 1, 3),)


HEADER = "序号事项类别事项名称对应上级部门上级部门职责乡配合职责"


def test_header_run_full_partial_and_not_a_header():
    full = _lines(
        "序号", "事项", "类别", "", "事项", "名称", "对应上级部", "门", "上级部门职责 乡配合职责", "1 党的建设"
    )
    assert header_run_length(full, 0, HEADER) == 9
    partial = _lines("对应上级部", "上级部门职责 乡配合职责", "七、土壤污染防治")
    assert header_run_length(partial, 0, HEADER) == 2
    # a row fragment at a page top that happens to look like header words is body text
    body = _lines("部", "", "阿合奇县委组织部：")
    assert header_run_length(body, 0, HEADER) == 0


def test_repeated_header_removed_only_at_page_top():
    lines = [Line(1, 1, "1 党的建设 事项名称"), Line(2, 2, "序号 事项类别 事项名称"), Line(3, 2, "2 党的建设 x")]
    kept, removed = split_repeated_headers(lines, {2}, ("序号", "事项类别", "事项名称"))
    assert [line.number for line in kept] == [1, 3]
    assert [line.number for line in removed] == [2]


def test_row_start_needs_the_expected_number_or_a_named_category():
    lines = _lines("3 跟踪督导事务准入机制。", "4 党的建设", "7 党的建设", "8 祭扫物资保障。", "9", "人民武装")
    categories = ("党的建设",)
    assert row_start(lines, 0, 3, categories) is None  # item text, not a row
    assert row_start(lines, 1, 4, categories) == 4
    assert row_start(lines, 2, 5, categories) == 7  # a gap, reported by segment_rows
    assert row_start(lines, 3, 8, categories) is None
    assert row_start(lines, 4, 9, categories) == 9  # number alone, category on the next line


def test_split_row_repairs_a_wrapped_category_and_drops_lone_marks():
    block = RowBlock("cooperative", 100, tuple(_lines("100 应急管理及", "消防", "", "安全生产监督检查", "“ “", "x")))
    category, lines, pieces, stray = split_row(block, ("应急管理及消防",))
    assert (category, lines) == ("应急管理及消防", (1, 2))
    assert [p.text for p in pieces] == ["安全生产监督检查", "x"]
    assert [p.text for p in stray] == ["“", "“"]


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


def _pieces(*rows, page=1):
    """rows of words → pieces, each tuple one source line."""
    out = []
    for number, words in enumerate(rows, start=1):
        line = Line(number, page, " ".join(words))
        out += [Piece(w, line, i == 0, text_width(w)) for i, w in enumerate(words)]
    return out


ROLES = ("name", "departments", "upstream_duties", "township_duties")
WIDTHS = (9.0, 7.0, 30.0, 23.0)


def test_walk_splits_by_width_and_department_names():
    pieces = _pieces(
        ("推荐县级以上党代表",),
        ("阿合奇县委组织",),
        ("部",),
        ("阿合奇县委组织部：",),
        ("1.对县级以上党代表进行推荐提名、公示并配合考察；",),
        ("2.对县级党代表推荐人选进行全面考察，并形成考察报告提交县委审",),
        ("批。",),
        ("1.根据县级分配的党代表名额及人员构成，进行提",),
        ("名；",),
    )
    cost, columns = walk_row(pieces, ROLES, WIDTHS)
    assert columns == [0, 1, 1, 2, 2, 2, 2, 3, 3]


def test_walk_splits_two_cells_sharing_a_line():
    pieces = _pieces(
        ("的鉴定", "阿合奇县教育局"),
        ("阿合奇县教育局：",),
        ("负责社会考生资格复审工作。", "对社会考生的政治态度、思想品德作出鉴定。"),
    )
    _, columns = walk_row(pieces, ROLES, WIDTHS)
    assert columns == [0, 1, 2, 2, 3]


def test_walk_refuses_what_fits_no_column():
    pieces = _pieces(("推荐",), ("阿合奇县委组织部",), ("x" * 200,))
    assert walk_row(pieces, ROLES, WIDTHS) is None


def test_width_peaks_finds_the_wrap_widths():
    rows = [_pieces(*[("字" * 7,)] * 5 + [("字" * 3,)] + [("字" * 23,)] * 4)]
    assert [w for w, _ in width_peaks(rows)[:2]] == [7.0, 23.0]


def _cell(*lines, breaks=()):
    out = []
    for number, words in enumerate(lines, start=1):
        line = Line(number, 1, " ".join(words))
        for i, w in enumerate(words):
            out.append(CellPiece(Piece(w, line, i == 0, text_width(w)), "upstream_duties", i == 0 and number in breaks))
    return out


def test_join_pieces_removes_gaps_between_cjk_only():
    assert join_pieces(_cell(("根据自治区、", "自治州"), ("关于",))) == "根据自治区、自治州关于"
    assert (
        join_pieces(
            _cell(
                ("3", "按照"),
            )
        )
        == "3 按照"
    )
    assert (
        join_pieces(
            _cell(
                ("分类管理", ";"),
            )
        )
        == "分类管理 ;"
    )
    assert join_pieces(_cell(("1.甲；",), ("2.乙。",), breaks=(2,))) == "1.甲；\n2.乙。"


def test_by_department_and_sections():
    text = "一、扬尘综合治理\n甲局：\n负责甲。\n乙局：\n负责乙。\n二、噪声\n甲局：\n负责丙。"
    assert by_department(text, ["甲局", "乙局"]) == [
        {"department": "甲局", "section": "一、扬尘综合治理", "text": "负责甲。"},
        {"department": "乙局", "section": "一、扬尘综合治理", "text": "负责乙。"},
        {"department": "甲局", "section": "二、噪声", "text": "负责丙。"},
    ]
    assert by_department("1.根据督察反馈的问题。", ["克州生态环境局阿合奇县分局"]) == []


def test_handler_departments():
    assert handler_departments("阿合奇县自然资源局（林业和草原局）、农业农村局：对破坏…的处罚。") == [
        "阿合奇县自然资源局（林业和草原局）",
        "农业农村局",
    ]
    assert handler_departments("阿合奇县人力资源和社会保障局：\n工作方式：取消乡对…") == [
        "阿合奇县人力资源和社会保障局"
    ]
    assert handler_departments("法律法规条款已失效，不再开展此项工作。") == []
    assert split_names("阿合奇县委编办、阿合奇县委组\n织部") == ["阿合奇县委编办", "阿合奇县委组织部"]


PREFACE = (
    "哈拉奇乡是农牧结合型+边境乡，位于阿合奇县以西，距县城 45公里、区域面积 2929平方公里。全乡户籍人口 0.9128万人"
    "共有履职事项 5项，其中，基本履职事项 2项、配合履职事项 2项、上级部门收回事项 1项。"
    "基本履职事项清单是本乡必须为的事项。主要包括党的建设、经济发展 2个类别，共有基本履职事项 2项。"
    "配合履职事项清单是配合的事项。主要包括党的建设 1个类别，共有配合履职事项 2项，涉及 3个部门（单位）。"
    "上级部门收回事项清单是收回的事项。包括民生服务 1个类别，共有上级部门收回事项 1项，涉及 1个部门（单位）。"
)


def test_parse_stated_and_facts():
    stated = parse_stated(PREFACE)
    assert stated["total"] == 5
    assert stated["basic"] == {
        "count": 2,
        "category_names": ["党的建设", "经济发展"],
        "category_count": 2,
        "department_count": None,
    }
    assert stated["cooperative"]["department_count"] == 3
    assert stated["withdrawn"]["category_names"] == ["民生服务"]
    facts = parse_facts(PREFACE)
    assert facts["area_km2"] == 2929 and facts["registered_population_10k"] == 0.9128
    assert facts["cultivated_land_10k_mu"] is None


def test_next_list_item_starts_a_line_even_after_a_full_one():
    pieces = _pieces(
        ("2.对辖区内有用工需求的单位（个体、企业）进行登",),
        ("记，指导用工单位在中国新疆人才网统一发布岗位",),
        ("3.及时将招聘信息推送至辖区内未就业人员，并组织",),
        ("开展招聘活动。",),
    )
    placed = place_pieces(pieces, [0, 0, 0, 0], ("township_duties",), (23.0,))
    assert [cp.break_before for cp in placed] == [False, False, True, False]


def test_a_department_heading_without_its_colon():
    text = "共青团阿合奇县委员会\n1.依据上级团组织表彰方案；"
    assert by_department(text, ["共青团阿合奇县委员会"]) == [
        {"department": "共青团阿合奇县委员会", "section": None, "text": "1.依据上级团组织表彰方案；"}
    ]
