"""columns: TableRows → AssignedTable. Places every piece of every row in a cell.

The converter writes a row's cells one after another, each wrapped at its column's width,
so what tells cells apart is measured from the document itself:

* each text column's wrap width: the peaks of the histogram of line widths (a wrapped
  cell's lines are full width but for its last). Which peak is which column is not
  guessed: every mapping is tried and the one that explains the table best is kept;
* within a row, the cheapest way to walk the pieces through the columns in order
  (Viterbi): a full-width line wraps and so continues its cell, a short one ends it or
  ends a paragraph (numbered items, headings); a gap within a line separates columns;
  a line never exceeds its column's width; a department cell must read as a list of
  organisation names; a page break may resume any column (row fragments).

Rows that no walk explains are reported, never guessed.
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

from .layouts import (
    CATEGORY_LIKE,
    CLOSING,
    HEADING_ROLES,
    LABELS,
    LONE_MARKS,
    NO_START,
    ORG_LIST_ROLES,
    ORG_SUFFIXES,
    PARAGRAPH_ROLES,
    SECTION_HEADING,
    SENTENCE_END,
    TableLayout,
)
from .model import AssignedTable, CellPiece, ColumnWidths, Line, Piece, Row, RowBlock, TableRows

_ITEM_START = regex.compile(
    r"^(?:\d{1,2}\s*[.．、]|\d{1,2} (?=\S)|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|[①-⑳])"
)
_FIRST_ITEM = regex.compile(r"^(?:1\s*[.．、]|一、|[（(][1一][）)]|①)")
_NUMBERED = regex.compile(r"^\d{1,2}(?:\s*[.．、]| (?=\S))")
_SECTION = SECTION_HEADING
_PARENTHETICAL = regex.compile(r"[（(][^（()）]*[）)]$")


@dataclass(frozen=True)
class Costs:
    """The walk's prices. Only their order matters much; see the module docstring."""

    tolerance: float = 1.0  # how far a line may pass its column's width (hanging punctuation)
    gap_in_cell: float = 1.0  # a gap inside one cell's line (converter noise)
    short_then_more: float = 3.0  # a short line continued in the same cell with no reason
    new_paragraph: float = 0.2  # a short line, then a numbered item or heading, same cell
    after_sentence: float = 0.5  # a short line ending a sentence, then more, same cell
    restart_in_cell: float = 1.0  # a "1." inside a cell not right after a heading
    advance: float = 0.5  # moving to the next column
    advance_after_full: float = 1.5  # moving on although the line was full (it wrapped)
    bad_start: float = 5.0  # a cell starting with punctuation that only continues text
    mid_list_start: float = 1.0  # a cell starting at item 2., 3. … of a numbered list
    bad_org_list: float = 6.0  # a department cell that is not a list of organisation names
    unknown_org: float = 2.5  # a department the table's duty headings never name
    dangling_heading: float = 2.0  # a cell ending on a heading, with nothing under it
    misplaced_heading: float = 1.5  # a department heading (某某局：) outside the duty columns
    unfinished: float = 0.7  # a prose cell left mid-sentence (no closing punctuation)
    page_jump: float = 1.0  # a page fragment resuming another column than the last
    unplaced_row: float = 1000.0  # a row no walk explains (for choosing the width mapping)
    longest_org_name: int = 60  # characters: a longer "name" in a department cell is not one


COSTS = Costs()


def text_width(text: str) -> float:
    """Printed width in em: wide and ambiguous (CJK punctuation) characters 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def is_org_list(text: str) -> bool:
    """True if text reads as 、-separated organisation names (阿合奇县委组织部、县统计局)."""
    items = text.split("、")
    for item in items:
        name = _PARENTHETICAL.sub("", item.strip())
        if len(name) < 3 or not name.endswith(ORG_SUFFIXES):
            return False
    return True


def is_org_heading(text: str) -> bool:
    """某某局： — a whole line naming one organisation, as duty text is organised under."""
    return text.endswith(("：", ":")) and "、" not in text and is_org_list(text[:-1])


def _is_section_heading(text: str) -> bool:
    """一、扬尘综合治理: a numbered section's title, not ending like a sentence."""
    return _SECTION.match(text) is not None and text[-1] not in SENTENCE_END + "，、"


def _is_heading(text: str) -> bool:
    """A department heading (某某局：) or a section heading (一、扬尘综合治理)."""
    return text.endswith(("：", ":")) or (_SECTION.match(text) is not None and text[-1] not in SENTENCE_END)


# ---------------------------------------------------------------- pieces


def _join_item_numbers(words: list[str]) -> list[str]:
    """'3 申报…' is item 3 typed without its dot, not a number cell: keep it with its text."""
    if len(words) > 1 and words[0].isdigit() and len(words[0]) <= 2:
        return [f"{words[0]} {words[1]}", *words[2:]]
    return words


def split_row(block: RowBlock, categories: tuple[str, ...]) -> tuple[str, tuple[int, ...], list[Piece], list[Piece]]:
    """(category, its line numbers, pieces to place, stray marks) of one row block."""
    pieces: list[Piece] = []
    stray: list[Piece] = []
    for line in block.lines:
        if line.blank:
            continue
        words = line.text.split()
        if line is not block.lines[0]:
            words = _join_item_numbers(words)
        line_pieces = [Piece(w, line, i == 0, text_width(w)) for i, w in enumerate(words)]
        if all(len(w) == 1 and w in LONE_MARKS for w in words):
            stray.extend(line_pieces)
        else:
            pieces.extend(line_pieces)
    pieces.pop(0)  # the sequence number
    if not pieces or not CATEGORY_LIKE.match(pieces[0].text):
        return "", (), pieces, stray  # a row without its category: the mandatory-cell check says so
    category = pieces.pop(0)
    category_lines = [category.line.number]
    text = category.text
    if text not in categories and pieces:
        # a category wrapped in its narrow column: 应急管理及 / 消防
        follow = pieces[0]
        if follow.first_on_line and text + follow.text in categories:
            text += follow.text
            category_lines.append(follow.line.number)
            pieces.pop(0)
    return text, tuple(category_lines), pieces, stray


# ---------------------------------------------------------------- widths


def width_peaks(rows: list[list[Piece]]) -> list[tuple[float, int]]:
    """Local maxima of the histogram of widths of one-piece lines, most frequent first."""
    histogram: Counter[int] = Counter()
    for pieces in rows:
        per_line = Counter(p.line.number for p in pieces)
        for piece in pieces:
            if per_line[piece.line.number] == 1:
                histogram[math.floor(piece.width)] += 1
    peaks = [
        (float(w), n)
        for w, n in histogram.items()
        if n >= histogram.get(w - 1, 0) and n >= histogram.get(w + 1, 0) and n > 1
    ]
    return sorted(peaks, key=lambda p: (-p[1], p[0]))


# ---------------------------------------------------------------- the walk


def is_full(width: float, limit: float) -> bool:
    """A line this wide in a column this wide wrapped (it may fall a character short)."""
    return width >= limit - 1.5


def _continue_cost(prev: Piece, run_width: float, limit: float, nxt: Piece, costs: Costs = COSTS) -> float:
    """Price of the next line staying in the same cell."""
    if is_full(run_width, limit) or prev.text.endswith("、") or nxt.text[0] in NO_START:
        return 0.0
    if _FIRST_ITEM.match(nxt.text) and not _is_heading(prev.text):
        return costs.restart_in_cell
    if _ITEM_START.match(nxt.text) or _is_heading(nxt.text) or _is_heading(prev.text):
        return costs.new_paragraph
    if prev.text[-1] in SENTENCE_END:
        return costs.after_sentence
    return costs.short_then_more


def _advance_cost(prev: Piece, run_width: float, limit: float, nxt: Piece, prose: bool, costs: Costs) -> float:
    cost = costs.advance
    if prose and prev.text[-1] not in SENTENCE_END:
        cost += costs.unfinished
    if _FIRST_ITEM.match(nxt.text):
        cost = 0.0
    if is_full(run_width, limit) and prev.text[-1] not in SENTENCE_END:
        cost += costs.advance_after_full
    return cost


def _leave_cost(last: Piece, costs: Costs) -> float:
    """Price of a cell (or page fragment of it) ending on this piece."""
    return costs.dangling_heading if last.first_on_line and _is_heading(last.text) else 0.0


def _start_cost(piece: Piece, resumes: bool, costs: Costs) -> float:
    """Price of a cell (or, when `resumes`, a page fragment of one) starting with this piece."""
    if piece.text[0] in NO_START:
        return costs.bad_start
    if not resumes and _NUMBERED.match(piece.text) and not _FIRST_ITEM.match(piece.text):
        return costs.mid_list_start
    return 0.0


# A department cell read so far: (the name being read, since the last 、; whether a name read
# already is no organisation's; how many names read are not among the known ones). Kept instead
# of the cell's text so the walk's states stay few whatever the cell's length.
_OrgCell = tuple[str, bool, int]
_NOT_ORGS: _OrgCell = ("", True, 0)


def _org_name(item: str) -> bool:
    name = _PARENTHETICAL.sub("", item.strip())
    return len(name) >= 3 and name.endswith(ORG_SUFFIXES)


def _org_extend(cell: _OrgCell, text: str, known: frozenset[str], longest: int) -> _OrgCell:
    partial, bad, unknown = cell
    if bad:
        return _NOT_ORGS
    *names, partial = (partial + text).split("、")
    for name in names:
        if not _org_name(name):
            return _NOT_ORGS
        unknown += bool(known) and name not in known
    return _NOT_ORGS if len(partial) > longest else (partial, False, unknown)


def _org_close(cell: _OrgCell | None, known: frozenset[str], costs: Costs) -> float:
    """Price of a department cell ending as read: it must be a list of organisation names."""
    if cell is None:
        return 0.0
    partial, bad, unknown = cell
    if bad or not _org_name(partial):
        return costs.bad_org_list
    return costs.unknown_org * (unknown + (partial not in known)) if known else 0.0


@dataclass(frozen=True)
class _State:
    column: int
    visited: int  # bit mask of columns that hold text
    run_width: float  # width of this line's text in this column so far
    org: _OrgCell | None  # the department cell being read, when the column is one


def _offer(layer: dict, state: _State, cost: float, back: _State) -> None:
    """Keep the cheaper way into `state`."""
    if cost < layer.get(state, (math.inf,))[0]:
        layer[state] = (cost, back)


def walk_row(
    pieces: list[Piece],
    roles: tuple[str, ...],
    widths: tuple[float, ...],
    known_orgs: frozenset[str] = frozenset(),
    costs: Costs = COSTS,
) -> tuple[float, list[int]] | None:
    """(cost, column of each piece) of the cheapest walk, or None if no walk fits.

    known_orgs: organisation names the table's duty headings use; when given, a department
    cell naming others costs more (it is probably the end of the duty name). Time and memory
    are linear in the pieces: a state holds the current line's width and the department name
    being read, never the text before.
    """
    if not pieces:
        return None
    k = len(roles)
    limits = [w + costs.tolerance for w in widths]
    org = [role in ORG_LIST_ROLES for role in roles]
    prose = [role in PARAGRAPH_ROLES for role in roles]
    longest = costs.longest_org_name

    def placed_cost(piece: Piece, column: int) -> float:
        heading = piece.first_on_line and roles[column] not in HEADING_ROLES and is_org_heading(piece.text)
        return costs.misplaced_heading if heading else 0.0

    def opened(column: int, piece: Piece) -> _OrgCell | None:
        return _org_extend(("", False, 0), piece.text, known_orgs, longest) if org[column] else None

    first = pieces[0]
    if first.width > limits[0]:
        return None
    start = _State(0, 1, first.width, opened(0, first))
    layers: list[dict[_State, tuple[float, _State | None]]] = [
        {start: (_start_cost(first, False, costs) + placed_cost(first, 0), None)}
    ]
    for index in range(1, len(pieces)):
        prev, nxt = pieces[index - 1], pieces[index]
        same_line = not nxt.first_on_line
        new_page = nxt.line.page != prev.line.page
        layer: dict[_State, tuple[float, _State | None]] = {}
        offer = functools.partial(_offer, layer)

        for state, (cost, _) in layers[-1].items():
            c = state.column
            grown = None if state.org is None else _org_extend(state.org, nxt.text, known_orgs, longest)
            if same_line:
                width = state.run_width + nxt.width
                if width <= limits[c]:
                    offer(_State(c, state.visited, width, grown), cost + costs.gap_in_cell, state)
                targets = [c + 1] if c + 1 < k else []
            else:
                stay = cost + _continue_cost(prev, state.run_width, widths[c], nxt, costs)
                if nxt.width <= limits[c]:
                    offer(_State(c, state.visited, nxt.width, grown), stay + placed_cost(nxt, c), state)
                targets = list(range(k)) if new_page else ([c + 1] if c + 1 < k else [])
            for target in targets:
                if target == c or nxt.width > limits[target]:
                    continue
                if target == c + 1:
                    step = _advance_cost(prev, state.run_width, widths[c], nxt, prose[c], costs)
                else:
                    step = costs.page_jump
                resumes = new_page  # a page fragment may resume a list mid-way
                total = cost + step + _start_cost(nxt, resumes, costs) + placed_cost(nxt, target)
                total += _org_close(state.org, known_orgs, costs) + _leave_cost(prev, costs)
                offer(_State(target, state.visited | (1 << target), nxt.width, opened(target, nxt)), total, state)
        if not layer:
            return None
        layers.append(layer)
    everything = (1 << k) - 1
    finals = [
        (cost + _org_close(s.org, known_orgs, costs) + _leave_cost(pieces[-1], costs), s)
        for s, (cost, _) in layers[-1].items()
        if s.visited == everything
    ]
    if not finals:
        return None
    cost, state = min(finals, key=lambda f: f[0])
    columns = []
    for layer in reversed(layers):
        columns.append(state.column)
        state = layer[state][1]
    return cost, columns[::-1]


# ---------------------------------------------------------------- cells


def place_pieces(
    pieces: list[Piece], columns: list[int], roles: tuple[str, ...], widths: tuple[float, ...]
) -> list[CellPiece]:
    """Pieces with their cell and whether a hard line break precedes them in that cell."""
    placed: list[CellPiece] = []
    last: dict[int, tuple[Piece, float]] = {}  # column → (its last piece, width of that line's run)
    item: dict[int, int] = {}  # column → number of its last numbered item
    for piece, column in zip(pieces, columns, strict=True):
        before = last.get(column)
        hard = False
        numbered = _NUMBERED.match(piece.text) if piece.first_on_line else None
        number = int(regex.match(r"\d+", piece.text)[0]) if numbered else None
        if before is not None and piece.line.number != before[0].line.number and roles[column] in PARAGRAPH_ROLES:
            prev, run_width = before
            wrapped = is_full(run_width, widths[column])
            opens = _ITEM_START.match(piece.text) is not None or _is_heading(piece.text)
            # the next item of a numbered list starts a line even after a full one without 。/；,
            # and so does a line that is a heading whole (二、重污染天气应急应对, 某某局：)
            successor = number is not None and number == item.get(column, 0) + 1
            heading = piece.first_on_line and (is_org_heading(piece.text) or _is_section_heading(piece.text))
            hard = not wrapped or successor or heading or (opens and prev.text[-1] in SENTENCE_END)
            hard = hard and piece.text[0] not in NO_START and not prev.text.endswith("、")
        if number is not None:
            item[column] = number
        run = piece.width
        if before is not None and before[0].line.number == piece.line.number:
            run += before[1]
        last[column] = (piece, run)
        placed.append(CellPiece(piece, roles[column], hard))
    return placed


def known_org_names(split: list, walks: list, roles: tuple[str, ...]) -> frozenset[str]:
    """Organisation names used as headings (某某局：) in the duty columns of a first walk."""
    names = set()
    for (_, _, pieces, _), walk in zip(split, walks, strict=True):
        if walk is None:
            continue
        for piece, column in zip(pieces, walk[1], strict=True):
            if roles[column] in HEADING_ROLES and piece.first_on_line and is_org_heading(piece.text):
                names.add(piece.text[:-1])
    return frozenset(names)


def assign_table(table: TableRows, layout: TableLayout, categories: tuple[str, ...]) -> AssignedTable:
    """The columns after 序号 and 事项类别, in the order the table's header prints them."""
    roles = tuple(LABELS[label] for label in table.section.labels[2:]) or layout.roles[2:]
    split = [split_row(block, categories) for block in table.rows]
    peaks = width_peaks([pieces for _, _, pieces, _ in split])
    candidates = [w for w, _ in peaks[: len(roles)]]
    if len(candidates) < len(roles):
        candidates += [max(candidates, default=40.0)] * (len(roles) - len(candidates))
    best: tuple[float, tuple[float, ...], list] | None = None
    for mapping in sorted(set(itertools.permutations(candidates))):
        walks = [walk_row(pieces, roles, mapping) for _, _, pieces, _ in split]
        total = sum(w[0] if w else COSTS.unplaced_row for w in walks)
        if best is None or total < best[0]:
            best = (total, mapping, walks)
    _, mapping, walks = best
    known = known_org_names(split, walks, roles)
    if known:
        walks = [walk_row(pieces, roles, mapping, known) for _, _, pieces, _ in split]
    assigned = []
    for block, (category, category_lines, pieces, stray), walk in zip(table.rows, split, walks, strict=True):
        if walk is None:
            placed, cost = [], math.inf
            stray = stray + pieces
        else:
            cost, columns = walk
            placed = place_pieces(pieces, columns, roles, mapping)
        assigned.append(Row(block.table, block.seq, category, category_lines, placed, stray, block, cost))
    widths = ColumnWidths(dict(zip(roles, mapping, strict=True)))
    return AssignedTable(table, widths, tuple(assigned))


def unexplained_breaks(row: Row, widths: dict[str, float]) -> list[tuple[Line, str]]:
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
            elif prev.line.page == piece.line.page and not _SECTION.match(paragraph):
                if role in PARAGRAPH_ROLES:
                    # a short line ends a paragraph: what follows it must open a new one (a list
                    # starting again is the numbering check's to judge)
                    cost = _continue_cost(prev, run_width, widths[role], piece)
                    unexplained = cost >= COSTS.after_sentence and not _FIRST_ITEM.match(piece.text)
                else:
                    continues = piece.text[0] in NO_START or prev.text.endswith("、")
                    unexplained = not is_full(run_width, widths[role]) and not continues
                if unexplained:
                    found.append((piece.line, role))
            if cp.break_before:
                paragraph = piece.text
        last[role] = (piece, run, paragraph)
    return found


def line_cells(row: Row) -> dict[int, list[str]]:
    """Source line number → the cells its pieces went to (for explain)."""
    out: dict[int, list[str]] = {}
    numbers = [line.number for line in row.block.lines]
    out[numbers[0]] = ["seq"]
    for number in row.category_lines:
        out.setdefault(number, []).append("category")
    for cp in row.placed:
        out.setdefault(cp.piece.line.number, []).append(cp.role)
    for piece in row.stray:
        out.setdefault(piece.line.number, []).append("(stray)")
    return out


def abrupt_ends(row: Row, widths: dict[str, float]) -> list[tuple[Line, str]]:
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
            closed = prev.text[-1] in CLOSING or _is_heading(prev.text)
            if is_full(run_width, widths[cp.role]) and not closed:
                found.append((prev.line, cp.role))
        last[cp.role] = (cp.piece, run)
    return found
