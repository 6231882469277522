"""normalize: cell text from placed pieces, department lists and duty text split at headings."""

from pipeline.core.normalize import by_department, join_pieces, leading_departments, split_names
from tests.helpers import cell


def test_join_pieces_removes_gaps_between_cjk_only():
    assert join_pieces(cell(("根据自治区、", "自治州"), ("关于",))) == "根据自治区、自治州关于"
    assert (
        join_pieces(
            cell(
                ("3", "按照"),
            )
        )
        == "3 按照"
    )
    assert (
        join_pieces(
            cell(
                ("分类管理", ";"),
            )
        )
        == "分类管理 ;"
    )
    assert join_pieces(cell(("1.甲；",), ("2.乙。",), breaks=(2,))) == "1.甲；\n2.乙。"


def test_by_department_and_sections():
    text = "一、扬尘综合治理\n甲局：\n负责甲。\n乙局：\n负责乙。\n二、噪声\n甲局：\n负责丙。"
    assert by_department(text, ["甲局", "乙局"]) == [
        {"department": "甲局", "section": "一、扬尘综合治理", "text": "负责甲。"},
        {"department": "乙局", "section": "一、扬尘综合治理", "text": "负责乙。"},
        {"department": "甲局", "section": "二、噪声", "text": "负责丙。"},
    ]
    assert by_department("1.根据督察反馈的问题。", ["克州生态环境局阿合奇县分局"]) == []


def test_leading_departments():
    assert leading_departments("阿合奇县自然资源局（林业和草原局）、农业农村局：对破坏…的处罚。") == [
        "阿合奇县自然资源局（林业和草原局）",
        "农业农村局",
    ]
    assert leading_departments("阿合奇县人力资源和社会保障局：\n工作方式：取消乡对…") == [
        "阿合奇县人力资源和社会保障局"
    ]
    assert leading_departments("法律法规条款已失效，不再开展此项工作。") == []
    assert split_names("阿合奇县委编办、阿合奇县委组\n织部") == ["阿合奇县委编办", "阿合奇县委组织部"]


def test_a_department_heading_without_its_colon():
    text = "共青团阿合奇县委员会\n1.依据上级团组织表彰方案；"
    assert by_department(text, ["共青团阿合奇县委员会"]) == [
        {"department": "共青团阿合奇县委员会", "section": None, "text": "1.依据上级团组织表彰方案；"}
    ]
