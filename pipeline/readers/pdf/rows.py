"""rows: a table's bands and column boundaries → its rows (a band without a sequence number continues
the row above: a row a page break split), then → the same stage values the text reader makes, each
cell's lines becoming pieces whose line breaks core.cells decides from the widths measured here."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ...core.grammar import CLOSING, NO_START, first_unit, section_row_heading
from ...core.grid import CellLine, GridRow, Numberer, assemble_table
from ...model import AssignedTable, Section
from ...settings import DEFAULT, Settings
from ...spec import SEQ, Box
from .bands import Band
from .columns import boundaries_by_page, vertical_boundaries
from .document import TableBuild, visual_line
from .headers import header_variant
from .lines import VisualLine, group_lines
from .load import Glyph, PdfPage
from .merges import merge_cells


@dataclass
class RowBuild:
    seq_text: str
    cells: dict[int, list[VisualLine]]  # column → its lines, fragments in page order
    boxes: list[Box]
    bands: list[Band] = field(default_factory=list)  # the bands it is printed in, in page order
    merged: list[tuple[str, int, int, int]] = field(default_factory=list)  # (cell, printed in, first, last row)
    heading: VisualLine | None = None  # a section row (一、党的建设): its one line


def cell_lines(
    band: Band, edges: list[float], settings: Settings = DEFAULT
) -> tuple[dict[int, list[VisualLine]], list[VisualLine]]:
    """(a band's glyphs by the column their middle falls in, grouped into lines; the lines of those
    in no column)."""
    columns: dict[int, list[Glyph]] = {}
    outside: list[Glyph] = []
    last = len(edges) - 2
    for glyph in band.glyphs:
        middle = (glyph.x0 + glyph.x1) / 2
        c = bisect_right(edges, middle) - 1  # edges run left to right
        if 0 <= c <= last and middle < edges[c + 1]:
            columns.setdefault(c, []).append(glyph)
        elif not glyph.text.isspace():
            outside.append(glyph)
    cells = {c: group_lines(band.page, glyphs, settings.pdf) for c, glyphs in columns.items()}
    return cells, group_lines(band.page, outside, settings.pdf) if outside else []


def box(role: str, lines: list[VisualLine]) -> Box:
    """Where a cell (fragment) is printed: its text's bounding box, points from the page top left;
    on a scan, the lowest confidence its characters were recognised with."""
    confidences = [g.confidence for line in lines for g in line.glyphs if g.confidence is not None]
    return {
        "cell": role,
        "page": lines[0].page,
        "x0": round(min(line.x0 for line in lines), 1),
        "top": round(min(line.top for line in lines), 1),
        "x1": round(max(line.x1 for line in lines), 1),
        "bottom": round(max(line.bottom for line in lines), 1),
        "confidence": math.floor(min(confidences) * 1000) / 1000
        if confidences
        else None,  # down: 0.8996 stays below 0.9
    }


def section_line(band: Band, page: PdfPage, edges: list[float], settings: Settings = DEFAULT) -> VisualLine | None:
    """The heading of a band that is a section row: one line that reads as a category heading, in a
    cell spanning the table — no vertical rule inside the band, or (a table ruled only across) its
    text starting in the first column and running past it."""
    lines = band.lines(settings.pdf)
    if len(lines) != 1:
        return None
    line = lines[0]
    ruled_across = vertical_boundaries(page, band, 1, settings.pdf) is not None  # its outer rules only
    crosses = line.x0 < edges[1] < line.x1
    if not (ruled_across or crosses):
        return None
    return line if section_row_heading(line.text, bare=ruled_across) else None


def build_rows(
    table: TableBuild, pages: dict[int, PdfPage], settings: Settings = DEFAULT
) -> tuple[list[RowBuild], dict[int, list[float]]]:
    """The table's rows, and the column boundaries of each of its pages."""
    edges_by_page = boundaries_by_page(table, pages, settings.pdf)
    roles = list(table.template.roles)
    seq_column = roles.index(SEQ)
    rows: list[RowBuild] = []
    for band in table.bands:
        if header_variant(band.glyphs, table.spec, settings.pdf):
            continue
        heading = section_line(band, pages[band.page], edges_by_page[band.page], settings)
        if heading is not None:
            rows.append(RowBuild("", {}, [], [band], heading=heading))
            continue
        cells, outside = cell_lines(band, edges_by_page[band.page], settings)
        table.outside.extend(outside)
        seq_text = " ".join(line.text for line in cells.get(seq_column, []))
        boxes = [box(roles[c], lines) for c, lines in sorted(cells.items()) if lines]
        if seq_text or not rows or rows[-1].heading is not None:
            rows.append(RowBuild(seq_text, {c: list(v) for c, v in cells.items()}, boxes, [band]))
        else:  # no number: the row above continues after a page break
            for c, lines in cells.items():
                rows[-1].cells.setdefault(c, []).extend(lines)
            rows[-1].boxes.extend(boxes)
            rows[-1].bands.append(band)
    merge_cells(rows, roles, seq_column, pages, edges_by_page, settings.pdf)
    return rows, edges_by_page


def wrap_edge(lines: list[VisualLine]) -> float:
    """Where a column's wrapped lines end: the most common right edge (a few lines overhang)."""
    edges = Counter(round(line.x1) for line in lines)
    best = max(edges, key=lambda x: (edges[x] + edges.get(x - 1, 0) + edges.get(x + 1, 0), x))
    return float(best)


def column_widths(rows: list[RowBuild], ncols: int) -> tuple[dict[int, float], dict[int, float]]:
    """(left text edge, wrap width in em) of each column, measured over the whole table."""
    lefts, widths = {}, {}
    for c in range(ncols):
        lines = [line for row in rows for line in row.cells.get(c, [])]
        if not lines:
            lefts[c], widths[c] = 0.0, 1.0
            continue
        size = median(line.size for line in lines)
        lefts[c] = min(line.x0 for line in lines)
        widths[c] = (wrap_edge(lines) - lefts[c]) / size
    return lefts, widths


_HANGS = set(CLOSING + NO_START)  # what may hang past a column's edge


class Measure:
    """How far each line of a column reaches, from its cell's left edge (the rule where the page has
    one), and how far the column's lines can reach: the farthest any line reaches that does not end
    with punctuation (which may hang past the edge)."""

    def __init__(self, rows: list[RowBuild], edges_by_page: dict[int, list[float]], lefts: dict[int, float]):
        self.edges_by_page, self.lefts = edges_by_page, lefts
        self.limits: dict[int, float] = {}
        for row in rows:
            for c, lines in row.cells.items():
                for line in lines:
                    if line.text[-1] not in _HANGS:
                        self.limits[c] = max(self.limits.get(c, 0.0), self.extent(c, line))

    def extent(self, c: int, line: VisualLine) -> float:
        left = self.edges_by_page[line.page][c]
        return line.x1 - (left if math.isfinite(left) else self.lefts[c])

    def room(self, c: int, line: VisualLine) -> float:
        """Em left on the line before the column's edge."""
        return (self.limits.get(c, self.extent(c, line)) - self.extent(c, line)) / line.size


def lead(line: VisualLine) -> float:
    """The width in em of the line's first unit (core.grammar.first_unit), from its glyphs."""
    printed = [g for g in line.glyphs if not g.text.isspace()]
    unit = printed[: len(first_unit(line.text).replace(" ", "")) or 1]
    return (unit[-1].x1 - unit[0].x0) / line.size


def grid_rows(rows: list[RowBuild], edges_by_page: dict[int, list[float]], lefts: dict[int, float]) -> list[GridRow]:
    """The rows as cells of measured lines: each line's width, the room left before its column's
    edge and its first unit's width (a line several rows share stays one)."""
    measure = Measure(rows, edges_by_page, lefts)
    made: dict[int, tuple[VisualLine, CellLine]] = {}

    def cell_line(c: int, visual: VisualLine) -> CellLine:
        if id(visual) not in made:
            width = (visual.x1 - lefts[c]) / visual.size
            line = CellLine(visual.text, visual.page, "", width, measure.room(c, visual), lead(visual))
            made[id(visual)] = (visual, line)
        return made[id(visual)][1]

    return [
        GridRow(
            build.seq_text,
            {c: [cell_line(c, v) for v in lines] for c, lines in build.cells.items()},
            build.boxes,
            build.merged,
            heading=CellLine(build.heading.text, build.heading.page) if build.heading else None,
        )
        for build in rows
    ]


def assemble(
    table: TableBuild,
    rows: list[RowBuild],
    edges_by_page: dict[int, list[float]],
    numberer: Numberer,
    settings: Settings = DEFAULT,
) -> tuple[Section, AssignedTable]:
    lefts, ems = column_widths(rows, len(table.template.columns))
    return assemble_table(
        table.spec,
        table.title,
        table.template,
        grid_rows(rows, edges_by_page, lefts),
        numberer,
        ems,
        tuple(table.removed),
        tuple(table.unplaced) + tuple(visual_line(numberer, line) for line in table.outside),
        settings,
    )
