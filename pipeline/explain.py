"""explain: one row's source lines with the cell each part went to — for debugging a cell."""

from __future__ import annotations

from .build import Extraction
from .columns import line_cells


def explain_row(extraction: Extraction, table: str, seq: int) -> str:
    assigned = extraction.tables[table].assigned
    rows = [row for row in assigned if row.seq == seq]
    if not rows:
        raise KeyError(f"{table} has no row {seq} (rows 1..{len(assigned)})")
    row = rows[0]
    cells = line_cells(row)
    widths = extraction.tables[table].widths.widths
    out = [f"{table} row {seq}: column widths (em) {widths}; walk cost {row.cost:.1f}"]
    for line in row.block.lines:
        if line.blank:
            continue
        roles = "+".join(dict.fromkeys(cells.get(line.number, ["?"])))
        out.append(f"{line.number:>6}  p{line.page:<3} {roles:<32} {line.text}")
    return "\n".join(out)
