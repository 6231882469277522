"""validate: the extracted records against the document's own statements → Checks.

fail: the dataset is wrong or incomplete (counts, sequence, empty cells, characters lost
or doubled, rows no column walk explains). warn: the document disagrees with itself (a
category the preface does not name) or a detail of the source is odd (stray marks, pages).
"""

from __future__ import annotations

from collections import Counter

import regex

from .columns import abrupt_ends, is_full, unexplained_breaks
from .layouts import (
    CLOSING,
    DEPARTMENTS,
    HANDLER,
    NAME,
    PARAGRAPH_ROLES,
    PREFACE_LIST_NAMES,
    SECTION_HEADING,
    TOWNSHIP,
    UPSTREAM,
)
from .model import AssignedTable, Check, PagedText, Sections

_MANDATORY = {
    "basic": ("category", NAME),
    "cooperative": ("category", NAME, DEPARTMENTS, UPSTREAM, TOWNSHIP),
    "withdrawn": ("category", NAME, HANDLER),
}


def where(record: dict) -> str:
    """Where a record was printed, for a person to look: source lines, or pages of a PDF."""
    source = record["source"]
    if source["first_line"] is None:
        return f"pages {', '.join(map(str, source['pages']))}"
    if source["first_line"] == source["last_line"]:
        return f"line {source['first_line']}"
    return f"lines {source['first_line']}-{source['last_line']}"


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def check_counts(records: dict[str, list[dict]], stated: dict) -> Check:
    """Items per list and in all against the preface; a preface silent on a count is a warning."""
    problems, silent, parts = [], [], []
    wants = [(PREFACE_LIST_NAMES[key], len(rows), stated[key]["count"]) for key, rows in records.items()]
    wants.append(("total", sum(len(rows) for rows in records.values()), stated["total"]))
    for name, got, want in wants:
        parts.append(f"{name} {got}/{'—' if want is None else want}")
        if want is None:
            silent.append(f"{name}: the preface states no count; extracted {got}")
        elif want != got:
            problems.append(f"{name}: extracted {got}, preface states {want}")
    status = "fail" if problems else "warn" if silent else "pass"
    return Check("counts", status, ", ".join(parts), tuple(problems + silent))


def check_sequence(tables: dict[str, AssignedTable]) -> Check:
    problems = []
    for key, table in tables.items():
        seqs = [row.seq for row in table.assigned]
        problems.extend(f"{PREFACE_LIST_NAMES[key]}: {issue}" for issue in table.rows.issues)
        if seqs != list(range(1, len(seqs) + 1)) and not table.rows.issues:
            problems.append(f"{PREFACE_LIST_NAMES[key]}: sequence numbers are not 1..{len(seqs)}")
    message = "sequence numbers run 1..N in every list" if not problems else "sequence numbers have gaps or repeats"
    return Check("sequence", "fail" if problems else "pass", message, tuple(problems))


def check_categories(records: dict[str, list[dict]], stated: dict) -> Check:
    notes = []
    for key, rows in records.items():
        named = stated[key]["category_names"]
        count = stated[key]["category_count"]
        used = Counter(row["category"] for row in rows)
        if not named:
            notes.append(f"{PREFACE_LIST_NAMES[key]}: the preface names no categories; the table uses {len(used)}")
            continue
        for category in used:
            if category not in named:
                seqs = ", ".join(f"{row['seq']} ({where(row)})" for row in rows if row["category"] == category)
                notes.append(
                    f"{PREFACE_LIST_NAMES[key]}: category {category!r} (rows {seqs}) is not among the preface's names"
                )
        if count is not None and count != len(named):
            notes.append(f"{PREFACE_LIST_NAMES[key]}: preface states {count} categories but names {len(named)}")
        if count is not None and count != len(used):
            notes.append(f"{PREFACE_LIST_NAMES[key]}: preface states {count} categories, the table uses {len(used)}")
        unused = [c for c in named if c not in used]
        if unused:
            notes.append(f"{PREFACE_LIST_NAMES[key]}: preface names categories no row uses: {'、'.join(unused)}")
    message = "categories agree with the preface" if not notes else "the preface and the tables disagree on categories"
    return Check("categories", "warn" if notes else "pass", message, tuple(notes))


def check_mandatory(records: dict[str, list[dict]]) -> Check:
    problems = [
        f"{PREFACE_LIST_NAMES[key]} row {row['seq']} ({where(row)}): empty {field}"
        for key, rows in records.items()
        for row in rows
        for field in _MANDATORY[key]
        if not row.get(field)
    ]
    return Check(
        "mandatory_cells", "fail" if problems else "pass", f"{len(problems)} empty mandatory cells", tuple(problems)
    )


def check_placed(tables: dict[str, AssignedTable]) -> Check:
    problems = [
        f"{PREFACE_LIST_NAMES[key]} row {row.seq} (lines {row.block.lines[0].number}-{row.block.lines[-1].number}): "
        "its lines fit no assignment to the columns"
        for key, table in tables.items()
        for row in table.assigned
        if row.cost == float("inf")
    ]
    return Check(
        "columns",
        "fail" if problems else "pass",
        f"{len(problems)} rows could not be split into columns",
        tuple(problems),
    )


def check_wraps(tables: dict[str, AssignedTable]) -> Check:
    """Rows whose cells go on after short lines — the sign of text forced into the wrong cell —
    or whose paragraphs end on a full line mid-sentence (a line lost, or a typo in the source)."""
    fails, warns = [], []
    for key, table in tables.items():
        for row in table.assigned:
            breaks = unexplained_breaks(row, table.widths.widths)
            if breaks:
                at = ", ".join(f"line {number} ({role})" for number, role in breaks)
                (fails if len(breaks) > 1 else warns).append(
                    f"{PREFACE_LIST_NAMES[key]} row {row.seq}: a cell goes on after a short line at {at}"
                )
            for number, role in abrupt_ends(row, table.widths.widths):
                warns.append(
                    f"{PREFACE_LIST_NAMES[key]} row {row.seq}: a paragraph of {role} ends mid-sentence on a full line "
                    f"(line {number}) and the next begins a new item"
                )
    return _graded(
        "wraps",
        fails,
        warns,
        passed="every cell line is full width or ends a paragraph",
        warned="lines that do not read as wrapped text once in a row (check them with explain)",
        failed="rows whose lines do not read as wrapped cells: the column split is not trustworthy",
    )


def _graded(name: str, fails: list[str], warns: list[str], passed: str, warned: str, failed: str) -> Check:
    """A check that fails on any of `fails`, else warns on any of `warns`."""
    status = "fail" if fails else "warn" if warns else "pass"
    message = {"pass": passed, "warn": warned, "fail": failed}[status]
    return Check(name, status, message, tuple(fails + warns))


_ITEM = regex.compile(r"^(\d{1,2})\s*[.．、]?(?=\D)")
_SECTION = SECTION_HEADING
_PROSE = {"cooperative": (UPSTREAM, TOWNSHIP), "withdrawn": (HANDLER,), "basic": ()}


def numbering_issues(text: str, departments: list[str]) -> list[tuple[str, str]]:
    """(kind, paragraph) where numbered items do not count 1, 2, 3 … from a heading on.

    restart: a "1." with no heading before it — two cells' lists run together (a wrong split);
    skip: a number missed, repeated or out of order — a lost or swapped line, or a typo."""
    issues, last = [], 0
    for paragraph in regex.split(r"\n|(?<=；)(?=\d{1,2}\s*[.．])", text):
        if paragraph.endswith(("：", ":")) or _SECTION.match(paragraph) or paragraph in departments:
            last = 0
            continue
        match = _ITEM.match(paragraph)
        if match:
            number = int(match[1])
            if number != last + 1:
                issues.append(("restart" if number == 1 else "skip", paragraph[:24]))
            last = number
    return issues


def check_numbering(records: dict[str, list[dict]]) -> Check:
    fails, warns = [], []
    for key, fields in _PROSE.items():
        for record in records[key]:
            for field in fields:
                for kind, paragraph in numbering_issues(record[field], record.get(DEPARTMENTS, [])):
                    row = f"{PREFACE_LIST_NAMES[key]} row {record['seq']} ({where(record)})"
                    note = f"{row} {field}: {kind} at {paragraph!r}"
                    (fails if kind == "restart" else warns).append(note)
    return _graded(
        "numbering",
        fails,
        warns,
        passed="numbered items count up in every duty cell",
        warned="numbered items skip or repeat a number",
        failed="a numbered list starts again without a heading: two cells ran together",
    )


def record_text(key: str, record: dict) -> str:
    """Every character a record holds, for the conservation check."""
    parts = [str(record["seq"]), record["category"], record[NAME]]
    if key == "cooperative":
        parts += ["、".join(record[DEPARTMENTS]), record[UPSTREAM], record[TOWNSHIP]]
    elif key == "withdrawn":
        parts.append(record[HANDLER])
    return "".join(parts)


def check_conservation(tables: dict[str, AssignedTable], records: dict[str, list[dict]]) -> Check:
    problems = []
    for key, table in tables.items():
        for row, record in zip(table.assigned, records[key], strict=True):
            source = _chars("".join(line.text for line in row.block.lines))
            kept = _chars(record_text(key, record) + "".join(p.text for p in row.stray))
            if source != kept:
                lost, added = source - kept, kept - source
                first, last = row.block.lines[0].number, row.block.lines[-1].number
                problems.append(
                    f"{PREFACE_LIST_NAMES[key]} row {row.seq} (lines {first}-{last}): "
                    f"lost {''.join(sorted(lost.elements()))!r}, doubled {''.join(sorted(added.elements()))!r}"
                )
    message = (
        "every character of every table body is in exactly one cell" if not problems else "characters lost or doubled"
    )
    return Check("conservation", "fail" if problems else "pass", message, tuple(problems))


def check_layout(sections: Sections) -> Check:
    """Tables found by their title whose header or rows could not be read at all."""
    problems = [f"{PREFACE_LIST_NAMES[s.key]}: {s.problem}" for s in sections.tables if s.problem]
    message = "every table has a known header and rows" if not problems else "tables whose layout does not fit"
    return Check("layout", "fail" if problems else "pass", message, tuple(problems))


def check_unplaced(sections: Sections) -> Check:
    """Text printed among a table's rows that no row holds (outside every ruled band)."""
    problems = [
        f"{PREFACE_LIST_NAMES[section.key]}: page {line.page} {line.text[:40]!r}"
        for section in sections.tables
        for line in section.unplaced
    ]
    message = "no text outside the rows" if not problems else f"{len(problems)} lines outside every row"
    return Check("unplaced_text", "fail" if problems else "pass", message, tuple(problems))


def check_stray(tables: dict[str, AssignedTable]) -> Check:
    notes = [
        f"{PREFACE_LIST_NAMES[key]} row {row.seq}: line {piece.line.number} {piece.text!r}"
        for key, table in tables.items()
        for row in table.assigned
        if row.cost != float("inf")
        for piece in row.stray
    ]
    message = f"{len(notes)} lone marks belong to no cell (kept out of the records)"
    return Check("stray_marks", "warn" if notes else "pass", message, tuple(notes))


def check_pages(paged: PagedText) -> Check:
    notes = []
    counted = {line.number: line.page for line in paged.lines}
    for number, printed, _total in paged.footers:
        if counted[number] != printed:
            notes.append(f"line {number}: footer says page {printed}, counted page {counted[number]}")
    totals = {total for _, _, total in paged.footers}
    pages = max((line.page for line in paged.lines), default=0)
    missing = [total for total in totals if total > pages]
    for total in totals:
        if total != pages:
            notes.append(f"footers say {total} pages, {pages} page starts were counted")
    if missing:
        message = f"footers say {max(missing)} pages, only {pages} found: the document looks cut off"
        return Check("pages", "fail", message, tuple(notes))
    message = f"{pages} pages, {len(paged.footers)} footers" + ("" if not notes else "; page marks disagree")
    return Check("pages", "warn" if notes else "pass", message, tuple(notes))


def check_ending(sections: Sections, tables: dict[str, AssignedTable]) -> Check:
    """The document's last cell must end: a full line with nothing after it was cut off."""
    last_section = max(sections.tables, key=lambda s: s.title.number if s.title else 0)
    table = tables.get(last_section.key)
    if table is None or not table.assigned or not table.assigned[-1].placed:
        return Check("ending", "pass", "no last row to check")
    row = table.assigned[-1]
    last = row.placed[-1]
    run = sum(cp.piece.width for cp in row.placed if cp.piece.line is last.piece.line and cp.role == last.role)
    width = table.widths.widths.get(last.role)
    text = last.piece.text
    at = f"{PREFACE_LIST_NAMES[table.rows.section.key]} row {row.seq}, line {last.piece.line.number}: {text[-20:]!r}"
    if last.role not in PARAGRAPH_ROLES or text[-1] in CLOSING:
        return Check("ending", "pass", "the last row ends with its sentence")
    if width is not None and is_full(run, width):
        return Check("ending", "fail", "the text ends on a full line mid-cell: the document looks cut off", (at,))
    # the document's own habit decides: where (nearly) every other duty cell ends its sentence,
    # one that does not is cut off
    others = [
        cp.piece.text[-1] in CLOSING
        for other in table.assigned[:-1]
        for cp in _cell_ends(other)
        if cp.role in PARAGRAPH_ROLES
    ]
    if others and sum(others) >= 0.95 * len(others):
        share = f"{sum(others)} of {len(others)} other duty cells end with closing punctuation"
        return Check("ending", "fail", f"the last cell stops mid-sentence ({share}): the document looks cut off", (at,))
    return Check("ending", "warn", "the last cell ends without closing punctuation", (at,))


def _cell_ends(row) -> list:
    """The last piece of each of a row's cells."""
    last = {}
    for cp in row.placed:
        last[cp.role] = cp
    return list(last.values())


def validate(
    sections: Sections, tables: dict[str, AssignedTable], records: dict[str, list[dict]], stated: dict
) -> list[Check]:
    paged = sections.paged
    return [
        check_layout(sections),
        check_counts(records, stated),
        check_sequence(tables),
        check_categories(records, stated),
        check_mandatory(records),
        check_placed(tables),
        check_wraps(tables),
        check_numbering(records),
        check_conservation(tables, records),
        check_unplaced(sections),
        check_stray(tables),
        check_pages(paged),
        check_ending(sections, tables),
    ]
