"""merges: cells merged over several rows (Word's vertical merge) — a category, a name or a department
cell printed once for a run of rows. Told from the geometry: between two rows no rule crosses that
column. The merged cell's text is given to every row it spans, and each row records where it was
printed.

A merged cell a page break splits shows no rule either way at the break (producers draw the table's
edge on each page) and its text on one side only (Word prints it in the first part): where the table
merges that column anywhere, an empty part at a page break joins the part across the break.
"""

from __future__ import annotations

import math

from ...settings import DEFAULT, PdfSettings
from .load import PdfPage

# A rule crosses a column when it covers at least this share of the column's width.
_CROSSES = 0.5


def covered(page: PdfPage, y: float, x0: float, x1: float, settings: PdfSettings = DEFAULT.pdf) -> float:
    """The share of [x0, x1] that horizontal rules at height y cover (segments drawn cell by cell
    count together)."""
    spans = sorted(
        (max(r.x0, x0), min(r.x1, x1))
        for r in page.rules
        if r.horizontal and abs(r.top - y) <= settings.rule_merge and r.x1 > x0 and r.x0 < x1
    )
    total, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total / (x1 - x0) if x1 > x0 else 1.0


def _table_extent(page: PdfPage) -> tuple[float, float]:
    xs = [x for r in page.rules if r.horizontal for x in (r.x0, r.x1)]
    return (min(xs), max(xs)) if xs else (-math.inf, math.inf)


def linked(rows: list, c: int, pages: dict[int, PdfPage], edges_by_page, settings: PdfSettings) -> list[bool | None]:
    """For each pair of neighbouring rows: whether no rule parts them in column c (True), one does
    (False), or a page break does (None)."""
    out: list[bool | None] = []
    for above, below in zip(rows, rows[1:], strict=False):
        if above.heading or below.heading:  # a section row parts every column
            out.append(False)
            continue
        last, first = above.bands[-1], below.bands[0]
        if last.page != first.page:
            out.append(None)
            continue
        page = pages[first.page]
        left, right = _table_extent(page)
        edges = edges_by_page[first.page]
        x0, x1 = max(edges[c], left), min(edges[c + 1], right)
        out.append(covered(page, first.top, x0, x1, settings) < _CROSSES)
    return out


def merged_spans(rows: list, c: int, links: list[bool | None]) -> list[tuple[int, int]]:
    """(first, last) row indexes of every cell of column c that spans several rows."""
    has_text = [bool(row.cells.get(c)) for row in rows]
    merging = any(links)  # a link within a page (a page break's is None)
    spans: list[list[int]] = [[0, 0]]
    for i, link in enumerate(links):
        if link:
            spans[-1][1] = i + 1
        else:
            spans.append([i + 1, i + 1])
    # a page break joins an empty part to the part across it, in a column the table merges
    joined: list[list[int]] = [spans[0]]
    for span in spans[1:]:
        previous = joined[-1]
        at_break = links[span[0] - 1] is None
        empty = not any(has_text[previous[0] : previous[1] + 1]) or not any(has_text[span[0] : span[1] + 1])
        if merging and at_break and empty:
            previous[1] = span[1]
        else:
            joined.append(span)
    return [(a, b) for a, b in joined if b > a]


def merge_cells(rows: list, roles: list[str], skip: int, pages: dict[int, PdfPage], edges_by_page, settings) -> None:
    """Give each merged cell's lines to every row it spans (column `skip`, the number, never merges),
    and note in each row where the text was printed."""
    for c, role in enumerate(roles):
        if c == skip:
            continue
        links = linked(rows, c, pages, edges_by_page, settings)
        for first, last in merged_spans(rows, c, links):
            span = rows[first : last + 1]
            lines = [line for row in span for line in row.cells.get(c, [])]
            if not lines:
                continue  # an empty cell over several rows: the mandatory-cell check says so
            printer = first + next(i for i, row in enumerate(span) if row.cells.get(c))
            for row in span:  # its boxes stay where it was printed; the others say where that is
                row.cells[c] = list(lines)
                row.merged.append((role, printer, first, last))
