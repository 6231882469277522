"""The open column model: a header's labels name fields by the spec's patterns (after NFKC, white
space removed), a label naming none is kept as an extra column, a header without a column for the
item's name or with two for one field is refused naming the header as printed."""

import pytest

from pipeline.core.lists import LayoutError
from pipeline.core.template import field_of, read_template, segment_header
from pipeline.spec import BY_KEY, LISTS

# label as producers print it → the field it names, per list
VOCABULARY = {
    "basic": {
        "序号": "seq",
        "编号": "seq",
        "事项类别": "category",
        "类别": "category",
        "二级类别": "category",
        "小类": "category",
        "一级类别": "category_group",
        "大类": "category_group",
        "事项名称": "name",
        "事 项 名 称": "name",
        "履职事项名称": "name",
        "名称": "name",
        "履职依据": "basis",
        "法律依据": "basis",
        "设定依据": "basis",
        "备注": "remarks",
        "备 注": "remarks",
        "责任科室": None,
        "完成时限": None,
    },
    "cooperative": {
        "对应上级部门": "departments",
        "对应县级部门": "departments",
        "县直部门": "departments",
        "区级部门": "departments",
        "市级部门": "departments",
        "关联单位": "departments",
        "责任部门": "departments",
        "配合部门": "departments",
        "部门名称": "departments",
        "上级部门（单位）": "departments",
        "上级部门职责": "upstream_duties",
        "县级部门职责": "upstream_duties",
        "区级部门职责": "upstream_duties",
        "部门职责": "upstream_duties",
        "乡配合职责": "township_duties",
        "镇配合职责": "township_duties",
        "街道配合职责": "township_duties",
        "镇街配合职责": "township_duties",
        "乡镇（街道）配合职责": "township_duties",
        "乡镇(街道)配合职责": "township_duties",
        "苏木配合职责": "township_duties",
        "社区配合职责": "township_duties",
        "乡镇职责": "township_duties",
        "配合职责": "township_duties",
        "职责": None,
    },
    "withdrawn": {
        "承接部门及工作方式": "handler",
        "承接部门（单位）及工作方式": "handler",
        "承接单位及工作方式": "handler",
        "承接部门": "handler_unit",
        "承接单位": "handler_unit",
        "工作方式": "handler_mode",
        "履职方式": "handler_mode",
    },
}


@pytest.mark.parametrize(
    ("key", "label", "field"), [(k, label, f) for k, labels in VOCABULARY.items() for label, f in labels.items()]
)
def test_labels_name_fields(key, label, field):
    assert field_of(label, BY_KEY[key]) == field


@pytest.mark.parametrize("spec", LISTS, ids=lambda s: s.key)
def test_no_label_names_two_fields(spec):
    """The patterns of one list's columns never both match a label producers print."""
    labels = {label for labels in VOCABULARY.values() for label in labels}
    for label in labels:
        matching = [c.field for c in spec.columns if field_of(label, spec) and c.field == field_of(label, spec)]
        assert len(matching) <= 1, label


def test_a_header_maps_its_columns_and_keeps_the_rest_as_extra():
    template = read_template(BY_KEY["basic"], [("序号",), ("事 项 名 称",), ("责任 科室",), ("备注",)])
    assert template.roles == ("seq", "name", "责任科室", "remarks")
    assert template.labels == ("序号", "事项名称", "责任科室", "备注")
    assert template.extras == ("责任科室",)
    assert template.free_category_fields() == ("category_group", "category")


def test_a_two_row_header_names_columns_by_their_lower_label_with_the_upper_for_context():
    spec = BY_KEY["cooperative"]
    stacks = [("序号", "序号"), ("事项名称", "事项名称"), ("上级部门", "名称"), ("上级部门", "职责"), ("配合职责",) * 2]
    template = read_template(spec, stacks, 2)
    assert template.roles == ("seq", "name", "departments", "upstream_duties", "township_duties")
    assert template.columns[2].parent == "上级部门" and template.columns[0].parent == ""


def test_the_handler_in_one_column_or_two():
    spec = BY_KEY["withdrawn"]
    one = read_template(spec, [("序号",), ("事项名称",), ("承接部门",)])
    assert one.roles == ("seq", "name", "handler")  # 承接部门 alone holds the whole handler
    two = read_template(spec, [("序号",), ("事项名称",), ("承接部门",), ("工作方式",)])
    assert two.roles == ("seq", "name", "handler_unit", "handler_mode")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (
            ("序号", "事项类别", "工作内容"),
            "no column can be its 事项名称 (header as printed: 序号 | 事项类别 | 工作内容)",
        ),
        (("事项类别", "事项名称"), "no column can be its 序号"),
        (("序号", "事项名称", "名称"), "事项名称 and 名称 both name its 事项名称"),
    ],
)
def test_a_header_that_does_not_fit_is_refused_naming_it(labels, message):
    with pytest.raises(LayoutError, match=message.replace("(", r"\(").replace(")", r"\)").replace("|", r"\|")):
        read_template(BY_KEY["basic"], [(label,) for label in labels])


def test_an_unknown_label_printed_twice_keeps_both_columns():
    template = read_template(BY_KEY["basic"], [("序号",), ("事项名称",), ("说明材料",), ("说明材料",)])
    assert template.extras == ("说明材料", "说明材料（第4列）")


def test_a_converter_header_is_cut_into_labels():
    spec = BY_KEY["cooperative"]
    words = ["序号", "事项", "类别", "事项", "名称", "对应上级部", "门", "上级部门职责", "街道配合职责", "责任科室"]
    assert segment_header(words, spec) == [
        "序号",
        "事项类别",
        "事项名称",
        "对应上级部门",
        "上级部门职责",
        "街道配合职责",
        "责任科室",
    ]
    assert segment_header(["序号", "事项名称深入学习贯彻习近平新时代中国特色社会主义思想"], spec) is None
