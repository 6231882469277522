"""spec: what each list is — its key, its names, its columns (the field each fills, the header labels
that name it, its Chinese title, what kind of text it holds, whether it may be empty) and what is
derived from them. Every stage reads this: a column added or renamed is an edit here (and in the
schema files under schemas/, which a test holds to this).

This is the one module that spells list keys and record fields; everything else names them
through the constants below.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

# The lists.
BASIC, COOPERATIVE, WITHDRAWN = "basic", "cooperative", "withdrawn"

# Record fields. A column's field is also its role: what the header label it is printed under means.
SEQ = "seq"
CATEGORY = "category"
NAME = "name"
DEPARTMENTS = "departments"
UPSTREAM = "upstream_duties"
TOWNSHIP = "township_duties"
HANDLER = "handler"
UPSTREAM_BY_DEPARTMENT = "upstream_by_department"
HANDLER_DEPARTMENTS = "handler_departments"
KEYWORDS = "keywords"
SOURCE = "source"
# …and of a record's source (where it was printed).
PAGES, FIRST_LINE, LAST_LINE, BOXES, MERGED, REFS = "pages", "first_line", "last_line", "boxes", "merged", "refs"


class Kind(StrEnum):
    """What a column's cells hold, which decides how their lines are read and checked."""

    NUMBER = "number"  # the row's sequence number
    CATEGORY = "category"  # a category word (社会保障), wrapped at most once
    TEXT = "text"  # one run of prose: a name
    PROSE = "prose"  # prose with hard line breaks: numbered items, headings, departments
    ORGS = "orgs"  # 、-separated organisation names


class Derivation(StrEnum):
    BY_DEPARTMENT = "by_department"  # the prose split at its department headings (某某局：)
    LEADING_DEPARTMENTS = "leading_departments"  # the departments its paragraphs begin with (某某局：…)


@dataclass(frozen=True)
class Column:
    field: str
    title: str  # the Chinese header of CSV and Excel
    kind: Kind
    labels: tuple[str, ...]  # header labels producers print it under
    width: int = 24  # Excel column width
    headed: bool = False  # prose organised under department headings (某某局：)


@dataclass(frozen=True)
class Derived:
    """A field computed from a column's text, placed right after it in the record."""

    field: str
    source: str  # the column it is read from
    how: Derivation
    title: str = ""  # the Chinese header when CSV and Excel have it ("" for nested data they leave out)


@dataclass(frozen=True)
class ListSpec:
    key: str
    name: str  # how the preface counts the list (基本履职事项 112项) and reports name it
    titles: tuple[str, ...]  # the title lines that begin it (spaces ignored)
    columns: tuple[Column, ...]  # in their usual order; 序号 and 事项类别 first
    derived: tuple[Derived, ...] = ()
    matched_by_duties: bool = False  # diff matches its items by their duty texts as well as their names

    @property
    def title(self) -> str:
        return self.titles[0]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns)

    def column(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)

    def fields_of(self, *kinds: Kind) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns if column.kind in kinds)

    @property
    def prose(self) -> tuple[str, ...]:
        """Columns of running prose with hard line breaks."""
        return self.fields_of(Kind.PROSE)

    @property
    def mandatory(self) -> tuple[str, ...]:
        """Every cell but the number must hold text."""
        return tuple(column.field for column in self.columns if column.kind != Kind.NUMBER)

    @property
    def searchable(self) -> tuple[str, ...]:
        """What a record is found and compared by: its name and its duties."""
        return self.fields_of(Kind.TEXT, Kind.PROSE)

    @property
    def compared(self) -> tuple[str, ...]:
        """The fields diff compares: every column but the number."""
        return tuple(column.field for column in self.columns if column.kind != Kind.NUMBER)

    def derived_of(self, how: Derivation) -> tuple[Derived, ...]:
        return tuple(d for d in self.derived if d.how == how)

    @property
    def department_fields(self) -> tuple[str, ...]:
        """Fields naming departments: department cells and what is derived from duty headings."""
        return self.fields_of(Kind.ORGS) + tuple(d.field for d in self.derived)

    @property
    def fields(self) -> tuple[str, ...]:
        """A record's fields in order (derived fields after their column), then keywords and source."""
        out: list[str] = []
        for column in self.columns:
            out.append(column.field)
            out += [d.field for d in self.derived if d.source == column.field]
        return (*out, KEYWORDS, SOURCE)


_SEQ = Column(SEQ, "序号", Kind.NUMBER, ("序号", "编号"), width=6)
_CATEGORY = Column(CATEGORY, "事项类别", Kind.CATEGORY, ("事项类别", "类别"), width=14)
_NAME = Column(NAME, "事项名称", Kind.TEXT, ("事项名称", "履职事项名称", "名称"), width=36)

LISTS: tuple[ListSpec, ...] = (
    ListSpec(BASIC, "基本履职事项", ("基本履职事项清单",), (_SEQ, _CATEGORY, _NAME)),
    ListSpec(
        COOPERATIVE,
        "配合履职事项",
        ("配合履职事项清单",),
        (
            _SEQ,
            _CATEGORY,
            _NAME,
            Column(
                DEPARTMENTS,
                "对应上级部门",
                Kind.ORGS,
                ("对应上级部门", "对应县级部门", "对应部门", "县级部门", "配合部门", "部门名称", "单位名称"),
            ),
            Column(UPSTREAM, "上级部门职责", Kind.PROSE, ("上级部门职责", "县级部门职责", "部门职责"), 60, headed=True),
            Column(TOWNSHIP, "乡配合职责", Kind.PROSE, ("乡配合职责", "镇配合职责", "乡镇配合职责", "乡镇职责"), 50),
        ),
        (Derived(UPSTREAM_BY_DEPARTMENT, UPSTREAM, Derivation.BY_DEPARTMENT),),
        matched_by_duties=True,
    ),
    ListSpec(
        WITHDRAWN,
        "上级部门收回事项",
        ("上级部门收回事项清单",),
        (
            _SEQ,
            _CATEGORY,
            _NAME,
            Column(
                HANDLER,
                "承接部门及工作方式",
                Kind.PROSE,
                ("承接部门及工作方式", "承接部门", "承接单位及工作方式", "承接部门（单位）及工作方式"),
                60,
                headed=True,
            ),
        ),
        (Derived(HANDLER_DEPARTMENTS, HANDLER, Derivation.LEADING_DEPARTMENTS, "承接部门"),),
    ),
)

KEYS: tuple[str, ...] = tuple(spec.key for spec in LISTS)
BY_KEY: dict[str, ListSpec] = {spec.key: spec for spec in LISTS}
NAMES: dict[str, str] = {spec.key: spec.name for spec in LISTS}

# What each field's cells hold, whichever list it is in.
KIND_OF: dict[str, Kind] = {column.field: column.kind for spec in LISTS for column in spec.columns}
PROSE_FIELDS = frozenset(field for field, kind in KIND_OF.items() if kind == Kind.PROSE)
ORG_FIELDS = frozenset(field for field, kind in KIND_OF.items() if kind == Kind.ORGS)
HEADED_FIELDS = frozenset(column.field for spec in LISTS for column in spec.columns if column.headed)

# Header label → the column it names. Producers name and order columns differently; columns are
# mapped by these labels, never by position.
LABELS: dict[str, str] = {label: column.field for spec in LISTS for column in spec.columns for label in column.labels}

# Labels of a two-level header's upper cell, printed over several columns' labels (上级部门 over
# 部门名称 | 部门职责): they name no column themselves.
PARENT_LABELS: tuple[str, ...] = (
    "上级部门",
    "县级部门",
    "对应上级部门",
    "对应县级部门",
    "上级部门（单位）",
    "县直部门",
)

# The columns every flat table (CSV, Excel) ends with: derived and provenance (field, title, type, width).
FLAT_TAIL = (
    (KEYWORDS, "关键词", "string", 24),
    ("first_page", "起始页", "integer", 8),
    ("last_page", "结束页", "integer", 8),
    (FIRST_LINE, "起始行", "integer", 8),
    (LAST_LINE, "结束行", "integer", 8),
)


# ---------------------------------------------------------------- typed records


class Box(TypedDict):
    """Where a cell fragment is printed: points from the page's top left."""

    cell: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None  # a scan's: the lowest recognition confidence of its characters


class MergedCell(TypedDict):
    """A cell of a row printed once in a cell merged over several rows (Word's vertical merge)."""

    cell: str
    printed_in: int  # the row whose part of the merged cell holds the text
    first: int  # the first and last row the merged cell spans
    last: int


class CellRef(TypedDict):
    """Where a cell is in a file of cells: 配合履职事项清单!E7, table 2 row 5 cell 3."""

    cell: str
    ref: str


class Source(TypedDict):
    """Where a row was printed: source lines of a text, cell boxes of a PDF, cells of a Word, Excel or
    web-page file."""

    pages: list[int]
    first_line: int | None
    last_line: int | None
    boxes: list[Box] | None
    merged: list[MergedCell] | None
    refs: list[CellRef] | None


class DepartmentEntry(TypedDict):
    department: str | None
    section: str | None
    text: str


class BasicRecord(TypedDict):
    seq: int
    category: str
    name: str
    keywords: list[str]
    source: Source


class CooperativeRecord(BasicRecord):
    departments: list[str]
    upstream_duties: str
    upstream_by_department: list[DepartmentEntry]
    township_duties: str


class WithdrawnRecord(BasicRecord):
    handler: str
    handler_departments: list[str]


Record = BasicRecord | CooperativeRecord | WithdrawnRecord
