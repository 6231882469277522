"""Department registry and cross-check."""

import json

from pipeline.core.departments import REGISTRY_FILE, canonical, load_registry


def test_registry_resolves_county_names_aliases_and_short_forms():
    registry = load_registry()
    assert canonical("阿合奇县文旅局", "阿合奇县", registry) == ("阿合奇县文化体育广播电视和旅游局", True)
    assert canonical("阿合奇县文化广播电视和旅游局", "阿合奇县", registry)[0] == "阿合奇县文化体育广播电视和旅游局"
    assert canonical("农业农村局", "阿合奇县", registry) == ("阿合奇县农业农村局", True)
    assert canonical("阿合奇县委组织部", "阿合奇县", registry) == ("阿合奇县委组织部", True)
    assert canonical("共青团阿合奇县委员会", "阿合奇县", registry) == ("共青团阿合奇县委员会", True)
    assert canonical("阿合奇县自然资源局（阿合奇县林业和草原局）", "阿合奇县", registry)[0] == "阿合奇县自然资源局"
    # another county: the registry is generic, and keeps offices apart that this county merged
    assert canonical("乌恰县文旅局", "乌恰县", registry) == ("乌恰县文化体育广播电视和旅游局", True)
    assert canonical("乌恰县林业和草原局", "乌恰县", registry) == ("乌恰县林业和草原局", True)
    assert canonical("乌恰县自然资源局", "乌恰县", registry) == ("乌恰县自然资源局", True)
    assert canonical("克州生态环境局阿合奇县分局", "阿合奇县", registry) == ("克州生态环境局阿合奇县分局", False)


def test_registry_gives_kinds_and_names_each_department_once():
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    names = [entry["name"] for entry in data["departments"]]
    assert len(names) == len(set(names)) and all(entry["kind"] for entry in data["departments"])


def test_department_summary_carries_kinds(seed_extraction):
    kinds = seed_extraction.edition.extracted["cooperative"]["departments"]["kinds"]
    assert kinds["阿合奇县委组织部"] == "党委部门"
    assert kinds["阿合奇县民政局"] == "政府部门"
    assert "克州生态环境局阿合奇县分局" not in kinds  # not in the registry: no kind


def test_seed_departments_against_the_preface(seed_extraction):
    edition = seed_extraction.edition
    check = next(c for c in edition.checks if c.name == "departments")
    assert check.status == "warn"
    stated = {k: edition.stated[k]["department_count"] for k in ("cooperative", "withdrawn")}
    assert stated == {"cooperative": 32, "withdrawn": 13}
    found = {k: edition.extracted[k]["departments"]["count"] for k in ("cooperative", "withdrawn")}
    assert found["cooperative"] != 32 and found["withdrawn"] != 13
    details = "\n".join(check.details)
    assert "preface states 32 departments" in details and "preface states 13 departments" in details
    # row 82's duty text is organised under 阿合奇县安委会, which its department cell does not name
    assert "row 82 (lines 2890-2954): duty text names 阿合奇县安全生产委员会" in details
    # row 97's cell says 文化广播电视和旅游局, its heading 文化体育…: the registry makes them one
    assert "row 97" not in details
