"""explain: one row's source lines with the cell each part went to — for debugging a cell; or,
from a build folder, the row's cells and where each was printed."""

from __future__ import annotations

from pathlib import Path

from ..core.cells import line_cells
from ..extract import Extraction
from ..model import InputError
from ..spec import BOXES, BY_KEY, FIRST_LINE, LAST_LINE, PAGES, SEQ, SOURCE, Derivation
from . import LoadedEdition


def _find(rows: list, table: str, seq: int, seq_of):
    found = [row for row in rows if seq_of(row) == seq]
    if not found:
        raise InputError(f"{table} has no row {seq} (rows 1..{len(rows)})")
    return found[0]


def explain_row(extraction: Extraction, table: str, seq: int) -> str:
    assigned = extraction.tables[table].assigned
    row = _find(list(assigned), table, seq, lambda r: r.seq)
    cells = line_cells(row)
    widths = extraction.tables[table].widths.widths
    out = [f"{table} row {seq}: column widths (em) {widths}; walk cost {row.cost:.1f}"]
    for line in row.block.lines:
        if line.blank:
            continue
        roles = "+".join(dict.fromkeys(cells.get(line.number, ["?"])))
        out.append(f"{line.number:>6}  p{line.page:<3} {roles:<32} {line.text}")
    return "\n".join(out)


def row_png(extraction: Extraction, table: str, seq: int, pdf: Path) -> bytes:
    """The row's page or pages, one under the other, its cells outlined and named by column."""
    from ..outputs.pictures import cell_names, open_pages, png, stacked

    if extraction.edition.source.form not in ("pdf", "scan"):
        raise InputError(f"--png draws a PDF's pages: {pdf.name} was read as {extraction.edition.source.form}")
    record = _find(extraction.edition.records[table], table, seq, lambda r: r[SEQ])
    boxes = record[SOURCE][BOXES] or []
    if not boxes:
        raise InputError(f"{table} row {seq} has no boxes to draw")
    with open_pages(pdf) as pages:
        pictures = [picture for _, picture in pages.row(boxes, cell_names(extraction.edition.templates.get(table)))]
    if not pictures:
        raise InputError(f"{table} row {seq}: its boxes lie off the pages pdfium shows")
    return png(stacked(pictures))


def explain_record(edition: LoadedEdition, table: str, seq: int) -> str:
    """A built row: each field, and where the document printed it (lines, or each cell's boxes)."""
    record = _find(edition.records[table], table, seq, lambda r: r[SEQ])
    source = record[SOURCE]
    file = (edition.meta or {}).get("source", {}).get("file", "?")
    if source[FIRST_LINE] is not None:
        at = f"{file} lines {source[FIRST_LINE]}-{source[LAST_LINE]}, pages {source[PAGES]}"
    else:
        at = f"{file} pages {source[PAGES]}"
    nested = {SOURCE} | {d.field for d in BY_KEY[table].derived_of(Derivation.BY_DEPARTMENT)}
    out = [f"{table} row {seq} of the build {edition.label} ({at}); explain the input itself for each line's cell"]
    for field, value in record.items():
        if field in nested:
            continue
        text = "、".join(value) if isinstance(value, list) else str(value)
        lines = text.split("\n")
        out.append(f"  {field:<20} {lines[0]}")
        out += [f"  {'':<20} {line}" for line in lines[1:]]
    for box in source.get(BOXES) or []:
        out.append(
            f"  box {box['cell']:<16} page {box['page']}: x {box['x0']}-{box['x1']}, y {box['top']}-{box['bottom']}"
        )
    return "\n".join(out)
