"""The typed values passed from stage to stage, each carrying its provenance; the statuses of a
build and the exit statuses they map to.

Every reader ends in a `Document` (the preface and the three tables as rows of placed cell pieces);
`extract.finish` makes the `Edition` (records and checks) of it, whatever the form the edition came in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from .spec import CATEGORY, CATEGORY_FIELDS, EXTRA, KIND_OF, NAMES


class InputError(Exception):
    """The input cannot be read as a 履职事项清单 (exit status 2, nothing written)."""


class NoTextLayer(InputError):
    """A PDF whose pages hold no text, only pictures of it: a scan, for the scan reader."""


class Status(StrEnum):
    """Of a check, a build, a file of a batch."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"  # the file could not be read as a list (a batch's result)


class Exit(IntEnum):
    """Exit statuses of every command (README.md, "Exit status")."""

    OK = 0
    FAILED_CHECK = 1
    BAD_INPUT = 2
    CHANGES = 3
    INTERNAL = 4
    INTERRUPTED = 130
    BROKEN_PIPE = 141


EXIT_BY_STATUS = {
    Status.PASS: Exit.OK,
    Status.WARN: Exit.OK,
    Status.FAIL: Exit.FAILED_CHECK,
    Status.ERROR: Exit.BAD_INPUT,
}


def worst(statuses) -> Status:
    """fail if any failed, else warn if any warned, else pass."""
    statuses = set(statuses)
    return Status.FAIL if Status.FAIL in statuses else Status.WARN if Status.WARN in statuses else Status.PASS


@dataclass(frozen=True)
class Finding:
    """One thing a check found. `text` says what, without positions, so that it names the same
    finding after an unrelated edit moves the lines (a baseline is keyed by it); `where` says
    where to look (source lines, or pages of a PDF)."""

    status: Status  # warn | fail
    text: str
    list: str | None = None  # basic | cooperative | withdrawn, or None for the whole document
    row: int | None = None  # the row's sequence number
    where: str = ""

    def detail(self) -> str:
        """The finding for a person: 配合履职事项 row 82 (lines 2890-2954): duty text names …"""
        head = " ".join(part for part in (NAMES.get(self.list, ""), f"row {self.row}" if self.row else "") if part)
        if self.where:
            head = f"{head} ({self.where})" if head else self.where
        return f"{head}: {self.text}" if head else self.text


@dataclass(frozen=True)
class Check:
    name: str
    status: Status  # pass | warn | fail
    message: str
    findings: tuple[Finding, ...] = ()

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(finding.detail() for finding in self.findings)


def graded(name: str, findings: list[Finding], passed: str, warned: str = "", failed: str = "") -> Check:
    """A check whose status is its worst finding's, with the message for that status."""
    status = worst(f.status for f in findings)
    message = {Status.PASS: passed, Status.WARN: warned or passed, Status.FAIL: failed or warned or passed}[status]
    return Check(name, status, message, tuple(findings))


# The forms that hold cells and their paragraphs (the others print lines whose wraps are measured).
CELL_FORMS = frozenset({"docx", "doc", "xlsx", "xls", "html"})


@dataclass(frozen=True)
class SourceText:
    """load: the decoded published text."""

    name: str
    sha256: str
    encoding: str
    lines: tuple[str, ...]  # without line terminators; index + 1 is the source line number
    form: str = "text"  # text | pdf | scan | docx | xlsx | xls | doc | html: how the edition reached us
    notes: tuple[tuple[str, str], ...] = ()  # (where, what): what reading repaired or removed (control characters…)


@dataclass(frozen=True)
class Line:
    """One source line with the page it is printed on."""

    number: int  # 1-based source line number
    page: int
    text: str  # as printed, surrounding white space removed
    ref: str = ""  # where in a file of cells: 配合履职事项清单!E7, table 2 row 5 cell 3

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class PagedText:
    """pages: every line placed on its page, footers recognised."""

    source: SourceText
    lines: tuple[Line, ...]
    page_starts: tuple[int, ...]  # line numbers where a page begins
    footers: tuple[tuple[int, int, int | None], ...]  # (line number, printed page N, printed total M or None)


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a table as its header prints it (core/template.py reads it)."""

    label: str  # as printed, white space removed (the lower label of a two-row header)
    role: str  # the field it fills, or its label: an extra column, kept in the record's `extra`
    parent: str = ""  # the label printed over it and its neighbours (a two-row header), if any

    @property
    def extra(self) -> bool:
        return self.role not in KIND_OF


@dataclass(frozen=True)
class Template:
    """A table's columns as its header prints them, left to right (converter text: in reading order)."""

    key: str
    columns: tuple[TemplateColumn, ...]
    header_rows: int = 1

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(column.role for column in self.columns)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(column.label for column in self.columns)

    def prints(self, field: str) -> bool:
        return field in self.roles

    @property
    def extras(self) -> tuple[str, ...]:
        return tuple(column.role for column in self.columns if column.extra)

    def free_category_fields(self) -> tuple[str, ...]:
        """The category fields no column prints: what section rows may give (upper level first)."""
        return tuple(field for field in CATEGORY_FIELDS if not self.prints(field))

    def document(self) -> dict:
        """The template as edition.json keeps it."""
        return {
            "header_rows": self.header_rows,
            "columns": [
                {"label": c.label, "field": EXTRA if c.extra else c.role, "parent": c.parent or None}
                for c in self.columns
            ],
        }


@dataclass(frozen=True)
class SectionHeading:
    """A row spanning a table whose heading gives the rows under it their category (一、党的建设)."""

    line: Line
    level: int  # 0 第一类, 1 一、 (or a category word alone), 2 （一）
    category: str  # the heading without its number: 党的建设


@dataclass(frozen=True)
class Section:
    """sections: the preface or one table's lines, furniture removed."""

    key: str  # preface | basic | cooperative | withdrawn
    title: Line | None
    template: Template | None  # the columns its header prints (None: the preface, or a header not read)
    lines: tuple[Line, ...]  # body lines (blank lines kept: they are text-block boundaries)
    removed: tuple[Line, ...]  # repeated headers and footers stripped from the body
    unplaced: tuple[Line, ...] = ()  # text within the table's extent that belongs to no row
    problem: str | None = None  # why the table's layout could not be read (its rows are then empty)
    headings: tuple[SectionHeading, ...] = ()  # its section rows, in order


@dataclass(frozen=True)
class Sections:
    paged: PagedText
    preface: Section
    tables: tuple[Section, ...]  # basic, cooperative, withdrawn, in that order
    sign_off: tuple[Line, ...] = ()  # who issued the document and when, after its last table


@dataclass(frozen=True)
class RowBlock:
    """rows: the lines of one table row, the sequence number line first."""

    table: str
    seq: int
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class TableRows:
    section: Section
    rows: tuple[RowBlock, ...]
    issues: tuple[Finding, ...]  # sequence gaps and repeats found while segmenting


@dataclass(frozen=True)
class Piece:
    """A run of text on one line: between a converter's column gaps, or a cell's line of a PDF."""

    text: str
    line: Line
    first_on_line: bool
    width: float  # printed width in em (CJK = 1, ASCII = 0.5)
    # Where the page's geometry is known (em): the room left on the line before its column's edge,
    # and the width of the line's first unbreakable unit (a character with the punctuation that
    # may not start a line). A line broke early for the next one's first unit iff that unit did
    # not fit: then it wrapped, however short it is (Chinese line-breaking rules).
    room: float | None = None
    lead: float | None = None


@dataclass(frozen=True)
class CellPiece:
    """A piece placed in a cell, and whether a hard line break precedes it inside the cell."""

    piece: Piece
    role: str
    break_before: bool


@dataclass
class Row:
    """columns: a row with every piece placed in a cell."""

    table: str
    seq: int
    categories: dict[str, str]  # category field → the text of its column (the fields the template prints)
    category_lines: tuple[int, ...]
    placed: list[CellPiece]
    stray: list[Piece]  # lone marks that belong to no cell
    block: RowBlock
    cost: float = 0.0
    boxes: list[dict] | None = None  # PDF only: where each fragment of the row is printed
    problem: str | None = None  # why the row could not be split into columns (cost is then inf)
    merged: list[dict] | None = None  # its cells printed once in a cell merged over rows (not on a text)
    refs: list[dict] | None = None  # Word, Excel, web page: where each of its cells is in the file
    sections: dict[str, SectionHeading] = field(default_factory=dict)  # category field → the section row giving it

    @property
    def category(self) -> str:
        return self.categories.get(CATEGORY, "")

    def cell(self, role: str) -> list[CellPiece]:
        return [p for p in self.placed if p.role == role]


@dataclass(frozen=True)
class ColumnWidths:
    """The wrap width (em) the document uses for each text column of one table."""

    widths: dict[str, float]


@dataclass(frozen=True)
class AssignedTable:
    rows: TableRows
    widths: ColumnWidths
    assigned: tuple[Row, ...]


@dataclass(frozen=True)
class Document:
    """What every reader makes of its form: the source, its lines on their pages, the preface and the
    tables, every table row's text placed in cells (line breaks decided) with its provenance."""

    paged: PagedText
    sections: Sections
    tables: dict[str, AssignedTable]
    stated: dict | None = None  # the preface's counts, when the reader needed them already

    @property
    def source(self) -> SourceText:
        return self.paged.source


@dataclass
class Edition:
    """Everything a build emits."""

    source: SourceText
    township: str | None
    county: str | None
    facts: dict
    stated: dict
    records: dict[str, list[dict]]
    extracted: dict
    column_widths: dict[str, dict[str, float]]
    checks: list[Check] = field(default_factory=list)
    sign_off: dict | None = None  # {"lines": [...], "date": "2025年3月20日"}: who issued it and when
    township_kind: str | None = None  # 乡 | 民族乡 | 镇 | 街道 | 苏木
    templates: dict[str, dict] = field(default_factory=dict)  # per list: its template as printed

    @property
    def status(self) -> Status:
        """fail if any check failed, else warn if any warned, else pass."""
        return worst(check.status for check in self.checks)
