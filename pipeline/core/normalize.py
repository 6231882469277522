"""normalize: an assigned Row → its record (plain dict in the output contract's shape).

Cell text is the published text with wrap breaks and the converter's gaps between CJK
characters removed; hard line breaks inside prose cells are kept as "\\n". Nothing else
is rewritten. Department lists are read from the department cell and the duty headings.
"""

from __future__ import annotations

from ..model import CellPiece, Row
from ..spec import BY_KEY, CATEGORY, NAME, SEQ, SOURCE, Derivation, Kind, ListSpec, Record, Source
from .grammar import LEADING_NAME, SECTION_HEADING, is_org_list

_SECTION = SECTION_HEADING


def _wide(ch: str) -> bool:
    return not ch.isascii()


def join_pieces(pieces: list[CellPiece], headings: frozenset[str] = frozenset()) -> str:
    """Cell text: hard breaks as newlines, wraps joined, gaps kept only between ASCII text.

    headings: section headings (一、…) the row prints whole elsewhere; a line that completes
    one ends its paragraph even when it filled the column.
    """
    paragraphs: list[list[str]] = []
    current = ""  # the paragraph so far, kept only as long as the longest heading it could be
    longest = max(map(len, headings), default=0)
    previous: CellPiece | None = None
    for cp in pieces:
        piece = cp.piece.text
        if previous is None or cp.break_before or (headings and current in headings):
            paragraphs.append([piece])
            current = piece
        else:
            same_line = previous.piece.line.number == cp.piece.line.number
            left, right = paragraphs[-1][-1][-1], piece[0]
            if same_line:
                gap = "" if _wide(left) and _wide(right) else " "
            else:
                gap = " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""
            paragraphs[-1].append(gap + piece)
            if len(current) <= longest:
                current += gap + piece
        previous = cp
    return "\n".join("".join(parts) for parts in paragraphs)


def split_names(text: str) -> list[str]:
    """Department names of a 、-separated cell."""
    return [name.strip() for name in text.replace("\n", "").split("、") if name.strip()]


def _heading_name(paragraph: str, departments: list[str]) -> str | None:
    """The department a paragraph like 某某局： introduces, else None."""
    if paragraph in departments:  # a heading printed without its colon (共青团某某县委员会)
        return paragraph
    if not paragraph.endswith(("：", ":")):
        return None
    name = paragraph[:-1].strip()
    if name in departments or (is_org_list(name) and "、" not in name):
        return name
    return None


def by_department(text: str, departments: list[str]) -> list[dict]:
    """Upstream duty text split at its department headings; [] when it has none.

    A section heading (一、…) directly followed by a department heading frames the
    entries under it (a row that lists several departments per topic).
    """
    paragraphs = text.split("\n")
    entries: list[dict] = []
    section = None
    lead: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        name = _heading_name(paragraph, departments)
        if name is not None:
            entries.append({"department": name, "section": section, "text": ""})
        elif _SECTION.match(paragraph) and _heading_name(following, departments):
            section = paragraph
        elif entries:
            entry = entries[-1]
            entry["text"] = f"{entry['text']}\n{paragraph}" if entry["text"] else paragraph
        else:
            lead.append(paragraph)
    if entries and lead:
        entries.insert(0, {"department": None, "section": None, "text": "\n".join(lead)})
    return entries


def leading_departments(text: str) -> list[str]:
    """Departments a text names at the start of a paragraph (某某局：…)."""
    names: list[str] = []
    for paragraph in text.split("\n"):
        match = LEADING_NAME.match(paragraph)
        if match and is_org_list(match[1]):
            names.extend(n for n in split_names(match[1]) if n not in names)
    return names


def source_of(row: Row) -> Source:
    """Where the row is printed: source lines of a text, page boxes of a PDF."""
    lines = [line for line in row.block.lines if not line.blank]
    pages = sorted({line.page for line in lines})
    if row.boxes is not None:  # a PDF's row: the pages its own cells are printed on (not a merged cell's)
        pages = sorted({box["page"] for box in row.boxes}) or pages
        return {
            "pages": pages,
            "first_line": None,
            "last_line": None,
            "boxes": row.boxes,
            "merged": row.merged or [],
            "refs": None,
        }
    if row.refs is not None:  # a file of cells: where each cell is, no pages
        return {
            "pages": [],
            "first_line": None,
            "last_line": None,
            "boxes": None,
            "merged": row.merged or [],
            "refs": row.refs,
        }
    return {
        "pages": pages,
        "first_line": lines[0].number,
        "last_line": lines[-1].number,
        "boxes": None,
        "merged": None,
        "refs": None,
    }


def derive(record: dict, spec: ListSpec) -> None:
    """Fill a record's derived fields from its columns: when it is made, and again after a column
    is corrected (core/snap.py)."""
    departments = [name for field in spec.fields_of(Kind.ORGS) for name in record[field]]
    for derived in spec.derived:
        text = record[derived.source]
        if derived.how == Derivation.BY_DEPARTMENT:
            record[derived.field] = by_department(text, departments)
        else:
            record[derived.field] = leading_departments(text)


def to_record(row: Row) -> Record:
    """The record of a row, its fields in the list's order (spec.ListSpec.fields): each column's
    cell text (a department cell as its list of names), each derived field after its column."""
    spec = BY_KEY[row.table]
    cells = {role: join_pieces(row.cell(role)) for role in dict.fromkeys(cp.role for cp in row.placed)}
    headings = frozenset(p for text in cells.values() for p in text.split("\n") if _SECTION.match(p))
    if headings:
        cells = {role: join_pieces(row.cell(role), headings) for role in cells}
    record: dict = {SEQ: row.seq, CATEGORY: row.category, NAME: cells.get(NAME, "")}
    for column in spec.columns[3:]:
        text = cells.get(column.field, "")
        record[column.field] = split_names(text) if column.kind == Kind.ORGS else text
        record.update((d.field, None) for d in spec.derived if d.source == column.field)  # placed after it
    derive(record, spec)
    record[SOURCE] = source_of(row)
    return record
