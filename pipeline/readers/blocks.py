"""blocks: a file of cells — Word, Excel, a web page — read as its paragraphs and tables in order →
Document. What the form's reader gives (`Paragraph`s and `Grid`s of `Cell`s, each with where it is
in the file) is the same for all three; from there they share everything: the preface is the text
before the first list title, a list is its title and the tables after it (one list may take several
tables, each repeating the header), a header maps its columns by label (a two-level header by its
lower labels), a cell merged down several rows gives every row its text, and every paragraph of a
cell is a line whose break core/cells.py keeps only where the text allows a paragraph to end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..core.grammar import section_row_heading, sign_off_lines
from ..core.grid import CellLine, GridRow, Numberer, assemble_table
from ..core.lists import LayoutError, list_order, second_title, title_spec
from ..core.template import is_label_like, read_template
from ..core.text import squash
from ..model import (
    AssignedTable,
    ColumnWidths,
    Document,
    Line,
    PagedText,
    Section,
    Sections,
    SourceText,
    TableRows,
    Template,
)
from ..settings import DEFAULT, Settings
from ..spec import KEYS, SEQ, ListSpec

# What may stand alone before a list's title: 附件1, 附件2：
_ANNEX = regex.compile(r"^附件\s*\d{0,2}\s*[:：]?$")
# Gaps between CJK characters are a source's whitespace, not text (as on the text path).
_CJK_GAP = regex.compile(r"(?<=[\p{Han}，。、；：？！“”‘’（）《》【】])\s+(?=[\p{Han}，。、；：？！“”‘’（）《》【】])")


def clean(text: str) -> str:
    """A paragraph's text: white space runs one space, none between CJK characters, none at the ends."""
    return _CJK_GAP.sub("", " ".join(text.split()))


@dataclass(frozen=True, eq=False)  # compared by identity: a merged cell is one Cell in every place it covers
class Cell:
    paragraphs: tuple[str, ...]
    ref: str  # where it is in the file: table 2 row 5 cell 3, 配合履职事项清单!E7


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[Cell, ...], ...]  # every row as wide as the grid; a merged cell the same object throughout
    ref: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    ref: str


@dataclass(frozen=True)
class FileCells:
    """What a form's reader gives: the file's blocks in order, what reading computed or left out
    ((where, what) notes: Word's numbering, hidden sheets), and the encoding its text was in."""

    blocks: list[Paragraph | Grid]
    notes: tuple[tuple[str, str], ...] = ()
    encoding: str = ""


@dataclass
class _List:
    spec: ListSpec
    title: Line
    grids: list[Grid] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    removed: list[Line] = field(default_factory=list)


def _text(cell: Cell) -> str:
    return squash("".join(cell.paragraphs))


def _header_row(row: tuple[Cell, ...]) -> bool:
    """Whether a grid row could be (part of) a header: two cells or more, each short and no number."""
    texts = [_text(cell) for cell in _distinct(row) if cell.paragraphs]
    return len(texts) >= 2 and all(is_label_like(text) for text in texts)


def header_rows(grid: Grid, spec: ListSpec, start: int = 0) -> tuple[int, Template, list[int]] | None:
    """(rows the header takes, its template, the grid column each of its columns starts at) if the
    grid's rows from `start` begin with a header — rows of labels up to the first row that is none
    (a two-row header: each column named by its lower label, the upper one its parent) — else None.
    A header that names no column for the item's name, or two for one field, is refused (LayoutError)."""
    depth = 0
    while start + depth < len(grid.rows) and depth < 3 and _header_row(grid.rows[start + depth]):
        depth += 1
    if not depth:
        return None
    rows = grid.rows[start : start + depth]
    width = max((c + 1 for row in rows for c, cell in enumerate(row) if cell.paragraphs), default=0)
    columns = [c for c in range(width) if c == 0 or not _same_cell(rows, c)]
    stacks = [tuple("\n".join(row[c].paragraphs) for row in rows) for c in columns]
    return depth, read_template(spec, stacks, depth), columns


def _same_cell(rows: tuple[tuple[Cell, ...], ...], column: int) -> bool:
    """Whether a column of header rows is the one before it spanned over (its label printed once)."""
    return all(row[column] is row[column - 1] for row in rows)


def _section_row(cells: list[Cell], seq: int, width: int) -> str | None:
    """The heading of a row that gives the rows under it their category (一、党的建设): its one
    text, in a cell spanning the table or alone in the row, and no sequence number."""
    distinct = [cell for cell in _distinct(cells) if cell.paragraphs]
    if len(distinct) != 1 or _text(cells[seq]).isdigit():
        return None
    text = clean("".join(distinct[0].paragraphs))
    spans = sum(cell is distinct[0] for cell in cells) == width
    return text if section_row_heading(text, bare=spans) else None


def _body(grid: Grid, start: int, columns: list[int], template: Template, header: set[str]) -> list[GridRow]:
    """The grid's rows from `start` as rows of the list: a cell merged down several rows gives each
    its text (the lines shared), and each says where it was printed; a row spanning the table with a
    category heading is a section row; a repeat of the header is left out."""
    roles = template.roles
    seq = roles.index(SEQ)
    out: list[GridRow] = []
    lines: dict[int, tuple[Cell, list[CellLine]]] = {}  # id of a cell → the cell (kept) and its lines
    spans: dict[int, tuple[int, list[int]]] = {}  # id of a cell → (its column, the rows it spans)
    for r in range(start, len(grid.rows)):
        cells = [grid.rows[r][c] if c < len(grid.rows[r]) else _EMPTY for c in columns]
        if not any(cell.paragraphs for cell in cells) or header_like(cells, header):
            continue
        heading = _section_row(cells, seq, len(cells))
        if heading is not None:
            cell = next(cell for cell in cells if cell.paragraphs)
            out.append(GridRow("", {}, None, [], [], CellLine(heading, 0, cell.ref)))
            continue
        made: dict[int, list[CellLine]] = {}
        refs = []
        for position, cell in enumerate(cells):
            if any(cell is other for other in cells[:position]):
                continue  # a cell spanning columns: its text is the first column's
            if id(cell) not in lines:
                lines[id(cell)] = (cell, [CellLine(clean(p), 0, cell.ref) for p in cell.paragraphs if clean(p)])
            spans.setdefault(id(cell), (position, []))[1].append(len(out))
            if lines[id(cell)][1]:
                made[position] = lines[id(cell)][1]
                refs.append({"cell": roles[position], "ref": cell.ref})
        seq_text = " ".join(line.text for line in made.get(seq, []))
        out.append(GridRow(seq_text, made, None, [], refs))
    for position, rows in spans.values():
        if len(rows) > 1:
            for index in rows:
                out[index].merged.append((roles[position], rows[0], rows[0], rows[-1]))
    return out


_EMPTY = Cell((), "")


def _distinct(cells) -> list[Cell]:
    """The cells of a row, each merged cell once."""
    out: list[Cell] = []
    for cell in cells:
        if not any(cell is seen for seen in out):
            out.append(cell)
    return out


def header_like(cells: list[Cell], header: set[str]) -> bool:
    """A header row repeated where a list goes on in another table or on another page: every text
    of it one of the header's."""
    texts = {_text(cell) for cell in cells if cell.paragraphs}
    return bool(texts) and texts <= header


def _outside(grid: Grid, start: int, columns: list[int], width: int) -> list[tuple[str, str]]:
    """(text, ref) of the cells in grid columns no header column starts at that are not the cell of
    the column before them: text no column of the list holds."""
    out = []
    for row in grid.rows[start:]:
        for c in range(1, min(width, len(row))):
            if c not in columns and row[c] is not row[c - 1] and row[c].paragraphs:
                out.append((clean("".join(row[c].paragraphs)), row[c].ref))
    return out


def grid_title(grid: Grid) -> str | None:
    """A list's title printed as a table's first row, across its columns."""
    if not grid.rows:
        return None
    text = clean("".join("".join(c.paragraphs) for c in _distinct(grid.rows[0])))
    return text if title_spec(text) is not None else None


def _read_list(item: _List, numberer: Numberer, settings: Settings) -> tuple[Section, AssignedTable]:
    if not item.grids:
        raise LayoutError(f"{item.spec.title}: no table after the title")
    template: Template | None = None
    columns: list[int] = []
    header: set[str] = set()
    rows: list[GridRow] = []
    outside: list[Line] = []
    for grid in item.grids:
        start = 1 if grid_title(grid) else 0
        found = header_rows(grid, item.spec, start)
        if found is None and template is None:
            first = " | ".join(_text(cell) for cell in _distinct(grid.rows[start])) if len(grid.rows) > start else ""
            raise LayoutError(f"{grid.ref}: {item.spec.title} has no header row (its first row reads {first[:60]!r})")
        if found is not None:
            depth, grid_template, columns = found
            if template is not None and grid_template.roles != template.roles:
                raise LayoutError(f"{grid.ref}: the header of {item.spec.title} differs from its first table's")
            template = grid_template
            header = {_text(row[c]) for row in grid.rows[start : start + depth] for c in columns}
        else:
            depth = 0  # a table going on without its header: the columns of the one before
        before = len(rows)
        rows += _body(grid, start + depth, columns, template, header)
        width = max((len(row) for row in grid.rows), default=0)
        outside += [numberer.line(text, 0, ref) for text, ref in _outside(grid, start + depth, columns, width)]
        for row in rows[before:]:  # merged cells counted from this grid's first row on
            row.merged = [(role, p + before, a + before, b + before) for role, p, a, b in row.merged]
    if not any(row.heading is None for row in rows):
        raise LayoutError(f"{item.grids[0].ref}: the table of {item.spec.title} has a header but no rows")
    return assemble_table(
        item.spec,
        item.title,
        template,
        rows,
        numberer,
        None,
        tuple(item.removed),
        tuple(item.unplaced) + tuple(outside),
        settings,
    )


def read_blocks(
    blocks: list[Paragraph | Grid], source: SourceText, settings: Settings = DEFAULT, web_page: bool = False
) -> Document:
    """The Document of a file of cells. A list titled twice is refused. A paragraph among a list's
    tables that is no title and no 附件N is text outside every row (the unplaced check fails on it).
    After the last list's tables comes the sign-off; then, on a web page, the site: its footer, its
    links (to other lists too) — removed. A web page's preface begins at its 说明 or the document's
    title; what comes before is the site's navigation and the article's details."""
    numberer = Numberer()
    preface: list[Line] = []
    lists: list[_List] = []
    loose: list[Line] = []  # paragraphs after the current list's tables
    site: list[Line] = []  # a web page's text after the document

    def start(spec: ListSpec, line: Line, ref: str) -> None:
        nonlocal loose
        if any(item.spec is spec for item in lists):
            raise second_title(ref, line.text)
        if lists:
            annex = [x for x in loose if _ANNEX.match(x.text)]
            lists[-1].removed.extend(annex)
            lists[-1].unplaced.extend(x for x in loose if x not in annex)
            loose = []
        lists.append(_List(spec, line))

    for block in blocks:
        ended = web_page and len(lists) == len(KEYS) and bool(lists[-1].grids)
        if isinstance(block, Grid):
            title = grid_title(block)
            if ended and (title is not None or loose):
                break  # a table after the document's end: the site's
            if title is not None and (not lists or lists[-1].spec is not title_spec(title) or lists[-1].grids):
                start(title_spec(title), numberer.line(title, 0, block.rows[0][0].ref), block.ref)
            if lists:
                lists[-1].unplaced.extend(loose)
                loose = []
                lists[-1].grids.append(block)
            continue
        text = clean(block.text)
        if not text:
            continue
        line = numberer.line(text, 0, block.ref)
        spec = title_spec(text)
        if spec is not None and ended:
            site.append(line)  # a link to this or another township's list
            break
        if spec is not None:
            start(spec, line, block.ref)
        elif lists:
            loose.append(line)
        else:
            preface.append(line)
    list_order({item.spec.key: index for index, item in enumerate(lists)})
    sign_off: list[Line] = []
    if lists:
        texts = [line.text for line in loose]
        if web_page:
            k = sign_off_lines(texts, at_end=False)
            sign_off, site = loose[:k], loose[k:] + site
            lists[-1].removed.extend(site)
        else:
            k = sign_off_lines(texts)
            sign_off = loose[len(loose) - k :] if k else []
            lists[-1].unplaced.extend(loose[: len(loose) - k])
    furniture: list[Line] = []
    if web_page:
        furniture, preface = site_furniture(preface)
    sections, tables = [], {}
    for item in lists:
        try:
            section, table = _read_list(item, numberer, settings)
        except LayoutError as exc:
            section = Section(item.spec.key, item.title, None, (), tuple(item.removed), tuple(item.unplaced), str(exc))
            table = AssignedTable(TableRows(section, (), ()), ColumnWidths({}), ())
        sections.append(section)
        tables[item.spec.key] = table
    lines = tuple(numberer.lines)
    source = SourceText(
        source.name, source.sha256, source.encoding, tuple(x.text for x in lines), source.form, source.notes
    )
    paged = PagedText(source, lines, (), ())
    sections.sort(key=lambda s: KEYS.index(s.key))
    preface_section = Section("preface", None, None, tuple(preface), tuple(furniture))
    return Document(
        paged, Sections(paged, preface_section, tuple(sections), tuple(sign_off)), {k: tables[k] for k in KEYS}
    )


def site_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the site's, the document's) of a web page's text before the first list: the document begins
    at its 说明, or else at its title (…履职事项清单); with neither, all of it is the document's."""
    for opens in (lambda t: squash(t) == "说明", lambda t: squash(t).endswith("履职事项清单")):
        at = next((i for i in range(len(lines) - 1, -1, -1) if opens(lines[i].text)), None)
        if at is not None:
            return lines[:at], lines[at:]
    return [], lines
