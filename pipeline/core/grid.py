"""grid: a table read as rows of cells — by every reader that knows where its cells are (PDF, Word,
Excel, web page) — → the stage values the checks read (Section, AssignedTable). Each cell's lines
become pieces. Where the form prints lines (PDF), core/cells.py decides which breaks are the
document's, from the room left on a line and the width of the next one's first unit; where the form
holds paragraphs (Word, Excel, HTML), every paragraph of a cell is a line and every break between
them the file's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import (
    AssignedTable,
    CellPiece,
    ColumnWidths,
    Finding,
    Line,
    Piece,
    Row,
    RowBlock,
    Section,
    SectionHeading,
    TableRows,
    Template,
)
from ..settings import DEFAULT, Settings
from ..spec import CATEGORY_FIELDS, SEQ, Box, CellRef, ListSpec
from .cells import place_pieces
from .lists import LayoutError, sequence_issue
from .section_rows import categories_under, heading_of


@dataclass(frozen=True, eq=False)  # compared by identity: a merged cell's line, shared by rows, is one line
class CellLine:
    """One line of a cell (a paragraph, where the form knows its paragraphs)."""

    text: str
    page: int = 0  # 0 where the form has no pages
    ref: str = ""  # where in the file: 配合履职事项清单!E7, table 2 row 5 cell 3 (PDF: its boxes say)
    width: float = 0.0  # em
    room: float | None = None  # em left on the line before the column's edge (PDF)
    lead: float | None = None  # em of its first unbreakable unit (PDF)


@dataclass
class GridRow:
    seq_text: str
    cells: dict[int, list[CellLine]]  # column → its lines, in order
    boxes: list[Box] | None = None  # PDF: where each fragment is printed
    merged: list[tuple[str, int, int, int]] = field(default_factory=list)  # (cell, printed in, first, last row)
    refs: list[CellRef] | None = None  # a file of cells: where each cell is
    heading: CellLine | None = (
        None  # a section row: its heading (一、党的建设), giving the rows under it their category
    )


class Numberer:
    """Gives every line a running number, so lines of any form can be cited like text lines; a line
    that several rows share (a merged cell's) keeps its one number."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._given: dict[int, tuple[object, Line]] = {}  # the object kept: its id stays its own

    def line(self, text: str, page: int = 0, ref: str = "", key: object | None = None) -> Line:
        """The line for `key` (an object of the reader's), numbered the first time it is asked for."""
        if key is None or id(key) not in self._given:
            made = Line(len(self.lines) + 1, page, text, ref)
            self.lines.append(made)
            if key is None:
                return made
            self._given[id(key)] = (key, made)
        return self._given[id(key)][1]


def place(line: Line) -> str:
    """Where a line is, for a person: its page, or its place in the file."""
    return f"page {line.page}" if line.page else line.ref


def paragraphs_as_given(pieces: list[Piece], columns: list[int], roles: tuple[str, ...]) -> list[CellPiece]:
    """A file of cells' pieces in their cells: each line after a cell's first is a paragraph of its
    own (Word's paragraphs, Excel's Alt+Enter, a page's <br>) — breaks the file holds, not wraps."""
    seen: set[int] = set()
    placed = []
    for piece, column in zip(pieces, columns, strict=True):
        placed.append(CellPiece(piece, roles[column], column in seen))
        seen.add(column)
    return placed


def assemble_table(
    spec: ListSpec,
    title: Line,
    template: Template,
    rows: list[GridRow],
    numberer: Numberer,
    widths: dict[int, float] | None = None,
    removed: tuple[Line, ...] = (),
    unplaced: tuple[Line, ...] = (),
    settings: Settings = DEFAULT,
) -> tuple[Section, AssignedTable]:
    """The table's Section and AssignedTable. `widths`: each column's wrap width in em, where the form
    prints lines (the em-width rule needs it where a line carries no geometry); None for a file of
    cells, whose every line is a paragraph the file holds."""
    all_roles = template.roles
    seq_column = all_roles.index(SEQ)
    category_columns = [c for c, role in enumerate(all_roles) if role in CATEGORY_FIELDS]
    text_columns = [c for c in range(len(all_roles)) if c != seq_column and c not in category_columns]
    roles = tuple(all_roles[c] for c in text_columns)
    mandatory = {role for role in roles if role in spec.mandatory}
    ems = tuple((widths or {}).get(c, 0.0) for c in text_columns)
    seqs = [int(row.seq_text) if row.seq_text.isdigit() else None for row in rows]
    assigned: list[Row] = []
    blocks: list[RowBlock] = []
    issues: list[Finding] = []
    body_lines: list[Line] = []
    headings: list[tuple[int, SectionHeading]] = []
    expected = 1

    def numbered(cell: CellLine) -> Line:
        return numberer.line(cell.text, cell.page, cell.ref, key=cell)

    for build in rows:
        if build.heading is not None:
            line = numbered(build.heading)
            body_lines.append(line)
            headings.append((len(assigned), heading_of(line)))
            continue
        seq_lines = [numbered(cell) for cell in build.cells.get(seq_column, [])]
        category_lines = {c: [numbered(cell) for cell in build.cells.get(c, [])] for c in category_columns}
        pieces: list[Piece] = []
        columns: list[int] = []
        for position, c in enumerate(text_columns):
            for cell in build.cells.get(c, []):
                pieces.append(Piece(cell.text, numbered(cell), True, cell.width, cell.room, cell.lead))
                columns.append(position)
        printed_categories = [line for lines in category_lines.values() for line in lines]
        lines = tuple(seq_lines + printed_categories + [p.line for p in pieces])
        body_lines.extend(lines)
        if not build.seq_text.isdigit():
            at = place(lines[0]) if lines else "?"
            raise LayoutError(f"{at}: a row of {spec.title} without a sequence number (read {build.seq_text!r})")
        seq = int(build.seq_text)
        if issue := sequence_issue(spec.key, seq, expected, place(lines[0])):
            issues.append(issue)
        expected = seq + 1
        block = RowBlock(spec.key, seq, lines)
        blocks.append(block)
        categories = {all_roles[c]: "".join(line.text for line in category_lines[c]) for c in category_columns}
        if widths is None:
            placed = paragraphs_as_given(pieces, columns, roles)
        else:
            placed = place_pieces(pieces, columns, roles, ems, settings) if pieces else []
        cost = 0.0 if mandatory <= {cp.role for cp in placed} else float("inf")
        numbers = tuple(line.number for line in printed_categories)
        merged = [{"cell": r, "printed_in": seqs[p], "first": seqs[a], "last": seqs[b]} for r, p, a, b in build.merged]
        row = Row(
            spec.key, seq, categories, numbers, placed, [], block, cost, build.boxes, merged=merged, refs=build.refs
        )
        assigned.append(row)
    by_row, unheaded = categories_under(headings, len(assigned), template)
    for row, given in zip(assigned, by_row, strict=True):
        row.sections = given
    section = Section(
        spec.key,
        title,
        template,
        tuple(body_lines),
        tuple(removed),
        tuple(unplaced) + tuple(unheaded),
        headings=tuple(heading for _, heading in headings),
    )
    table_rows = TableRows(section, tuple(blocks), tuple(issues))
    column_widths = ColumnWidths({role: round(w, 2) for role, w in zip(roles, ems, strict=True) if widths})
    return section, AssignedTable(table_rows, column_widths, tuple(assigned))
