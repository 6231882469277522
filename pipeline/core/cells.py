"""cells: how a cell's lines read, for every reader that measures its lines (text and PDF) — which
line breaks inside a cell are the document's (a new item, heading or department) and which are wraps,
and where a cell's lines do not read as wrapped text at all.

A line that fills its column wrapped; a short one ends a paragraph. The next item of a numbered
list, and a line that is a heading whole, start a new paragraph even after a full line. What only
continues text (、，。 …) never starts one.
"""

from __future__ import annotations

import regex

from ..model import CellPiece, Line, Piece, Row
from ..settings import DEFAULT, Settings, WalkCosts
from ..spec import CATEGORY, PROSE_FIELDS, SEQ, Kind, kind_of
from .grammar import (
    CLOSING,
    FIRST_ITEM,
    ITEM_START,
    NO_END,
    NO_START,
    NUMBERED,
    SECTION_HEADING,
    SENTENCE_END,
    is_heading,
    is_org_heading,
    is_section_heading,
)


def is_full(width: float, limit: float, slack: float = DEFAULT.cells.full_slack) -> bool:
    """A line this wide in a column this wide wrapped (it may fall `slack` em short)."""
    return width >= limit - slack


def wraps(prev: Piece, run_width: float, limit: float, nxt: Piece, settings: Settings = DEFAULT) -> bool:
    """Whether the line ending with `prev` wrapped into the one `nxt` begins. Where the geometry is
    known: iff `nxt`'s first unit did not fit in the room left, or the text gives no reason for a
    paragraph to end there (may_part); else iff the line is full."""
    if prev.room is not None and nxt.lead is not None:
        return nxt.lead > prev.room + settings.cells.fit_tolerance or not may_part(prev, nxt)
    return is_full(run_width, limit, settings.cells.full_slack)


def may_part(prev: Piece, nxt: Piece) -> bool:
    """Whether the text allows a paragraph to end between two lines: the first ends a sentence or is
    a heading, or the second opens an item or a heading. A line that ends mid-sentence a little short
    is a typesetter's break (line-breaking rules, spacing around Latin text, punctuation compressed),
    never the document's."""
    return (
        prev.text[-1] in SENTENCE_END + CLOSING
        or is_heading(prev.text)
        or ITEM_START.match(nxt.text) is not None
        or is_heading(nxt.text)
        or is_org_heading(nxt.text)
    )


def ends_full(last: Piece, run_width: float, limit: float, settings: Settings = DEFAULT) -> bool:
    """Whether a cell's last line filled its column (no room left for another character)."""
    if last.room is not None:
        return last.room < 1.0 - settings.cells.fit_tolerance
    return is_full(run_width, limit, settings.cells.full_slack)


def continue_cost(prev: Piece, run_width: float, limit: float, nxt: Piece, settings: Settings = DEFAULT) -> float:
    """The walk's price of the next line staying in the same cell: nothing after a full line, more
    the less reason a short line gives to go on."""
    costs: WalkCosts = settings.walk
    if wraps(prev, run_width, limit, nxt, settings) or prev.text.endswith("、") or nxt.text[0] in NO_START:
        return 0.0
    if FIRST_ITEM.match(nxt.text) and not is_heading(prev.text):
        return costs.restart_in_cell
    if ITEM_START.match(nxt.text) or is_heading(nxt.text) or is_heading(prev.text):
        return costs.new_paragraph
    if prev.text[-1] in CLOSING and nxt.text[0] in NO_END:  # 《某法》 / 《某条例》: one title a line
        return costs.new_paragraph
    if prev.text[-1] in SENTENCE_END:
        return costs.after_sentence
    return costs.short_then_more


def row_departments(pieces: list[Piece], columns: list[int], roles: tuple[str, ...]) -> frozenset[str]:
    """The names a row's department cells list (their lines joined: a name may wrap)."""
    cells: dict[int, str] = {}
    for piece, column in zip(pieces, columns, strict=True):
        if kind_of(roles[column]) == Kind.ORGS:
            cells[column] = cells.get(column, "") + piece.text
    return frozenset(name.strip() for text in cells.values() for name in text.split("、") if name.strip())


def headings_alone(
    pieces: list[Piece], columns: list[int], widths: tuple[float, ...], settings: Settings = DEFAULT
) -> set[int]:
    """The columns of a row where a department heading stands alone on its line, the next line
    surely not its wrap: there the cell's headings are paragraphs of their own."""
    out: set[int] = set()
    last: dict[int, tuple[Piece, float]] = {}
    for piece, column in zip(pieces, columns, strict=True):
        before = last.get(column)
        if before is not None and before[0].line.number != piece.line.number:
            prev, run = before
            if (
                prev.first_on_line
                and is_org_heading(prev.text)
                and not wraps(prev, run, widths[column], piece, settings)
            ):
                out.add(column)
        run = piece.width + (before[1] if before is not None and before[0].line.number == piece.line.number else 0)
        last[column] = (piece, run)
    return out


def place_pieces(
    pieces: list[Piece],
    columns: list[int],
    roles: tuple[str, ...],
    widths: tuple[float, ...],
    settings: Settings = DEFAULT,
) -> list[CellPiece]:
    """Pieces with their cell and whether a hard line break precedes them in that cell.

    The row's department cell says which names are its departments: a line that is a heading whole
    naming one of them — or in a cell whose other headings stand alone on their lines — ends its
    paragraph even when it filled its line, and a heading line that only ends a name the line before
    began (中国邮政储蓄银行股份有限公司阿合奇 / 县支行：) continues it."""
    names = row_departments(pieces, columns, roles)
    alone = headings_alone(pieces, columns, widths, settings)
    placed: list[CellPiece] = []
    last: dict[int, tuple[Piece, float]] = {}  # column → (its last piece, width of that line's run)
    item: dict[int, int] = {}  # column → number of its last numbered item
    for piece, column in zip(pieces, columns, strict=True):
        before = last.get(column)
        hard = False
        numbered = NUMBERED.match(piece.text) if piece.first_on_line else None
        number = int(regex.match(r"\d+", piece.text)[0]) if numbered else None
        if before is not None and piece.line.number != before[0].line.number and kind_of(roles[column]) == Kind.PROSE:
            prev, run_width = before
            wrapped = wraps(prev, run_width, widths[column], piece, settings)
            opens = ITEM_START.match(piece.text) is not None or is_heading(piece.text)
            # the next item of a numbered list starts a line even after a full one without 。/；,
            # and so does a line that is a heading whole (二、重污染天气应急应对, 某某局：) — unless it
            # is the end of a department's name the line before began
            successor = number is not None and number == item.get(column, 0) + 1
            heading = piece.first_on_line and (is_org_heading(piece.text) or is_section_heading(piece.text))
            if heading and wrapped and prev.first_on_line and piece.text[:-1] not in names:
                heading = (prev.text + piece.text[:-1]) not in names
            after_heading = (
                prev.first_on_line and is_org_heading(prev.text) and (prev.text[:-1] in names or column in alone)
            )
            hard = not wrapped or successor or heading or after_heading or (opens and prev.text[-1] in SENTENCE_END)
            hard = hard and piece.text[0] not in NO_START and not prev.text.endswith("、")
        if number is not None:
            item[column] = number
        run = piece.width
        if before is not None and before[0].line.number == piece.line.number:
            run += before[1]
        last[column] = (piece, run)
        placed.append(CellPiece(piece, roles[column], hard))
    return placed


def unexplained_breaks(row: Row, widths: dict[str, float], settings: Settings = DEFAULT) -> list[tuple[Line, str]]:
    """(line, cell) where a cell goes on after a short line for no visible reason.

    In a rightly split row a cell's line is short only at a paragraph's end: before a
    numbered item or heading, after a sentence, or at the end of a (possibly wrapped)
    section heading — and names and department lists have one paragraph only. Text that had
    to be forced into the wrong cell, or lines out of order, show up here.
    """
    found = []
    last: dict[str, tuple[Piece, float, str]] = {}  # cell → (last piece, its line's run width, paragraph start)
    for cp in row.placed:
        piece, role = cp.piece, cp.role
        before = last.get(role)
        paragraph = piece.text
        run = piece.width
        if before is not None:
            prev, run_width, paragraph = before
            if prev.line.number == piece.line.number:
                run += run_width
            elif not SECTION_HEADING.match(paragraph):
                if role in PROSE_FIELDS:
                    # a short line ends a paragraph: what follows it must open a new one (a list
                    # starting again is the numbering check's to judge)
                    cost = continue_cost(prev, run_width, widths[role], piece, settings)
                    unexplained = cost >= settings.walk.after_sentence and not FIRST_ITEM.match(piece.text)
                else:
                    continues = piece.text[0] in NO_START or prev.text.endswith("、")
                    unexplained = not wraps(prev, run_width, widths[role], piece, settings) and not continues
                if unexplained:
                    found.append((piece.line, role))
            if cp.break_before:
                paragraph = piece.text
        last[role] = (piece, run, paragraph)
    return found


def abrupt_ends(row: Row, widths: dict[str, float], settings: Settings = DEFAULT) -> list[tuple[Line, str]]:
    """(line, cell) where a paragraph ends on a full line without closing punctuation:
    the next line begins a new item although the sentence before it looks cut off."""
    found = []
    last: dict[str, tuple[Piece, float]] = {}
    for cp in row.placed:
        before = last.get(cp.role)
        run = cp.piece.width
        if before is not None and before[0].line.number == cp.piece.line.number:
            run += before[1]
        elif before is not None and cp.break_before:
            prev, run_width = before
            closed = prev.text[-1] in CLOSING or is_heading(prev.text)
            if wraps(prev, run_width, widths[cp.role], cp.piece, settings) and not closed:
                found.append((prev.line, cp.role))
        last[cp.role] = (cp.piece, run)
    return found


def line_cells(row: Row) -> dict[int, list[str]]:
    """Source line number → the cells its pieces went to (for explain)."""
    out: dict[int, list[str]] = {}
    numbers = [line.number for line in row.block.lines]
    out[numbers[0]] = [SEQ]
    for number in row.category_lines:
        out.setdefault(number, []).append(CATEGORY)
    for cp in row.placed:
        out.setdefault(cp.piece.line.number, []).append(cp.role)
    for piece in row.stray:
        out.setdefault(piece.line.number, []).append("(stray)")
    return out
