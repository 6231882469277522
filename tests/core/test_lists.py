"""Recognising the lists: header labels are data."""

import pytest

from pipeline.core.lists import header_labels, segment_labels, title_spec


def test_header_labels_are_data():
    assert segment_labels("对应上级部门上级部门职责乡配合职责") == ["对应上级部门", "上级部门职责", "乡配合职责"]
    assert segment_labels("序号事项类别事项名称备注") is None
    from pipeline.spec import LISTS

    basic = LISTS[0]
    assert header_labels("序号事项名称事项类别", basic) == ("序号", "事项名称", "事项类别")
    assert header_labels("序号事项类别", basic) is None  # a column missing
    assert header_labels("序号事项类别事项名称事项名称", basic) is None  # a column twice


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (" 基本履职事项清单", "basic"),
        ("附件2：哈拉奇乡配合履职事项清单", "cooperative"),
        ("三、上级部门收回事项清单", "withdrawn"),
        ("上级部门收回事项清单说明", None),
        ("基本履职事项清单是本乡必须为的事项", None),
    ],
)
def test_list_titles_with_what_may_stand_before_them(line, key):
    spec = title_spec(line)
    assert (spec.key if spec else None) == key
