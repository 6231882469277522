"""validate: a Document's records against the document's own statements → Checks.

fail: the dataset is wrong or incomplete (counts, sequence, empty cells, characters lost
or doubled, rows no column walk explains). warn: the document disagrees with itself (a
category the preface does not name) or a detail of the source is odd (stray marks, pages,
a line printed twice, a cell that ends unlike every other). Every finding names its list and
row and says what in words of the text, not of line numbers, so a baseline of accepted findings
(baseline.py) survives an unrelated edit; `where` points a person at the lines or pages.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import regex

from ..model import (
    CELL_FORMS,
    AssignedTable,
    Check,
    Document,
    Finding,
    Line,
    PagedText,
    Sections,
    Status,
    Template,
    graded,
)
from ..settings import DEFAULT, Settings
from ..spec import (
    BOXES,
    BY_KEY,
    CATEGORY,
    EXTRA,
    FIRST_LINE,
    KIND_OF,
    LAST_LINE,
    NAMES,
    PAGES,
    PROSE_FIELDS,
    REFS,
    SECTION_ROWS,
    SEQ,
    SOURCE,
    Kind,
)
from .cells import abrupt_ends, ends_full, line_cells, unexplained_breaks
from .grammar import (
    CLOSING,
    COUNTED_ITEM,
    DOUBLED_STOPS,
    ITEM_AFTER_SEMICOLON,
    PAIRED_MARKS,
    SENTENCE_FINAL,
    section_number,
)
from .text import squash

if TYPE_CHECKING:  # snap reads the registry, whose module reads this one's `where`
    from .snap import Snap

FAIL, WARN, PASS = Status.FAIL, Status.WARN, Status.PASS


def where(record: dict) -> str:
    """Where a record was printed, for a person to look: source lines, or pages of a PDF."""
    source = record[SOURCE]
    if source.get(REFS):
        refs = [ref["ref"] for ref in source[REFS]]
        return refs[0] if len(refs) == 1 else ref_span(refs[0], refs[-1])
    if source[FIRST_LINE] is None:
        return f"pages {', '.join(map(str, source[PAGES]))}"
    if source[FIRST_LINE] == source[LAST_LINE]:
        return f"line {source[FIRST_LINE]}"
    return f"lines {source[FIRST_LINE]}-{source[LAST_LINE]}"


def ref_span(first: str, last: str) -> str:
    """Two cells' places as one: 配合履职事项清单!A4:F4, table 2 row 4 (its cells), or both."""
    a, b = _SHEET_CELL.fullmatch(first), _SHEET_CELL.fullmatch(last)
    if a and b and a["sheet"] == b["sheet"]:
        return f"{first}:{b['cell']}"
    row_a, _, _ = first.rpartition(" cell ")
    if row_a and row_a == last.rpartition(" cell ")[0]:
        return row_a
    return f"{first} … {last}"


_SHEET_CELL = regex.compile(r"(?P<sheet>.+!)(?P<cell>[A-Z]{1,3}\d+)")


def line_where(line: Line, form: str) -> str:
    """Where one line is: its number in a text, its page in a PDF (whose lines have no numbers), its
    cell in a file of cells."""
    if form == "text":
        return f"line {line.number}"
    return f"page {line.page}" if line.page else line.ref


def snippet(text: str, width: int = 24) -> str:
    return repr(text if len(text) <= width else text[:width] + "…")


def tail(text: str, width: int = 16) -> str:
    return repr(text if len(text) <= width else "…" + text[-width:])


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def check_counts(records: dict[str, list[dict]], stated: dict) -> Check:
    """Items per list and in all against the preface; a preface silent on a count is a warning."""
    findings, parts = [], []
    wants = [(key, len(rows), stated[key]["count"]) for key, rows in records.items()]
    wants.append((None, sum(len(rows) for rows in records.values()), stated["total"]))
    for key, got, want in wants:
        parts.append(f"{NAMES.get(key, 'total')} {got}/{'—' if want is None else want}")
        if want is None:
            findings.append(Finding(WARN, f"the preface states no count; extracted {got}", key))
        elif want != got:
            findings.append(Finding(FAIL, f"extracted {got}, preface states {want}", key))
    findings.sort(key=lambda f: f.status != FAIL)
    return graded("counts", findings, ", ".join(parts))


def check_sequence(tables: dict[str, AssignedTable]) -> Check:
    findings = []
    for key, table in tables.items():
        seqs = [row.seq for row in table.assigned]
        findings.extend(table.rows.issues)
        if seqs != list(range(1, len(seqs) + 1)) and not table.rows.issues:
            findings.append(Finding(FAIL, f"sequence numbers are not 1..{len(seqs)}", key))
    return graded(
        "sequence", findings, "sequence numbers run 1..N in every list", "", "sequence numbers have gaps or repeats"
    )


def check_categories(records: dict[str, list[dict]], stated: dict) -> Check:
    """Categories against the preface's names and count; a list that prints no categories has none
    to compare (not printed: never a failure)."""
    findings, unprinted = [], []
    for key, rows in records.items():
        named = stated[key]["category_names"]
        count = stated[key]["category_count"]
        if rows and all(row[CATEGORY] is None for row in rows):
            unprinted.append(NAMES[key])
            continue
        used = Counter(row[CATEGORY] for row in rows)
        if not named:
            findings.append(Finding(WARN, f"the preface names no categories; the table uses {len(used)}", key))
            continue
        findings += [
            Finding(WARN, f"category {row[CATEGORY]!r} is not among the preface's names", key, row[SEQ], where(row))
            for row in rows
            if row[CATEGORY] not in named
        ]
        if count is not None and count != len(named):
            findings.append(Finding(WARN, f"preface states {count} categories but names {len(named)}", key))
        if count is not None and count != len(used):
            findings.append(Finding(WARN, f"preface states {count} categories, the table uses {len(used)}", key))
        unused = [c for c in named if c not in used]
        if unused:
            findings.append(Finding(WARN, f"preface names categories no row uses: {'、'.join(unused)}", key))
    passed = "categories agree with the preface"
    if unprinted:
        passed += f" ({'、'.join(unprinted)}: categories not printed)"
    return graded("categories", findings, passed, "the preface and the tables disagree on categories")


def check_mandatory(records: dict[str, list[dict]]) -> Check:
    """Cells that must hold text and are empty (a field the template does not print is null: not empty)."""
    findings = [
        Finding(FAIL, f"empty {field}", key, row[SEQ], where(row))
        for key, rows in records.items()
        for row in rows
        for field in BY_KEY[key].mandatory
        if row.get(field) is not None and not row[field]
    ]
    return Check(
        "mandatory_cells", FAIL if findings else PASS, f"{len(findings)} empty mandatory cells", tuple(findings)
    )


def check_placed(tables: dict[str, AssignedTable]) -> Check:
    findings = [
        Finding(
            FAIL,
            row.problem or "its lines fit no assignment to the columns",
            key,
            row.seq,
            f"lines {row.block.lines[0].number}-{row.block.lines[-1].number}",
        )
        for key, table in tables.items()
        for row in table.assigned
        if row.cost == float("inf")
    ]
    message = f"{len(findings)} rows could not be split into columns"
    return Check("columns", FAIL if findings else PASS, message, tuple(findings))


def check_wraps(tables: dict[str, AssignedTable], form: str, settings: Settings = DEFAULT) -> Check:
    """Rows whose cells go on after short lines — the sign of text forced into the wrong cell —
    or whose paragraphs end on a full line mid-sentence (a line lost, or a typo in the source)."""
    if form in CELL_FORMS:
        return Check("wraps", PASS, "the file holds its cells' paragraphs: no line of it wrapped")
    findings = []
    for key, table in tables.items():
        for row in table.assigned:
            breaks = unexplained_breaks(row, table.widths.widths, settings)
            status = FAIL if len(breaks) >= settings.checks.wraps_to_fail else WARN
            for line, role in breaks:
                text = f"{role} goes on after a short line, at {snippet(line.text)}"
                findings.append(Finding(status, text, key, row.seq, line_where(line, form)))
            for line, role in abrupt_ends(row, table.widths.widths, settings):
                text = f"a paragraph of {role} ends mid-sentence on a full line ({tail(line.text)}); a new item follows"
                findings.append(Finding(WARN, text, key, row.seq, line_where(line, form)))
    return graded(
        "wraps",
        findings,
        passed="every cell line is full width or ends a paragraph",
        warned="lines that do not read as wrapped text once in a row (check them with explain)",
        failed="rows whose lines do not read as wrapped cells: the column split is not trustworthy",
    )


def numbering_issues(text: str, departments: list[str]) -> list[tuple[str, str]]:
    """(kind, paragraph) where numbered items do not count 1, 2, 3 … from a heading on, or section
    headings 一、二、三 … within the cell.

    restart: a "1." with no heading before it — two cells' lists run together (a wrong split);
    skip: a number missed, repeated or out of order — a lost or swapped line, or a typo."""
    issues, last, last_section = [], 0, 0
    for paragraph in ITEM_AFTER_SEMICOLON.split(text):
        section = section_number(paragraph)
        if section is not None:
            if section not in (last_section + 1, 1) or (section == 1 and last_section):
                issues.append(("section skip", paragraph[:24]))
            last_section = section
        if paragraph.endswith(("：", ":")) or section is not None or paragraph in departments:
            last = 0
            continue
        match = COUNTED_ITEM.match(paragraph)
        if match:
            number = int(match[1])
            if number != last + 1:
                issues.append(("restart" if number == 1 else "skip", paragraph[:24]))
            last = number
    return issues


def _departments(key: str, record: dict) -> list[str]:
    """The names of a record's department cells."""
    return [name for field in BY_KEY[key].fields_of(Kind.ORGS) for name in record[field] or ()]


def check_numbering(records: dict[str, list[dict]]) -> Check:
    findings = []
    for key, rows in records.items():
        for record in rows:
            for field in BY_KEY[key].prose:
                if record[field] is None:
                    continue
                for kind, paragraph in numbering_issues(record[field], _departments(key, record)):
                    status = FAIL if kind == "restart" else WARN
                    findings.append(
                        Finding(status, f"{field}: {kind} at {paragraph!r}", key, record[SEQ], where(record))
                    )
    return graded(
        "numbering",
        findings,
        passed="numbered items count up in every duty cell",
        warned="numbered items skip or repeat a number",
        failed="a numbered list starts again without a heading: two cells ran together",
    )


def record_characters(key: str, record: dict, template: Template) -> str:
    """Every character a record's printed cells hold — its columns' and its extra columns', not what
    a section row gave it or what is composed of other cells — for the conservation check."""
    parts = []
    given = {row["cell"] for row in record[SOURCE][SECTION_ROWS] or ()}
    for role in template.roles:
        if role in given:
            continue
        value = record[EXTRA][role] if role not in KIND_OF else record[role]
        parts.append("、".join(value) if isinstance(value, list) else str(value))
    return "".join(parts)


def check_conservation(tables: dict[str, AssignedTable], records: dict[str, list[dict]], form: str = "text") -> Check:
    """Every character of a table's rows in exactly one cell of its record; a section row's in the
    category it gives (its number and a count after it aside)."""
    findings = []
    for key, table in tables.items():
        template = table.rows.section.template
        for row, record in zip(table.assigned, records[key], strict=True):
            source = _chars("".join(line.text for line in row.block.lines))
            kept = _chars(record_characters(key, record, template) + "".join(p.text for p in row.stray))
            if source != kept:
                lost, added = source - kept, kept - source
                text = f"lost {''.join(sorted(lost.elements()))!r}, doubled {''.join(sorted(added.elements()))!r}"
                findings.append(Finding(FAIL, text, key, row.seq, where(record)))
        for heading in table.rows.section.headings:
            if heading.category not in squash(heading.line.text):
                text = f"section row {heading.line.text!r} gives the category {heading.category!r}"
                findings.append(Finding(FAIL, text, key, None, line_where(heading.line, form)))
    message = (
        "every character of every table body is in exactly one cell" if not findings else "characters lost or doubled"
    )
    return Check("conservation", FAIL if findings else PASS, message, tuple(findings))


def check_layout(sections: Sections) -> Check:
    """Tables found by their title whose header or rows could not be read at all; and every column
    whose label names no field, kept as extra (a warning)."""
    findings = [Finding(FAIL, s.problem, s.key) for s in sections.tables if s.problem]
    for section in sections.tables:
        for column in section.template.columns if section.template else ():
            if column.extra:
                text = f"the column {column.label!r} names no known field: kept in {EXTRA} under its label"
                findings.append(Finding(WARN, text, section.key))
    return graded(
        "layout",
        findings,
        "every table has a known header and rows",
        "columns kept as extra: their labels name no known field",
        "tables whose layout does not fit",
    )


def check_place(township: str | None, county: str | None) -> Check:
    """Whether the edition says whose list it is: a township not found is a warning, never a silent null."""
    findings = [
        Finding(WARN, f"the {what} could not be found in the preface or the titles")
        for what, value in (("township", township), ("county", county))
        if value is None
    ]
    return graded("place", findings, f"{township} in {county}", "whose list it is could not be found whole")


def check_unplaced(sections: Sections, form: str) -> Check:
    """Text printed among a table's rows that no row holds (outside every ruled band, between two tables)."""
    findings = [
        Finding(FAIL, snippet(line.text, 40), section.key, None, line_where(line, form))
        for section in sections.tables
        for line in section.unplaced
    ]
    message = "no text outside the rows" if not findings else f"{len(findings)} lines outside every row"
    return Check("unplaced_text", FAIL if findings else PASS, message, tuple(findings))


def check_stray(tables: dict[str, AssignedTable], form: str) -> Check:
    findings = [
        Finding(WARN, f"lone mark {piece.text!r}", key, row.seq, line_where(piece.line, form))
        for key, table in tables.items()
        for row in table.assigned
        if row.cost != float("inf")
        for piece in row.stray
    ]
    message = f"{len(findings)} lone marks belong to no cell (kept out of the records)"
    return Check("stray_marks", WARN if findings else PASS, message, tuple(findings))


def check_pages(paged: PagedText) -> Check:
    if paged.source.form in CELL_FORMS:
        return Check("pages", PASS, "no printed pages to count: the file holds cells")
    findings = []
    counted = {line.number: line.page for line in paged.lines}
    for number, printed, _total in paged.footers:
        if counted[number] != printed:
            text = f"footer says page {printed}, counted page {counted[number]}"
            findings.append(Finding(WARN, text, where=f"line {number}"))
    pages = max((line.page for line in paged.lines), default=0)
    for total in sorted({total for _, _, total in paged.footers if total is not None}):
        if total > pages:
            findings.append(Finding(FAIL, f"footers say {total} pages, only {pages} found: the document looks cut off"))
        elif total != pages:
            findings.append(Finding(WARN, f"footers say {total} pages, {pages} page starts were counted"))
    message = f"{pages} pages, {len(paged.footers)} footers"
    return graded("pages", findings, message, message + "; page marks disagree", "the document looks cut off")


def closed(text: str) -> bool:
    """Whether a cell ends its sentence: 。！？ (a closing bracket or quote may follow)."""
    stripped = text.rstrip("）)”’》」』")
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL


def check_ending(
    sections: Sections, tables: dict[str, AssignedTable], form: str, settings: Settings = DEFAULT
) -> Check:
    """The document's last cell must end: a full line with nothing after it was cut off."""
    last_section = max(sections.tables, key=lambda s: s.title.number if s.title else 0)
    table = tables.get(last_section.key)
    if table is None or not table.assigned or not table.assigned[-1].placed:
        return Check("ending", PASS, "no last row to check")
    row = table.assigned[-1]
    last = row.placed[-1]
    run = sum(cp.piece.width for cp in row.placed if cp.piece.line is last.piece.line and cp.role == last.role)
    width = table.widths.widths.get(last.role)
    text = last.piece.text
    key = table.rows.section.key

    def finding(status: Status) -> tuple[Finding]:
        return (Finding(status, f"{last.role} ends {tail(text)}", key, row.seq, line_where(last.piece.line, form)),)

    if last.role not in PROSE_FIELDS or text[-1] in CLOSING:
        return Check("ending", PASS, "the last row ends with its sentence")
    if width is not None and ends_full(last.piece, run, width, settings):
        message = "the text ends on a full line mid-cell: the document looks cut off"
        return Check("ending", FAIL, message, finding(FAIL))
    # the document's own habit decides: where (nearly) every other duty cell ends its sentence,
    # one that does not is cut off
    others = [
        cp.piece.text[-1] in CLOSING
        for other in table.assigned[:-1]
        for cp in _cell_ends(other)
        if cp.role in PROSE_FIELDS
    ]
    if others and sum(others) >= settings.checks.ending_habit * len(others):
        share = f"{sum(others)} of {len(others)} other duty cells end with closing punctuation"
        message = f"the last cell stops mid-sentence ({share}): the document looks cut off"
        return Check("ending", FAIL, message, finding(FAIL))
    return Check("ending", WARN, "the last cell ends without closing punctuation", finding(WARN))


def _cell_ends(row) -> list:
    """The last piece of each of a row's cells."""
    last = {}
    for cp in row.placed:
        last[cp.role] = cp
    return list(last.values())


def check_cell_ends(records: dict[str, list[dict]], settings: Settings = DEFAULT) -> Check:
    """Cells that end unlike (nearly) every other cell of their column: a duty cell left mid-sentence
    where the document closes every duty with 。 (its last item or line lost, lines exchanged with
    another row), or a name that ends like a sentence where no name does (text ran into it)."""
    habit = settings.checks.habit
    findings = []
    for key, rows in records.items():
        for field in BY_KEY[key].searchable:
            cells = [(record, record[field]) for record in rows if record.get(field)]
            if len(cells) < settings.checks.habit_min_cells:
                continue
            share = sum(closed(text) for _, text in cells) / len(cells)
            for record, text in cells:
                if share >= habit and not closed(text):
                    ending = f"{field} ends mid-sentence: {tail(text)}"
                elif share <= 1 - habit and closed(text):
                    ending = f"{field} ends like a sentence: {tail(text)}"
                else:
                    continue
                findings.append(Finding(WARN, ending, key, record[SEQ], where(record)))
    return graded(
        "cell_ends",
        findings,
        "every cell ends as its column's cells do",
        "cells that end unlike the others of their column",
    )


def unpaired_marks(text: str) -> list[str]:
    """Brackets and quotes of a cell that close before they open, or never close."""
    found = []
    for opening, closing in PAIRED_MARKS:
        depth = 0
        for ch in text:
            depth += (ch == opening) - (ch == closing)
            if depth < 0:
                break
        if depth < 0:
            found.append(f"{closing} before its {opening}")
        elif depth > 0:
            found.append(f"{opening} without its {closing}")
    return found


def check_marks(records: dict[str, list[dict]]) -> Check:
    """Paired marks and punctuation within each cell: a quote or bracket left open, or closed
    without opening, or two stops in a row (；。) — lines exchanged between rows, or a line lost."""
    findings = []
    for key, rows in records.items():
        for record in rows:
            for field in BY_KEY[key].searchable:
                text = record.get(field) or ""
                problems = unpaired_marks(text) + [f"{m[0]!r} twice" for m in DOUBLED_STOPS.finditer(text)]
                for problem in problems:
                    findings.append(Finding(WARN, f"{field}: {problem}", key, record[SEQ], where(record)))
    return graded(
        "marks",
        findings,
        "quotes and brackets pair up in every cell",
        "cells whose quotes, brackets or stops do not pair up",
    )


def check_sections(records: dict[str, list[dict]]) -> Check:
    """The section headings (一、…) of a row's duty cells: where two have them, the later column's
    duties follow the first one's sections (the township's those of the upstream department), so a
    heading one cell has and the other lacks is text moved between cells or rows."""
    findings = []
    for key, rows in records.items():
        first, *others = BY_KEY[key].duties or ("",)
        for record in rows:
            for other in others:
                if record.get(first) is None or record.get(other) is None:
                    continue
                a, b = (
                    [p.rstrip("：:") for p in record[field].split("\n") if section_number(p) is not None]
                    for field in (first, other)
                )
                if not a or not b:
                    continue
                pairs = [(other, first, heading) for heading in b if heading not in a]
                pairs += [(first, other, heading) for heading in a if heading not in b]
                for has, lacks, heading in pairs:
                    text = f"{has} has the section {heading!r}, which {lacks} does not"
                    findings.append(Finding(WARN, text, key, record[SEQ], where(record)))
    return graded(
        "sections", findings, "duty cells that have sections have the same ones", "duty cells whose sections differ"
    )


def check_repeats(tables: dict[str, AssignedTable], form: str) -> Check:
    """A line printed twice in a cell, one under the other: a converter or an editor doubled it. (A
    department cell and the duty heading beside it may print the same name: other cells.)"""
    findings = []
    for key, table in tables.items():
        for row in table.assigned:
            cells = line_cells(row)
            printed = [line for line in row.block.lines if line.text]
            for before, line in zip(printed, printed[1:], strict=False):
                same_cell = cells.get(line.number) == cells.get(before.number)
                if same_cell and len(squash(line.text)) >= 2 and squash(line.text) == squash(before.text):
                    text = f"a line is printed twice, one under the other: {snippet(line.text)}"
                    findings.append(Finding(WARN, text, key, row.seq, line_where(line, form)))
    return graded("repeats", findings, "no line is printed twice in a row", "lines printed twice in a row")


def check_reading(paged: PagedText) -> Check:
    """What reading the input repaired or removed (control characters of a damaged file, a PDF's
    broken parts): the records hold the rest, and this says what was not kept."""
    findings = [Finding(WARN, what, where=at) for at, what in paged.source.notes]
    return graded(
        "reading", findings, "the input was read without repairs", "reading the input repaired or removed some of it"
    )


def check_ocr(
    records: dict[str, list[dict]], form: str, snaps: tuple[Snap, ...] = (), settings: Settings = DEFAULT
) -> Check:
    """A scan's cells with a character recognised less surely than ScanSettings.low_confidence, each
    with its page and box: a person reads those against the page (report.html draws them); and each
    name snapped to a known one (core/snap.py)."""
    if form != "scan":
        return Check("ocr", PASS, "no text was recognised: the edition was read as printed")
    findings = [
        Finding(
            WARN,
            f"{snap.field} read {snap.read!r}, taken as the {snap.known_from}'s {snap.name!r} "
            f"({snap.edits} {'edit' if snap.edits == 1 else 'edits'} away)",
            snap.list,
            snap.seq,
            snap.where,
        )
        for snap in snaps
    ]
    cells = 0
    for key, rows in records.items():
        for record in rows:
            by_cell: dict[str, list[dict]] = {}
            for box in record[SOURCE][BOXES] or ():
                by_cell.setdefault(box["cell"], []).append(box)
            for cell, boxes in by_cell.items():
                cells += 1
                low = [
                    b for b in boxes if b["confidence"] is not None and b["confidence"] < settings.scan.low_confidence
                ]
                if not low:
                    continue
                value = record.get(cell)
                text = "、".join(value) if isinstance(value, list) else str(value or "")
                lowest = min(b["confidence"] for b in low)
                at = "; ".join(
                    f"page {b['page']} ({b['x0']:.0f}, {b['top']:.0f})–({b['x1']:.0f}, {b['bottom']:.0f})" for b in low
                )
                findings.append(
                    Finding(WARN, f"{cell} read with confidence {lowest:.3f}: {snippet(text)}", key, record[SEQ], at)
                )
    return graded(
        "ocr",
        findings,
        f"all {cells} recognised cells read with confidence {settings.scan.low_confidence} or more",
        f"recognised cells to read against the page (confidence below {settings.scan.low_confidence})"
        + (f"; {len(snaps)} names taken as known ones" if snaps else ""),
    )


def validate(
    document: Document,
    records: dict[str, list[dict]],
    stated: dict,
    snaps: tuple[Snap, ...] = (),
    settings: Settings = DEFAULT,
    place: tuple[str | None, str | None] = (None, None),
) -> list[Check]:
    """Every check of a document's records, in the order reports show them; place: (township, county)."""
    sections, tables, paged = document.sections, document.tables, document.paged
    form = paged.source.form
    return [
        check_layout(sections),
        check_place(*place),
        check_counts(records, stated),
        check_sequence(tables),
        check_categories(records, stated),
        check_mandatory(records),
        check_placed(tables),
        check_wraps(tables, form, settings),
        check_numbering(records),
        check_conservation(tables, records, form),
        check_unplaced(sections, form),
        check_stray(tables, form),
        check_pages(paged),
        check_ending(sections, tables, form, settings),
        check_cell_ends(records, settings),
        check_marks(records),
        check_sections(records),
        check_repeats(tables, form),
        check_reading(paged),
        check_ocr(records, form, snaps, settings),
    ]
