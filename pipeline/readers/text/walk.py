"""walk: TableRows → AssignedTable (the text reader's column stage). Places every piece of every row in a cell.

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
from collections import Counter
from dataclasses import dataclass

from ...core.cells import continue_cost, is_full, place_pieces
from ...core.grammar import (
    CATEGORY_LIKE,
    FIRST_ITEM,
    LONE_MARKS,
    NO_START,
    NUMBERED,
    SENTENCE_END,
    is_heading,
    is_org_heading,
    is_org_name,
)
from ...core.text import text_width
from ...model import AssignedTable, ColumnWidths, Piece, Row, RowBlock, TableRows
from ...settings import DEFAULT, Settings, WalkCosts
from ...spec import CATEGORY, CATEGORY_FIELDS, HEADED_FIELDS, ORG_FIELDS, PROSE_FIELDS, ListSpec

# ---------------------------------------------------------------- pieces


def _join_item_numbers(words: list[str]) -> list[str]:
    """'3 申报…' is item 3 typed without its dot, not a number cell: keep it with its text."""
    if len(words) > 1 and words[0].isdigit() and len(words[0]) <= 2:
        return [f"{words[0]} {words[1]}", *words[2:]]
    return words


def split_row(
    block: RowBlock, categories: tuple[str, ...], printed: tuple[str, ...] = (CATEGORY,)
) -> tuple[dict[str, str], tuple[int, ...], list[Piece], list[Piece]]:
    """(category field → text, their line numbers, pieces to place, stray marks) of one row block;
    `printed`: the category columns the template prints after the number, upper first."""
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
    found: dict[str, str] = {}
    category_lines: list[int] = []
    for field in printed:
        if not pieces or not CATEGORY_LIKE.match(pieces[0].text):
            return found, tuple(category_lines), pieces, stray  # the mandatory-cell check says so
        category = pieces.pop(0)
        category_lines.append(category.line.number)
        text = category.text
        if field == CATEGORY and text not in categories and pieces:
            # a category wrapped in its narrow column: 应急管理及 / 消防
            follow = pieces[0]
            if follow.first_on_line and text + follow.text in categories:
                text += follow.text
                category_lines.append(follow.line.number)
                pieces.pop(0)
        found[field] = text
    return found, tuple(category_lines), pieces, stray


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


def _advance_cost(prev: Piece, run_width: float, limit: float, nxt: Piece, prose: bool, settings: Settings) -> float:
    costs = settings.walk
    cost = costs.advance
    if prose and prev.text[-1] not in SENTENCE_END:
        cost += costs.unfinished
    if FIRST_ITEM.match(nxt.text):
        cost = 0.0
    if is_full(run_width, limit, settings.cells.full_slack) and prev.text[-1] not in SENTENCE_END:
        cost += costs.advance_after_full
    return cost


def _leave_cost(last: Piece, costs: WalkCosts) -> float:
    """Price of a cell (or page fragment of it) ending on this piece."""
    return costs.dangling_heading if last.first_on_line and is_heading(last.text) else 0.0


def _start_cost(piece: Piece, resumes: bool, costs: WalkCosts) -> float:
    """Price of a cell (or, when `resumes`, a page fragment of one) starting with this piece."""
    if piece.text[0] in NO_START:
        return costs.bad_start
    if not resumes and NUMBERED.match(piece.text) and not FIRST_ITEM.match(piece.text):
        return costs.mid_list_start
    return 0.0


# A department cell read so far: (the name being read, since the last 、; whether a name read
# already is no organisation's; how many names read are not among the known ones). Kept instead
# of the cell's text so the walk's states stay few whatever the cell's length.
_OrgCell = tuple[str, bool, int]
_NOT_ORGS: _OrgCell = ("", True, 0)


def _org_extend(cell: _OrgCell, text: str, known: frozenset[str], longest: int) -> _OrgCell:
    partial, bad, unknown = cell
    if bad:
        return _NOT_ORGS
    *names, partial = (partial + text).split("、")
    for name in names:
        if not is_org_name(name):
            return _NOT_ORGS
        unknown += bool(known) and name not in known
    return _NOT_ORGS if len(partial) > longest else (partial, False, unknown)


def _org_close(cell: _OrgCell | None, known: frozenset[str], costs: WalkCosts) -> float:
    """Price of a department cell ending as read: it must be a list of organisation names."""
    if cell is None:
        return 0.0
    partial, bad, unknown = cell
    if bad or not is_org_name(partial):
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
    settings: Settings = DEFAULT,
) -> tuple[float, list[int]] | None:
    """(cost, column of each piece) of the cheapest walk, or None if no walk fits.

    known_orgs: organisation names the table's duty headings use; when given, a department
    cell naming others costs more (it is probably the end of the duty name). Time and memory
    are linear in the pieces: a state holds the current line's width and the department name
    being read, never the text before.
    """
    if not pieces:
        return None
    costs = settings.walk
    k = len(roles)
    limits = [w + costs.tolerance for w in widths]
    org = [role in ORG_FIELDS for role in roles]
    prose = [role in PROSE_FIELDS for role in roles]
    longest = costs.longest_org_name

    def placed_cost(piece: Piece, column: int) -> float:
        heading = piece.first_on_line and roles[column] not in HEADED_FIELDS and is_org_heading(piece.text)
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
                stay = cost + continue_cost(prev, state.run_width, widths[c], nxt, settings)
                if nxt.width <= limits[c]:
                    offer(_State(c, state.visited, nxt.width, grown), stay + placed_cost(nxt, c), state)
                targets = list(range(k)) if new_page else ([c + 1] if c + 1 < k else [])
            for target in targets:
                if target == c or nxt.width > limits[target]:
                    continue
                if target == c + 1:
                    step = _advance_cost(prev, state.run_width, widths[c], nxt, prose[c], settings)
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


# ---------------------------------------------------------------- the table


def known_org_names(split: list, walks: list, roles: tuple[str, ...]) -> frozenset[str]:
    """Organisation names used as headings (某某局：) in the duty columns of a first walk."""
    names = set()
    for (_, _, pieces, _), walk in zip(split, walks, strict=True):
        if walk is None:
            continue
        for piece, column in zip(pieces, walk[1], strict=True):
            if roles[column] in HEADED_FIELDS and piece.first_on_line and is_org_heading(piece.text):
                names.add(piece.text[:-1])
    return frozenset(names)


SAMPLE_ROWS = 2  # long rows walked under every mapping to tell which to try first (see cheapest_mapping)


def cheapest_mapping(
    rows: list[list[Piece]], roles: tuple[str, ...], candidates: list[float], settings: Settings = DEFAULT
) -> tuple[tuple[float, ...], list]:
    """(the width mapping whose walks cost least in total, its walks): the first such in sorted
    order, as if every mapping were walked through every row. Mappings are walked likeliest first
    (cheapest over two long rows) and the longest rows first, and a mapping is dropped as soon as
    what it has cost so far passes the cheapest whole total: walk prices are never negative. The
    sample: rows from the longest quarter's end (they tell mappings apart, the longest cost most)."""
    mappings = sorted(set(itertools.permutations(candidates)))
    order = sorted(range(len(rows)), key=lambda i: -len(rows[i]))
    unplaced = settings.walk.unplaced_row

    def cost(walk) -> float:
        return walk[0] if walk else unplaced

    sample = order[len(order) // 4 :][:SAMPLE_ROWS]
    guess = {m: sum(cost(walk_row(rows[i], roles, m, settings=settings)) for i in sample) for m in mappings}
    best_total, done = math.inf, {}
    for mapping in sorted(mappings, key=lambda m: guess[m]):
        walks: list = [None] * len(rows)
        so_far = 0.0
        for i in order:
            walks[i] = walk_row(rows[i], roles, mapping, settings=settings)
            so_far += cost(walks[i])
            if so_far > best_total + 1e-6:  # past the cheapest (beyond rounding): it cannot win
                break
        else:
            total = sum(cost(w) for w in walks)  # summed in row order, as the whole comparison would
            done[mapping] = (total, walks)
            best_total = min(best_total, total)
    mapping = min(done, key=lambda m: (done[m][0], mappings.index(m)))
    return mapping, done[mapping][1]


def assign_table(
    table: TableRows, spec: ListSpec, categories: tuple[str, ...], settings: Settings = DEFAULT
) -> AssignedTable:
    """The columns after the number and the categories, in the order the table's header prints them."""
    template = table.section.template
    if template is None or not table.rows:  # a table whose layout did not fit: no rows to walk
        return AssignedTable(table, ColumnWidths({}), ())
    printed = tuple(role for role in template.roles if role in CATEGORY_FIELDS)
    roles = template.roles[1 + len(printed) :]
    split = [split_row(block, categories, printed) for block in table.rows]
    peaks = width_peaks([pieces for _, _, pieces, _ in split])
    candidates = [w for w, _ in peaks[: len(roles)]]
    if len(candidates) < len(roles):
        candidates += [max(candidates, default=settings.walk.default_width)] * (len(roles) - len(candidates))
    mapping, walks = cheapest_mapping([pieces for _, _, pieces, _ in split], roles, candidates, settings)
    known = known_org_names(split, walks, roles)
    if known:
        walks = [walk_row(pieces, roles, mapping, known, settings) for _, _, pieces, _ in split]
    assigned = []
    for block, (found, category_lines, pieces, stray), walk in zip(table.rows, split, walks, strict=True):
        if walk is None:
            placed, cost = [], math.inf
            stray = stray + pieces
        else:
            cost, columns = walk
            placed = place_pieces(pieces, columns, roles, mapping, settings)
        assigned.append(Row(block.table, block.seq, found, category_lines, placed, stray, block, cost))
    widths = ColumnWidths(dict(zip(roles, mapping, strict=True)))
    return AssignedTable(table, widths, tuple(assigned))
