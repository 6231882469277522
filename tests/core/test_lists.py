"""Recognising the lists: their titles, with what may stand before them — a township of any kind."""

import pytest

from pipeline.core.lists import title_spec, title_township


@pytest.mark.parametrize(
    ("line", "key", "township"),
    [
        (" 基本履职事项清单", "basic", None),
        ("附件2：哈拉奇乡配合履职事项清单", "cooperative", "哈拉奇乡"),
        ("三、上级部门收回事项清单", "withdrawn", None),
        ("团结街道基本履职事项清单", "basic", "团结街道"),
        ("团结街道办事处配合履职事项清单", "cooperative", "团结街道办事处"),
        ("红旗镇（街道）上级部门收回事项清单", "withdrawn", "红旗镇（街道）"),
        ("附件1：某某民族乡基本履职事项清单", "basic", "某某民族乡"),
        ("巴音苏木配合履职事项清单", "cooperative", "巴音苏木"),
        ("上级部门收回事项清单说明", None, None),
        ("基本履职事项清单是本乡必须为的事项", None, None),
    ],
)
def test_list_titles_with_what_may_stand_before_them(line, key, township):
    spec = title_spec(line)
    assert (spec.key if spec else None) == key
    assert title_township(line) == township
