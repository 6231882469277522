"""writer: Edition → every file of its build folder, all or nothing (folders.replacing: a staging folder
swapped into place whole, never over files a build did not write)."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from ..model import Check, Edition
from ..spec import KEYS
from .flat import write_csv, write_datapackage, write_xlsx
from .folders import replacing
from .html import render_html
from .report import render_report
from .schema import arrow_schema


def _dump_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _as_pairs(schema: pa.Schema) -> pa.Schema:
    """The schema with each map field as the list of key–value structs it is stored as (Arrow's JSON
    reader makes no maps)."""
    fields = []
    for f in schema:
        if pa.types.is_map(f.type):
            pair = pa.struct([pa.field("key", f.type.key_type), pa.field("value", f.type.item_type)])
            f = pa.field(f.name, pa.list_(pair))
        fields.append(f)
    return pa.schema(fields, metadata=schema.metadata)


def _to_maps(data: pa.Table, schema: pa.Schema) -> pa.Table:
    """The key–value lists back as the schema's maps: the same offsets, keys and items."""
    for index, f in enumerate(schema):
        if pa.types.is_map(f.type):
            pairs = data.column(index).combine_chunks()
            maps = pa.MapArray.from_arrays(
                pairs.offsets, pairs.values.field("key"), pairs.values.field("value"), type=f.type, mask=pairs.is_null()
            )
            data = data.set_column(index, f.name, maps)
    return data


def write_parquet(path: Path, table: str, records: list[dict], metadata: dict[str, str]) -> None:
    schema = arrow_schema(table).with_metadata({f"qingdan.{k}": v for k, v in metadata.items()})
    # Arrow's JSON reader builds the table against the schema in C++; pa.Table.from_pylist would
    # import pandas (half a second and 100 MiB) only to find the records are not a DataFrame
    if records:
        maps = [f.name for f in schema if pa.types.is_map(f.type)]
        rows = [{**r, **{m: [{"key": k, "value": v} for k, v in r[m].items()] for m in maps}} for r in records]
        lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode("utf-8")
        options = pa_json.ParseOptions(explicit_schema=_as_pairs(schema), unexpected_field_behavior="error")
        read = pa_json.ReadOptions(block_size=max(len(lines), 1 << 20))
        data = _to_maps(pa_json.read_json(io.BytesIO(lines), read, options), schema)
        data = data.replace_schema_metadata(schema.metadata)
    else:
        data = schema.empty_table()
    # no creation timestamps or writer ids beyond the library version: same input, same bytes
    pq.write_table(data, path, compression="zstd")


def check_document(check: Check) -> dict:
    """A check as edition.json holds it: details for a person, findings for a baseline."""
    return {
        "name": check.name,
        "status": check.status,
        "message": check.message,
        "details": list(check.details),
        "findings": [asdict(finding) for finding in check.findings],
    }


def edition_document(edition: Edition, version: str) -> dict:
    return {
        "qingdan_version": version,
        "source": {
            "file": edition.source.name,
            "sha256": edition.source.sha256,
            "encoding": edition.source.encoding,
            "form": edition.source.form,
        },
        "township": edition.township,
        "township_kind": edition.township_kind,
        "county": edition.county,
        "facts": edition.facts,
        "stated": edition.stated,
        "extracted": edition.extracted,
        "column_widths": edition.column_widths,
        "templates": edition.templates,
        "checks": [check_document(check) for check in edition.checks],
        "sign_off": edition.sign_off,
    }


def write_build(edition: Edition, out_dir: Path, version: str, source: Path | None = None) -> None:
    """Every output file of the edition into `out_dir`, replacing an earlier build there whole;
    `source`: the input, whose pages report.html draws when it is a PDF."""
    metadata = {
        "source_sha256": edition.source.sha256,
        "source_file": edition.source.name,
        "edition": f"{edition.county or ''}{edition.township or ''}",
        "township": edition.township or "",
        "county": edition.county or "",
        "version": version,
    }
    with replacing(out_dir) as staging:
        for table in KEYS:
            records = edition.records[table]
            _dump_json(staging / f"{table}.json", records)
            write_parquet(staging / f"{table}.parquet", table, records, metadata)
            write_csv(staging / f"{table}.csv", table, records)
        _dump_json(staging / "edition.json", edition_document(edition, version))
        (staging / "report.md").write_text(render_report(edition), encoding="utf-8")
        # a scan wrapped as a PDF is drawn as one; pdfium refuses an image file, whose rows are listed undrawn
        pdf = source if edition.source.form in ("pdf", "scan") else None
        (staging / "report.html").write_text(render_html(edition, pdf), encoding="utf-8")
        write_xlsx(staging / "lists.xlsx", edition)
        write_datapackage(staging, edition)
