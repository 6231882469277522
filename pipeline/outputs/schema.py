"""The output contract: Arrow schemas and JSON Schemas kept as files under schemas/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyarrow as pa

SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "schemas"
_PRIMITIVES = {"int32": pa.int32(), "int64": pa.int64(), "string": pa.string(), "float64": pa.float64()}


def _arrow_type(spec, structs: dict) -> pa.DataType:
    if isinstance(spec, str):
        return _PRIMITIVES[spec]
    if "list" in spec:
        return pa.list_(_arrow_type(spec["list"], structs))
    if "map" in spec:
        key, item = spec["map"]
        return pa.map_(_arrow_type(key, structs), _arrow_type(item, structs))
    fields = structs[spec["struct"]]
    return pa.struct([pa.field(f["name"], _arrow_type(f["type"], structs)) for f in fields])


@cache
def arrow_schema(table: str) -> pa.Schema:
    spec = json.loads((SCHEMA_DIR / "arrow" / f"{table}.json").read_text(encoding="utf-8"))
    structs = spec.get("structs", {})
    return pa.schema([pa.field(f["name"], _arrow_type(f["type"], structs)) for f in spec["fields"]])


@cache
def json_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
