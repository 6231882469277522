"""Mutation test: structural damage to the seed text, and whether the build says so.

Each mutant is the seed text with one kind of damage a converter, an editor or a bad copy does
(a line doubled, lines swapped within or between rows, a heading or list item lost …). Every
mutant is built; a build is *wrong* when its records differ from the seed's, and *silent* when it
is wrong and `check --baseline` (the seed's reviewed findings) would still exit 0.

    .venv/bin/python tools/mutate.py [--per-kind N] [--seed S] [--jobs J]    # or: make mutate

Prints one row per kind: mutants, wrong builds, silent wrong builds, and the silent ones' lines.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.core.baseline import finding_keys, new_findings  # noqa: E402
from pipeline.core.cells import is_full  # noqa: E402
from pipeline.extract import extract  # noqa: E402

SEED = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")
_PROSE = ("upstream_duties", "township_duties", "handler")


@dataclass(frozen=True)
class Mutant:
    kind: str
    lines: tuple[str, ...]
    what: str  # which lines were changed, for a person to look


def _content(records: dict) -> dict:
    return {
        t: [{k: v for k, v in r.items() if k not in ("source", "keywords")} for r in rows]
        for t, rows in records.items()
    }


# ---------------------------------------------------------------- where damage can fall


@dataclass(frozen=True)
class CellLine:
    index: int  # 0-based index into the source lines
    paragraph: int  # the paragraph of its cell it belongs to (0, 1, …)
    full: bool  # it fills its column (the cell's text wraps after it)
    alone: bool  # the line holds only this cell's text


@dataclass(frozen=True)
class Cell:
    table: str
    seq: int
    role: str
    lines: tuple[CellLine, ...]


def cells_of(extraction) -> list[Cell]:
    out = []
    for key, table in extraction.tables.items():
        widths = table.widths.widths
        for row in table.assigned:
            per_line: dict[int, list] = {}
            for cp in row.placed:
                per_line.setdefault(cp.piece.line.number, []).append(cp)
            by_role: dict[str, list[CellLine]] = {}
            for cp in row.placed:
                lines = by_role.setdefault(cp.role, [])
                index = cp.piece.line.number - 1
                if lines and lines[-1].index == index:
                    continue
                paragraph = (lines[-1].paragraph + cp.break_before) if lines else 0
                same = [x for x in per_line[cp.piece.line.number] if x.role == cp.role]
                width = sum(x.piece.width for x in same)
                alone = len(same) == len(per_line[cp.piece.line.number])
                lines.append(CellLine(index, paragraph, is_full(width, widths[cp.role]), alone))
            for role, lines in by_role.items():
                out.append(Cell(key, row.seq, role, tuple(lines)))
    return out


# ---------------------------------------------------------------- the kinds of damage


def _duplicate(lines, index):
    return lines[: index + 1] + [lines[index]] + lines[index + 1 :]


def _delete(lines, *indexes):
    drop = set(indexes)
    return [line for i, line in enumerate(lines) if i not in drop]


def _swap(lines, i, j):
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


@dataclass(frozen=True)
class Kind:
    damage: object  # lines, *args → lines
    detectable: bool
    about: str


KINDS = {
    "duplicate_line": Kind(_duplicate, True, "a line of a row printed twice, one under the other"),
    "duplicate_heading": Kind(_duplicate, True, "a department heading printed twice"),
    "lose_heading": Kind(_delete, True, "a department heading lost (the department headed once in its cell)"),
    "lose_row_start": Kind(_delete, True, "a row's first line (its number and category) lost"),
    "lose_middle_item": Kind(_delete, True, "a numbered item lost from the middle of its list"),
    "lose_last_item": Kind(_delete, True, "a list's last item lost, the item before it ending with ；"),
    "lose_paragraph_end": Kind(_delete, True, "the short last line of a wrapped paragraph lost"),
    "swap_paragraph_end": Kind(_swap, True, "a full line swapped with the short line that ends its paragraph"),
    "swap_adjacent_lines": Kind(
        _swap, True, "two adjacent lines of a row swapped (not two full lines of one paragraph)"
    ),
    "swap_lines_between_rows": Kind(
        _swap, True, "a line of a row swapped with one of the next row, of two shapes (whole, full, short)"
    ),
    "swap_name_lines": Kind(_swap, True, "name lines of two rows swapped, of two shapes"),
    # the kinds below leave the text consistent: no check can see them
    "swap_lines_in_paragraph": Kind(_swap, False, "two adjacent full lines of one paragraph swapped"),
    "swap_same_shape_between_rows": Kind(
        _swap, False, "lines of two rows swapped of one shape: both full, both short or both whole paragraphs"
    ),
    "lose_line_inside_paragraph": Kind(_delete, False, "a full line lost from inside a paragraph"),
    "lose_repeated_heading": Kind(_delete, False, "a heading lost whose department is headed again in the cell"),
    "lose_last_item_after_full_stop": Kind(
        _delete, False, "a list's last item lost, the item before it ending with 。"
    ),
}


def _shape(cell: Cell, k: int) -> str:
    """whole: the line is a paragraph by itself (it reads complete wherever it stands, so two
    such lines swapped leave two consistent texts); full: it fills its column and its paragraph
    goes on; short: it ends its paragraph before the column's edge."""
    line = cell.lines[k]
    if sum(other.paragraph == line.paragraph for other in cell.lines) == 1:
        return "whole"
    return "full" if line.full else "short"


def targets(extraction, lines: list[str]) -> dict[str, list[tuple]]:
    """Every place each kind of damage can fall, as arguments of its function."""
    cells = cells_of(extraction)
    out: dict[str, list[tuple]] = {kind: [] for kind in KINDS}
    rows = [
        [line.number - 1 for line in row.block.lines if line.text]
        for t in extraction.tables.values()
        for row in t.assigned
    ]
    out["duplicate_line"] = [(i,) for r in rows for i in r[1:]]
    out["lose_row_start"] = [(r[0],) for r in rows[1:]]
    cell_at: dict[int, tuple[Cell, int]] = {}
    for cell in cells:
        for k, line in enumerate(cell.lines):
            if line.alone:
                cell_at[line.index] = (cell, k)
    for r in rows:
        for a, b in zip(r[1:], r[2:], strict=False):
            if lines[a] == lines[b] or a not in cell_at or b not in cell_at:
                continue
            (ca, ka), (cb, kb) = cell_at[a], cell_at[b]
            same_paragraph = ca is cb and ca.lines[ka].paragraph == ca.lines[kb].paragraph
            inside = same_paragraph and _shape(ca, ka) == _shape(ca, kb) == "full"
            out["swap_lines_in_paragraph" if inside else "swap_adjacent_lines"].append((a, b))
    by_row = {}
    for cell in cells:
        by_row.setdefault((cell.table, cell.seq), []).append(cell)
    keys = list(by_row)
    for (t1, s1), (t2, s2) in zip(keys, keys[1:], strict=False):
        if t1 != t2:
            continue
        for c1 in by_row[(t1, s1)]:
            for c2 in by_row[(t2, s2)]:
                for k1, l1 in enumerate(c1.lines):
                    for k2, l2 in enumerate(c2.lines):
                        if not (l1.alone and l2.alone) or lines[l1.index] == lines[l2.index]:
                            continue
                        same = _shape(c1, k1) == _shape(c2, k2)
                        names = c1.role == c2.role == "name"
                        kind = (
                            "swap_same_shape_between_rows"
                            if same
                            else "swap_name_lines"
                            if names
                            else "swap_lines_between_rows"
                        )
                        out[kind].append((l1.index, l2.index))
    for cell in cells:
        if cell.role not in _PROSE:
            continue
        paragraphs: dict[int, list[int]] = {}
        for k, line in enumerate(cell.lines):
            paragraphs.setdefault(line.paragraph, []).append(k)
        texts = {p: "".join(lines[cell.lines[k].index].strip() for k in ks) for p, ks in paragraphs.items()}
        headed = [texts[p] for p in texts if texts[p].endswith("：")]
        items = [p for p in texts if _ITEM.match(texts[p])]
        for p, ks in paragraphs.items():
            text, members = texts[p], tuple(cell.lines[k].index for k in ks)
            if not all(cell.lines[k].alone for k in ks):
                continue
            if text.endswith("：") and len(ks) == 1 and re.search(r"[局委办会室院所站心司行队处组部]：$", text):
                out["duplicate_heading"].append(members)
                out["lose_heading" if headed.count(text) == 1 else "lose_repeated_heading"].append(members)
            if p in items and p - 1 in items and p + 1 in items:
                out["lose_middle_item"].append(members)
            if p in items and p - 1 in items and p == max(paragraphs):
                before = texts[p - 1]
                out["lose_last_item_after_full_stop" if before.endswith("。") else "lose_last_item"].append(members)
            if len(ks) >= 2:
                out["lose_paragraph_end"].append((members[-1],))
                out["swap_paragraph_end"].append((members[-2], members[-1]))
                out["lose_line_inside_paragraph"] += [(i,) for i in members[1:-1]]
    return out


def mutants(per_kind: int, seed: int) -> list[Mutant]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    places = targets(extract(SEED), lines)
    rng = random.Random(seed)
    out = []
    for kind, spec in KINDS.items():
        chosen = rng.sample(places[kind], min(per_kind, len(places[kind])))
        for args in chosen:
            what = ", ".join(f"line {i + 1} {lines[i].strip()[:16]!r}" for i in args)
            out.append(Mutant(kind, tuple(spec.damage(lines, *args)), what))
    return out


# ---------------------------------------------------------------- building them


def _build(mutant: Mutant) -> tuple[bool, bool, int]:
    """(wrong, silent, exit status) of one mutant."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.txt"
        path.write_text("\n".join(mutant.lines), encoding="utf-8")
        try:
            edition = extract(path).edition
        except Exception:  # noqa: BLE001 - a refusal is loud: not silent
            return True, False, 2
    wrong = _content(edition.records) != SEED_CONTENT
    status = 1 if edition.status == "fail" else 0
    silent = wrong and status == 0 and not new_findings(edition, SEED_BASELINE)
    return wrong, silent, status


SEED_CONTENT: dict = {}
SEED_BASELINE: dict = {}


def _init() -> None:
    global SEED_CONTENT, SEED_BASELINE
    edition = extract(SEED).edition
    SEED_CONTENT, SEED_BASELINE = _content(edition.records), finding_keys(edition)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=8, help="mutants of each kind (default 8)")
    parser.add_argument("--seed", type=int, default=20261202, help="the random draw of places (fixed by default)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    todo = mutants(args.per_kind, args.seed)
    with ProcessPoolExecutor(args.jobs, initializer=_init) as pool:
        results = list(pool.map(_build, todo, chunksize=2))
    print(f"{'kind':<32} {'trace':>5} {'mutants':>7} {'wrong':>6} {'silent':>7}  what")
    totals = {True: [0, 0, 0], False: [0, 0, 0]}
    silent_lines = []
    for kind, spec in KINDS.items():
        mine = [(m, r) for m, r in zip(todo, results, strict=True) if m.kind == kind]
        wrong = sum(r[0] for _, r in mine)
        silent = [m for m, r in mine if r[1]]
        total = totals[spec.detectable]
        total[0], total[1], total[2] = total[0] + len(mine), total[1] + wrong, total[2] + len(silent)
        trace = "yes" if spec.detectable else "no"
        print(f"{kind:<32} {trace:>5} {len(mine):>7} {wrong:>6} {len(silent):>7}  {spec.about}")
        silent_lines += [f"  silent {m.kind}: {m.what}" for m in silent]
    for detectable, label in ((True, "kinds that leave a trace"), (False, "kinds that leave none")):
        n, wrong, silent = totals[detectable]
        print(f"{label:<32} {'':>5} {n:>7} {wrong:>6} {silent:>7}")
    print("\n".join(silent_lines))
    return 1 if totals[True][2] else 0


if __name__ == "__main__":
    sys.exit(main())
