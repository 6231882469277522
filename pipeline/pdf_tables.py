"""pdf_tables: PdfDocument → the same stage values the text path builds (PagedText, Sections,
AssignedTable), read from the page geometry instead of guessed from wrap widths.

* text outside tables (preface, titles, footers) is grouped into lines by baseline;
* a table is the run of bands between horizontal rules after its title; a band whose
  characters are exactly a header variant's is a (repeated) header;
* columns come from vertical rules where the table has them, else from the header labels'
  positions refined by the body text's alignment (the white "river" between columns);
* a band without a sequence number continues the row above (a row split by a page break);
* each cell's lines become pieces, so line breaks, department lists and records are made
  by the same code as on the text path (columns.place_pieces, normalize).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .columns import place_pieces
from .layouts import CATEGORY, LABELS, LAYOUTS, SEQ, TableLayout, header_labels, squash, title_layout
from .model import (
    AssignedTable,
    ColumnWidths,
    Finding,
    InputError,
    Line,
    PagedText,
    Piece,
    Row,
    RowBlock,
    Section,
    Sections,
    SourceText,
    TableRows,
)
from .pages import footer_numbers
from .pdf_load import Glyph, PdfDocument, PdfPage
from .rows import sequence_issue

_MIN_RULE_SHARE = 0.3  # a table rule spans at least this share of the page width
_LONGEST_LABEL = max(len(label) for label in LABELS)


@dataclass(frozen=True)
class VisualLine:
    """Glyphs on one baseline, left to right."""

    page: int
    glyphs: tuple[Glyph, ...]

    @property
    def size(self) -> float:
        return median(g.size for g in self.glyphs)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def text(self) -> str:
        """The line's text. A space is kept where the PDF prints one next to ASCII text, or
        where two ASCII words stand apart; other gaps are justification and are dropped,
        and so is a space between two CJK characters, as on the text path."""
        out = ""
        previous = None
        spaced = False
        for glyph in self.glyphs:
            if glyph.text.isspace():
                spaced = True
                continue
            if previous is not None:
                ascii_pair = previous.text.isascii() and glyph.text.isascii()
                gap = glyph.x0 - previous.x1 > 0.25 * glyph.size
                if (spaced and (previous.text.isascii() or glyph.text.isascii())) or (ascii_pair and gap):
                    out += " "
            out += glyph.text
            previous, spaced = glyph, False
        return out


def group_lines(page: int, glyphs: list[Glyph]) -> list[VisualLine]:
    """Glyphs → lines: a glyph joins a line whose vertical middle it shares."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        middle = (glyph.top + glyph.bottom) / 2
        for line in lines[-3:]:  # sorted by top: a glyph's line is one of the last begun
            if line[0].top - 0.1 <= middle <= line[0].bottom + 0.1:
                line.append(glyph)
                break
        else:
            lines.append([glyph])
    out = [VisualLine(page, tuple(sorted(line, key=lambda g: g.x0))) for line in lines]
    return [line for line in out if line.text]


@dataclass
class _Band:
    page: int
    top: float
    bottom: float
    glyphs: list[Glyph]
    open: bool = False  # no rule under it: a row the page break cut, or text after the table


@dataclass
class _TableBuild:
    layout: TableLayout
    title: Line
    labels: tuple[str, ...] = ()
    bands: list[_Band] = field(default_factory=list)
    removed: list[Line] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)


def _distinct(positions, gap: float = 1.0) -> list[float]:
    """Sorted positions with those within `gap` of the one before dropped (a rule drawn twice)."""
    merged: list[float] = []
    for position in sorted(positions):
        if not merged or position - merged[-1] > gap:
            merged.append(position)
    return merged


def _horizontal_rules(page: PdfPage) -> list[float]:
    return _distinct(r.top for r in page.rules if r.horizontal and r.x1 - r.x0 >= _MIN_RULE_SHARE * page.width)


def _header_variant(glyphs: list[Glyph], layout: TableLayout) -> tuple[str, ...] | None:
    """The labels, left to right, if the glyphs are a header of `layout` (one label per column)."""
    printed = [g for g in glyphs if g.text.strip()]
    if len(printed) > len(layout.roles) * _LONGEST_LABEL:
        return None  # a body row: more text than any header has
    groups = _label_groups(printed)
    labels = tuple(squash(_spell(group)) for group in groups)
    if any(label not in LABELS for label in labels):
        return None
    return labels if header_labels("".join(labels), layout) == labels else None


def _spell(group: list[Glyph]) -> str:
    """A header cell's text: its lines top to bottom, each left to right."""
    return "".join(g.text for g in sorted(group, key=lambda g: (round(g.top), g.x0)))


def split_header(band: _Band, layout: TableLayout) -> tuple[_Band | None, _Band | None]:
    """(header, body) of a band: a repeated header may share its band with the row fragment
    under it when the producer draws no rule between them."""
    lines = group_lines(band.page, band.glyphs)
    for k in range(1, min(len(lines), 4) + 1):
        glyphs = [g for line in lines[:k] for g in line.glyphs]
        if _header_variant(glyphs, layout):
            rest = [g for line in lines[k:] for g in line.glyphs]
            bottom = max(g.bottom for g in glyphs)
            header = _Band(band.page, band.top, bottom, glyphs)
            return header, (_Band(band.page, bottom, band.bottom, rest) if rest else None)
    return None, band


class _Numberer:
    """Gives every line a running number, so PDF lines can be cited like text lines."""

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def line(self, visual: VisualLine) -> Line:
        made = Line(len(self.lines) + 1, visual.page, visual.text)
        self.lines.append(made)
        return made


def read_document(doc: PdfDocument) -> tuple[list[Line], list[tuple[int, int, int]], list[_TableBuild], _Numberer]:
    """(preface lines, footers, tables with their bands, the line numberer) in page order."""
    numberer = _Numberer()
    preface: list[Line] = []
    footers: list[tuple[int, int, int]] = []
    tables: list[_TableBuild] = []
    for page in doc.pages:
        rules = _horizontal_rules(page)
        bands: list[_Band] = []
        for top, bottom in zip(rules, rules[1:], strict=False):
            members = [i for i, g in enumerate(page.glyphs) if top <= (g.top + g.bottom) / 2 <= bottom]
            if members:
                bands.append(_Band(page.number, top, bottom, [page.glyphs[i] for i in members]))
        # a row cut by the page end has no rule under it: the text between the last rule and
        # the footer is one more band
        if rules:
            below = [g for g in page.glyphs if (g.top + g.bottom) / 2 > rules[-1]]
            lines = [line for line in group_lines(page.number, below) if not footer_numbers(line.text)]
            if lines and not any(title_layout(line.text) for line in lines):
                glyphs = [g for line in lines for g in line.glyphs]
                bands.append(_Band(page.number, rules[-1], max(g.bottom for g in glyphs), glyphs, open=True))
        # text outside the bands, and bands holding a title, are page text
        events: list[tuple[float, object]] = []
        for band in bands:
            lines = group_lines(page.number, band.glyphs)
            if any(title_layout(line.text) for line in lines):
                events.extend((line.top, line) for line in lines)
            else:
                events.append((band.top, band))
        inside = {id(g) for band in bands for g in band.glyphs}
        outside = [g for g in page.glyphs if id(g) not in inside]
        events.extend((line.top, line) for line in group_lines(page.number, outside))
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, _Band) and not tables:  # rules before any list: the preface's
                preface.extend(numberer.line(v) for v in group_lines(page.number, event.glyphs))
                continue
            if isinstance(event, _Band):
                header, body = split_header(event, tables[-1].layout)
                tables[-1].bands.extend(b for b in (header, body) if b is not None)
                continue
            line = numberer.line(event)
            layout = title_layout(event.text)
            printed = footer_numbers(event.text)
            if layout is not None and tables and tables[-1].layout is layout:
                tables[-1].removed.append(line)  # the title repeated on the list's next page
            elif layout is not None:
                if any(t.layout is layout for t in tables):
                    raise InputError(f"page {page.number}: second title {layout.titles[0]!r}; a list may appear once")
                tables.append(_TableBuild(layout, line))
            elif printed:
                footers.append((line.number, *printed))
            elif tables:
                tables[-1].unplaced.append(line)  # text on a table's pages outside its rows
            else:
                preface.append(line)
    for table in tables:  # text under a table's last rule that no later page continues
        if table.bands and table.bands[-1].open:
            last = table.bands.pop()
            table.unplaced.extend(numberer.line(v) for v in group_lines(last.page, last.glyphs))
    return preface, footers, tables, numberer


def _vertical_boundaries(page: PdfPage, band: _Band, ncols: int) -> list[float] | None:
    spanning = (r.x0 for r in page.rules if not r.horizontal and r.top <= band.top + 1 and r.bottom >= band.bottom - 1)
    edges = _distinct(spanning)
    return edges if len(edges) == ncols + 1 else None


def _label_groups(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Header glyphs grouped into labels by horizontal overlap (a label may wrap in its cell)."""
    groups: list[list[Glyph]] = []
    reach = float("-inf")  # right edge of the current group
    for glyph in sorted(glyphs, key=lambda g: g.x0):
        if groups and glyph.x0 <= reach + 0.5 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            reach = glyph.x1
        reach = max(reach, glyph.x1)
    return groups


def _river(left: float, right: float, body: list[Glyph]) -> float:
    """The middle of the widest stretch of [left, right] that no body glyph covers."""
    spans = sorted((g.x0, g.x1) for g in body if g.x1 > left and g.x0 < right)
    best = (0.0, (left + right) / 2)
    reach = left
    for x0, x1 in spans + [(right, right)]:
        if x0 - reach > best[0]:
            best = (x0 - reach, (reach + x0) / 2)
        reach = max(reach, x1)
    return best[1]


def header_boundaries(header: list[Glyph], labels: tuple[str, ...], body: list[Glyph]) -> list[float]:
    """Column boundaries of a table without vertical rules: from its header labels and body."""
    groups = _label_groups(header)
    spelled = [_spell(group) for group in groups]
    if [squash(s) for s in spelled] != list(labels):
        raise InputError(f"cannot find the columns: header labels read {spelled}, expected {list(labels)}")
    edges = [-10_000.0]
    for a, b in zip(groups, groups[1:], strict=False):
        edges.append(_river(max(g.x1 for g in a), min(g.x0 for g in b), body))
    edges.append(max(max(g.x1 for g in group) for group in groups) + 10_000.0)
    return edges


@dataclass
class _RowBuild:
    seq_text: str
    cells: dict[int, list[VisualLine]]  # column → its lines, fragments in page order
    boxes: list[dict]


def _cell_lines(band: _Band, edges: list[float]) -> dict[int, list[VisualLine]]:
    columns: dict[int, list[Glyph]] = {}
    for glyph in band.glyphs:
        middle = (glyph.x0 + glyph.x1) / 2
        for c in range(len(edges) - 1):
            if edges[c] <= middle < edges[c + 1]:
                columns.setdefault(c, []).append(glyph)
                break
    return {c: group_lines(band.page, glyphs) for c, glyphs in columns.items()}


def _boundaries_by_page(table: _TableBuild, pages: dict[int, PdfPage]) -> dict[int, list[float]]:
    """Column boundaries for every page the table is on."""
    ncols = len(table.labels)
    out: dict[int, list[float]] = {}
    last_header: list[Glyph] | None = None
    for page_number in dict.fromkeys(band.page for band in table.bands):
        page_bands = [b for b in table.bands if b.page == page_number]
        headers = [b for b in page_bands if _header_variant(b.glyphs, table.layout)]
        body = [g for b in page_bands if b not in headers for g in b.glyphs]
        ruled = next(
            (e for b in page_bands if (e := _vertical_boundaries(pages[page_number], b, ncols)) is not None), None
        )
        if ruled is not None:
            out[page_number] = ruled
            continue
        if headers:
            last_header = headers[0].glyphs
        if last_header is None:
            raise InputError(f"page {page_number}: a table without vertical rules and without a header row")
        out[page_number] = header_boundaries(last_header, table.labels, body)
    return out


def _box(role: str, lines: list[VisualLine]) -> dict:
    """Where a cell (fragment) is printed: its text's bounding box, points from the page top left."""
    return {
        "cell": role,
        "page": lines[0].page,
        "x0": round(min(line.x0 for line in lines), 1),
        "top": round(min(line.top for line in lines), 1),
        "x1": round(max(line.x1 for line in lines), 1),
        "bottom": round(max(line.bottom for line in lines), 1),
    }


def build_rows(table: _TableBuild, pages: dict[int, PdfPage]) -> list[_RowBuild]:
    edges_by_page = _boundaries_by_page(table, pages)
    roles = [LABELS[label] for label in table.labels]
    seq_column = roles.index(SEQ)
    rows: list[_RowBuild] = []
    for band in table.bands:
        if _header_variant(band.glyphs, table.layout):
            continue
        cells = _cell_lines(band, edges_by_page[band.page])
        seq_text = " ".join(line.text for line in cells.get(seq_column, []))
        boxes = [_box(roles[c], lines) for c, lines in sorted(cells.items()) if lines]
        if seq_text or not rows:
            rows.append(_RowBuild(seq_text, {c: list(v) for c, v in cells.items()}, boxes))
        else:  # no number: the row above continues after a page break
            for c, lines in cells.items():
                rows[-1].cells.setdefault(c, []).extend(lines)
            rows[-1].boxes.extend(boxes)
    return rows


def _wrap_edge(lines: list[VisualLine]) -> float:
    """Where a column's wrapped lines end: the most common right edge (a few lines overhang)."""
    edges = Counter(round(line.x1) for line in lines)
    best = max(edges, key=lambda x: (edges[x] + edges.get(x - 1, 0) + edges.get(x + 1, 0), x))
    return float(best)


def _column_widths(rows: list[_RowBuild], ncols: int) -> tuple[dict[int, float], dict[int, float]]:
    """(left text edge, wrap width in em) of each column, measured over the whole table."""
    lefts, widths = {}, {}
    for c in range(ncols):
        lines = [line for row in rows for line in row.cells.get(c, [])]
        if not lines:
            lefts[c], widths[c] = 0.0, 1.0
            continue
        size = median(line.size for line in lines)
        lefts[c] = min(line.x0 for line in lines)
        widths[c] = (_wrap_edge(lines) - lefts[c]) / size
    return lefts, widths


def assemble_table(table: _TableBuild, rows: list[_RowBuild], numberer: _Numberer) -> tuple[Section, AssignedTable]:
    layout = table.layout
    all_roles = [LABELS[label] for label in table.labels]
    seq_column, category_column = all_roles.index(SEQ), all_roles.index(CATEGORY)
    text_columns = [c for c in range(len(all_roles)) if c not in (seq_column, category_column)]
    roles = tuple(all_roles[c] for c in text_columns)
    lefts, ems = _column_widths(rows, len(all_roles))
    widths = tuple(ems[c] for c in text_columns)
    assigned: list[Row] = []
    blocks: list[RowBlock] = []
    issues: list[Finding] = []
    body_lines: list[Line] = []
    expected = 1
    for build in rows:
        seq_lines = [numberer.line(v) for v in build.cells.get(seq_column, [])]
        category_lines = [numberer.line(v) for v in build.cells.get(category_column, [])]
        pieces: list[Piece] = []
        columns: list[int] = []
        for position, c in enumerate(text_columns):
            for visual in build.cells.get(c, []):
                line = numberer.line(visual)
                width = (visual.x1 - lefts[c]) / visual.size
                pieces.append(Piece(visual.text, line, True, width))
                columns.append(position)
        lines = tuple(seq_lines + category_lines + [p.line for p in pieces])
        body_lines.extend(lines)
        if not build.seq_text.isdigit():
            first = lines[0] if lines else None
            raise InputError(
                f"page {first.page if first else '?'}: a row of {layout.titles[0]} without a sequence number "
                f"(read {build.seq_text!r})"
            )
        seq = int(build.seq_text)
        if issue := sequence_issue(layout.key, seq, expected, f"page {lines[0].page}"):
            issues.append(issue)
        expected = seq + 1
        block = RowBlock(layout.key, seq, lines)
        blocks.append(block)
        category = "".join(line.text for line in category_lines)
        placed = place_pieces(pieces, columns, roles, widths) if pieces else []
        cost = 0.0 if {cp.role for cp in placed} == set(roles) else float("inf")
        numbers = tuple(line.number for line in category_lines)
        row = Row(layout.key, seq, category, numbers, placed, [], block, cost, build.boxes)
        assigned.append(row)
    section = Section(
        key=layout.key,
        title=table.title,
        labels=table.labels,
        lines=tuple(body_lines),
        removed=tuple(table.removed),
        unplaced=tuple(table.unplaced),
    )
    table_rows = TableRows(section, tuple(blocks), tuple(issues))
    column_widths = ColumnWidths({role: round(w, 2) for role, w in zip(roles, widths, strict=True)})
    return section, AssignedTable(table_rows, column_widths, tuple(assigned))


def read_tables(doc: PdfDocument) -> tuple[PagedText, Sections, dict[str, AssignedTable]]:
    preface, footers, tables, numberer = read_document(doc)
    if not tables:
        names = "、".join(layout.titles[0] for layout in LAYOUTS)
        raise InputError(f"not a 履职事项清单: none of the list titles ({names}) was found")
    missing = [layout.titles[0] for layout in LAYOUTS if layout.key not in {t.layout.key for t in tables}]
    if missing:
        raise InputError(f"missing table: {'、'.join(missing)} (no title line found)")
    pages = {page.number: page for page in doc.pages}
    sections: list[Section] = []
    assigned: dict[str, AssignedTable] = {}
    for table in tables:
        if not table.bands:
            raise InputError(
                f"{table.layout.titles[0]}: no ruled rows under the title (PDF tables are read from their ruling lines)"
            )
        headers = [band for band in table.bands if _header_variant(band.glyphs, table.layout)]
        if not headers:
            raise InputError(f"{table.layout.titles[0]}: no header row matching a known layout")
        table.labels = _header_variant(headers[0].glyphs, table.layout)
        section, result = assemble_table(table, build_rows(table, pages), numberer)
        sections.append(section)
        assigned[table.layout.key] = result
    numbered = numberer.lines
    source = SourceText(doc.name, doc.sha256, "pdf", tuple(line.text for line in numbered), "pdf", doc.notes)
    starts = []
    for line in sorted(numbered, key=lambda x: (x.page, x.number)):
        if not starts or numbered[starts[-1] - 1].page != line.page:
            starts.append(line.number)
    paged = PagedText(source, tuple(numbered), tuple(starts), tuple(footers))
    preface_section = Section("preface", None, (), tuple(preface), ())
    order = [layout.key for layout in LAYOUTS]
    sections.sort(key=lambda s: order.index(s.key))
    return paged, Sections(paged, preface_section, tuple(sections)), assigned
