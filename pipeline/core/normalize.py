"""normalize: an assigned Row → its record (plain dict in the output contract's shape).

Cell text is the published text with wrap breaks and the converter's gaps between CJK
characters removed; hard line breaks inside prose cells are kept as "\\n". Nothing else
is rewritten. Department lists are read from the department cell and the duty headings.
"""

from __future__ import annotations

from ..model import CellPiece, Row, Template
from ..spec import BY_KEY, EXTRA, SEQ, SOURCE, Derivation, Kind, ListSpec, Record, SectionRow, Source
from .grammar import LEADING_NAME, NO_START, PLACEHOLDER, SECTION_HEADING, is_org_list

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
            else:  # a wrap: a space only where the line broke at one (a typesetter drops it there)
                words = left.isascii() and left.isalpha() and right.isascii() and right.isalpha()
                # an ASCII closing mark cannot start a line unless a space before it let the line break
                at_space = right.isascii() and right in NO_START and not left.isspace()
                gap = " " if words or at_space else ""
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


def section_rows_of(row: Row) -> list[SectionRow]:
    """The section rows a row's categories come from, upper level first."""
    return [
        {
            "cell": field,
            "text": heading.line.text,
            "line": heading.line.number,
            "page": heading.line.page or None,
            "ref": heading.line.ref or None,
        }
        for field, heading in row.sections.items()
    ]


def source_of(row: Row, sectioned: bool = False) -> Source:
    """Where the row is printed: source lines of a text, page boxes of a PDF, cells of a file of
    cells; `sectioned`: its table gives categories by section rows (else section_rows is None)."""
    lines = [line for line in row.block.lines if not line.blank]
    pages = sorted({line.page for line in lines})
    sections = section_rows_of(row) if sectioned else None
    if row.boxes is not None:  # a PDF's row: the pages its own cells are printed on (not a merged cell's)
        pages = sorted({box["page"] for box in row.boxes}) or pages
        return {
            "pages": pages,
            "first_line": None,
            "last_line": None,
            "boxes": row.boxes,
            "merged": row.merged or [],
            "refs": None,
            "section_rows": sections,
        }
    if row.refs is not None:  # a file of cells: where each cell is, no pages
        return {
            "pages": [],
            "first_line": None,
            "last_line": None,
            "boxes": None,
            "merged": row.merged or [],
            "refs": row.refs,
            "section_rows": sections,
        }
    return {
        "pages": pages,
        "first_line": lines[0].number,
        "last_line": lines[-1].number,
        "boxes": None,
        "merged": None,
        "refs": None,
        "section_rows": sections,
    }


def names_of(text: str | None) -> list[str]:
    """The names a cell of names holds; none where it is not printed or holds a placeholder (/, 无)."""
    return [] if text is None or PLACEHOLDER.match(text) else split_names(text)


def derive(record: dict, spec: ListSpec) -> None:
    """Fill a record's derived fields from its columns: when it is made, and again after a column
    is corrected (core/snap.py)."""
    departments = [name for field in spec.fields_of(Kind.ORGS) for name in record[field] or ()]
    for derived in spec.derived:
        text = record[derived.source]
        if derived.cell and record[derived.cell] is not None:  # the template prints the names in a column
            record[derived.field] = names_of(record[derived.cell])
        elif text is None:
            record[derived.field] = []
        elif derived.how == Derivation.BY_DEPARTMENT:
            record[derived.field] = by_department(text, departments)
        else:
            record[derived.field] = leading_departments(text)


def composed_text(unit: str | None, rest: str | None) -> str:
    """A field printed in two columns (承接部门 | 工作方式) as templates that print it in one word it
    (承接部门及工作方式: 某某局：负责…): the department and a colon before the rest, unless the rest
    begins with a department heading of its own."""
    unit = "" if unit is None or PLACEHOLDER.match(unit) else "、".join(unit.split("\n"))
    rest = rest or ""
    if not unit:
        return rest
    first = rest.split("\n")[0]
    named = LEADING_NAME.match(first)
    if named and is_org_list(named[1]):
        return rest
    return f"{unit}：{rest}" if rest else unit


def to_record(row: Row, template: Template, sectioned: bool = False) -> Record:
    """The record of a row, its fields in the list's order (spec.ListSpec.fields): each printed
    column's cell text (a department cell as its list of names), categories from their column or the
    section row above, a field the template does not print null, each derived field after its
    column, a field printed in two columns composed of them, the extra columns by their labels."""
    spec = BY_KEY[row.table]
    cells = {role: join_pieces(row.cell(role)) for role in dict.fromkeys(cp.role for cp in row.placed)}
    headings = frozenset(p for text in cells.values() for p in text.split("\n") if _SECTION.match(p))
    if headings:
        cells = {role: join_pieces(row.cell(role), headings) for role in cells}
    record: dict = {}
    for column in spec.columns:
        field = column.field
        if field == SEQ:
            value = row.seq
        elif field in row.categories:
            value = row.categories[field]
        elif field in row.sections:
            value = row.sections[field].category
        elif template.prints(field):
            value = cells.get(field, "")
        else:
            value = None  # not printed
        record[field] = split_names(value) if column.kind == Kind.ORGS and value is not None else value
        record.update((d.field, None) for d in spec.derived if d.source == field)  # placed after it
    for composed in spec.composed:
        if not template.prints(composed.field) and template.prints(composed.parts[1]):
            record[composed.field] = composed_text(*(record[part] for part in composed.parts))
    record[EXTRA] = {role: cells.get(role, "") for role in template.extras}
    derive(record, spec)
    record[SOURCE] = source_of(row, sectioned)
    return record
