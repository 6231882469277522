"""The list spec is the one place that says what each list is: the schema files agree with it,
every header label names one column, and no other module of pipeline/ spells a list's key or its
own fields."""

import ast
import json
from pathlib import Path

import pytest

from pipeline.outputs.schema import SCHEMA_DIR, arrow_schema, json_schema
from pipeline.spec import (
    BASIS,
    CATEGORY_GROUP,
    EXTRA,
    HANDLER,
    HANDLER_DEPARTMENTS,
    HANDLER_MODE,
    HANDLER_UNIT,
    KEYS,
    KEYWORDS,
    LISTS,
    REMARKS,
    TOWNSHIP,
    UPSTREAM,
    UPSTREAM_BY_DEPARTMENT,
)

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


@pytest.mark.parametrize("spec", LISTS, ids=lambda s: s.key)
def test_the_schema_files_hold_the_specs_fields_in_order(spec):
    assert [field.name for field in arrow_schema(spec.key)] == list(spec.fields)
    items = json_schema(spec.key)["items"]
    assert set(items["properties"]) == set(items["required"]) == set(spec.fields)
    arrow = json.loads((SCHEMA_DIR / "arrow" / f"{spec.key}.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in arrow["fields"]] == list(spec.fields)


def test_every_list_requires_a_number_and_a_name():
    assert all(spec.required == ("seq", "name") for spec in LISTS)
    assert all(spec.fields[-3:] == ("extra", "keywords", "source") for spec in LISTS)


# A list's key or a field only some lists have: if spelled elsewhere, adding or renaming a column
# would take more than one edit.
SPELLED_ONLY_IN_SPEC = set(KEYS) | {
    UPSTREAM,
    TOWNSHIP,
    HANDLER,
    HANDLER_UNIT,
    HANDLER_MODE,
    BASIS,
    REMARKS,
    EXTRA,
    CATEGORY_GROUP,
    UPSTREAM_BY_DEPARTMENT,
    HANDLER_DEPARTMENTS,
    KEYWORDS,
}


def test_no_other_module_spells_a_list_key_or_field():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "spec.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in SPELLED_ONLY_IN_SPEC:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []
