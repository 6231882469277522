"""preface: the document's statements about itself."""

from pipeline.core.preface import parse_facts, parse_stated

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
