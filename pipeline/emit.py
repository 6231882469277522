"""emit: Edition → files in a build folder, all or nothing.

Everything is written into a temporary sibling folder first and renamed into place, so
a failed or interrupted build never leaves a half-written folder behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .export import write_csv, write_datapackage, write_xlsx
from .model import Edition, InputError
from .report import render_report
from .schema import TABLES, arrow_schema


def _dump_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_parquet(path: Path, table: str, records: list[dict], metadata: dict[str, str]) -> None:
    schema = arrow_schema(table).with_metadata({f"qingdan.{k}": v for k, v in metadata.items()})
    data = pa.Table.from_pylist(records, schema=schema)
    # no creation timestamps or writer ids beyond the library version: same input, same bytes
    pq.write_table(data, path, compression="zstd")


def edition_document(edition: Edition, version: str) -> dict:
    return {
        "qingdan_version": version,
        "source": {"file": edition.source.name, "sha256": edition.source.sha256, "encoding": edition.source.encoding},
        "township": edition.township,
        "county": edition.county,
        "facts": edition.facts,
        "stated": edition.stated,
        "extracted": edition.extracted,
        "column_widths": edition.column_widths,
        "checks": [asdict(check) | {"details": list(check.details)} for check in edition.checks],
    }


def _check_target(out_dir: Path) -> None:
    """Replace only an earlier build (or an empty folder): never a user's files."""
    if out_dir.is_file() or (out_dir.exists() and not out_dir.is_dir()):
        raise InputError(f"--out {out_dir}: is a file, not a build folder; refusing to replace it")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "edition.json").is_file():
        raise InputError(f"--out {out_dir}: holds files that are not a qingdan build; refusing to replace them")


def write_build(edition: Edition, out_dir: Path, version: str) -> None:
    out_dir = out_dir.resolve()
    _check_target(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as exc:
        raise InputError(f"--out {out_dir}: cannot write there ({exc.strerror})") from None
    try:
        metadata = {
            "source_sha256": edition.source.sha256,
            "source_file": edition.source.name,
            "edition": f"{edition.county or ''}{edition.township or ''}",
            "township": edition.township or "",
            "county": edition.county or "",
            "version": version,
        }
        for table in TABLES:
            records = edition.records[table]
            _dump_json(staging / f"{table}.json", records)
            write_parquet(staging / f"{table}.parquet", table, records, metadata)
            write_csv(staging / f"{table}.csv", table, records)
        _dump_json(staging / "edition.json", edition_document(edition, version))
        (staging / "report.md").write_text(render_report(edition), encoding="utf-8")
        write_xlsx(staging / "lists.xlsx", edition)
        write_datapackage(staging, edition)
        os.chmod(staging, 0o755)
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
            out_dir.rename(retired / out_dir.name)
            staging.rename(out_dir)
            shutil.rmtree(retired)
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
