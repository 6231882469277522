"""flat: the everyday formats of a build — CSV (UTF-8 with BOM, for Excel), an Excel workbook,
and a Frictionless datapackage.json describing every file of the build folder.

The flat column layout (field, Chinese title, type) is data here, shared by CSV, Excel and the
data package; list fields are joined with 、.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from ..model import Edition
from ..spec import BY_KEY, EXTRA, FIRST_LINE, FLAT_TAIL, KEYS, LAST_LINE, PAGES, SOURCE, Kind

_EPOCH = datetime.datetime(2000, 1, 1)


def flat_columns(table: str, extras: tuple[str, ...] = ()) -> list[tuple[str, str, str, int]]:
    """(field, Chinese title, type, Excel width) of every flat column of a list: its columns (every
    column a template may print: the same columns whatever template an edition is in), the derived
    fields CSV and Excel have, a column per extra column of the edition under its printed label
    (field extra.<label>), then keywords and where the row was printed."""
    spec = BY_KEY[table]
    out = []
    for column in spec.columns:
        kind = "integer" if column.kind == Kind.NUMBER else "string"
        out.append((column.field, column.title, kind, column.width))
        out += [(d.field, d.title, "string", 24) for d in spec.derived if d.source == column.field and d.title]
    titles = {title for _, title, _, _ in out} | {title for _, title, _, _ in FLAT_TAIL}
    for label in extras:  # a label that is some column's title already is marked as the table's own
        out.append((f"{EXTRA}.{label}", label if label not in titles else f"{label}（原表）", "string", 20))
    return out + list(FLAT_TAIL)


def extra_labels(records: list[dict]) -> tuple[str, ...]:
    """The labels of the extra columns a list's records hold, in the order they first appear."""
    return tuple(dict.fromkeys(label for record in records for label in record.get(EXTRA) or {}))


COLUMNS = {key: flat_columns(key) for key in KEYS}  # without extra columns


def flat_row(table: str, record: dict, extras: tuple[str, ...] = ()) -> list:
    """A record as CSV/Excel cells: lists joined with 、, an extra column's text under its label,
    provenance as its first and last page and line (integers in every list; a PDF's rows have pages
    but no line numbers)."""
    values = []
    for field, _, _, _ in flat_columns(table, extras) if extras else COLUMNS[table]:
        if field == "first_page":  # a file of cells has no pages
            value = record[SOURCE][PAGES][0] if record[SOURCE][PAGES] else None
        elif field == "last_page":
            value = record[SOURCE][PAGES][-1] if record[SOURCE][PAGES] else None
        elif field in (FIRST_LINE, LAST_LINE):
            value = record[SOURCE][field]
        elif field.startswith(EXTRA + "."):
            value = (record.get(EXTRA) or {}).get(field[len(EXTRA) + 1 :])
        else:
            value = record[field]
        values.append("、".join(value) if isinstance(value, list) else value)
    return values


def write_csv(path: Path, table: str, records: list[dict]) -> None:
    extras = extra_labels(records)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([title for _, title, _, _ in flat_columns(table, extras)])
        for record in records:
            writer.writerow(["" if v is None else v for v in flat_row(table, record, extras)])


def write_xlsx(path: Path, edition: Edition) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    about = book.active
    about.title = "说明"
    facts = [
        ("文件", edition.source.name),
        ("SHA-256", edition.source.sha256),
        ("乡镇", edition.township),
        ("乡镇类型", edition.township_kind),
        ("县", edition.county),
    ]
    facts += [(name, value) for name, value in edition.facts.items()]
    facts += [("检查结果", edition.status)] + [(f"检查：{c.name}", f"{c.status}：{c.message}") for c in edition.checks]
    for row in facts:
        about.append(["" if v is None else v for v in row])
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 28, 90
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in KEYS:
        extras = extra_labels(edition.records[table])
        columns = flat_columns(table, extras)
        sheet = book.create_sheet(BY_KEY[table].title)
        sheet.append([title for _, title, _, _ in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for record in edition.records[table]:
            sheet.append(flat_row(table, record, extras))
        for index, (_, _, _, width) in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        sheet.freeze_panes = "A2"
    # no clock in the file: the same build, the same bytes
    book.properties.created = book.properties.modified = _EPOCH
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6]), data)


def _file_resource(path: Path, title: str) -> dict:
    data = path.read_bytes()
    name = path.name.replace(".", "-").lower()
    return {
        "name": name,
        "path": path.name,
        "title": title,
        "type": "file",
        "format": path.suffix.lstrip("."),
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }


def write_datapackage(folder: Path, edition: Edition) -> None:
    """datapackage.json: the CSVs as tables with typed, titled fields; every other file by hash."""
    resources = []
    for table in KEYS:
        # the CSV's header is its Chinese titles (it is for Excel); the field of JSON and Parquet each
        # column holds is named in the description
        fields = [
            {"name": t, "title": t, "type": kind, "description": f"{f} in {table}.json / {table}.parquet"}
            for f, t, kind, _ in flat_columns(table, extra_labels(edition.records[table]))
        ]
        resources.append(
            {
                "name": f"{table}-csv",
                "path": f"{table}.csv",
                "title": BY_KEY[table].title,
                "format": "csv",
                "encoding": "utf-8-sig",
                "mediatype": "text/csv",
                "schema": {"fields": fields},
            }
        )
    titles = {
        "edition.json": "版本信息与检查",
        "report.md": "检查报告",
        "report.html": "检查报告（网页）",
        "lists.xlsx": "清单（Excel）",
    }
    for table in KEYS:
        titles[f"{table}.json"] = f"{BY_KEY[table].title}（JSON）"
        titles[f"{table}.parquet"] = f"{BY_KEY[table].title}（Parquet）"
    resources += [_file_resource(folder / name, title) for name, title in titles.items()]
    package = {
        "name": "qingdan-" + (edition.source.sha256[:12]),
        "title": f"{edition.township or ''}履职事项清单",
        "description": f"Extracted by qingdan from {edition.source.name} (sha256 {edition.source.sha256}).",
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
