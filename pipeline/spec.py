"""spec: what each list is — its key, its names, every column a template may print (the field it
fills, the header labels that name it, its Chinese title, what kind of text it holds, whether a table
must print it and whether its cells may be empty) and what is derived from them. Every stage reads
this: a column added or renamed is an edit here (and in the schema files under schemas/, which a test
holds to this).

The column model is open. A table prints some of its list's columns, in any order, under any label
its producer chose: a label names a field when it matches one of the field's patterns (compared after
NFKC, without white space: core/template.py). A column whose label names no field is kept whole, under
its printed label, in the record's `extra`. A field a template does not print is null in its records.

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
CATEGORY_GROUP = "category_group"  # the upper of two levels of categories (一级类别, 大类)
CATEGORY = "category"
NAME = "name"
DEPARTMENTS = "departments"
UPSTREAM = "upstream_duties"
TOWNSHIP = "township_duties"
HANDLER = "handler"
HANDLER_UNIT = "handler_unit"  # 承接部门, where the template prints the handler in two columns
HANDLER_MODE = "handler_mode"  # 工作方式, the other of the two
BASIS = "basis"
REMARKS = "remarks"
EXTRA = "extra"  # {label as printed: cell text} of the columns whose label names no field
UPSTREAM_BY_DEPARTMENT = "upstream_by_department"
HANDLER_DEPARTMENTS = "handler_departments"
KEYWORDS = "keywords"
SOURCE = "source"
# …and of a record's source (where it was printed).
PAGES, FIRST_LINE, LAST_LINE, BOXES, MERGED, REFS = "pages", "first_line", "last_line", "boxes", "merged", "refs"
SECTION_ROWS = "section_rows"


class Kind(StrEnum):
    """What a column's cells hold, which decides how their lines are read and checked."""

    NUMBER = "number"  # the row's sequence number
    CATEGORY = "category"  # a category word (社会保障), wrapped at most once
    TEXT = "text"  # one run of prose: a name
    PROSE = "prose"  # prose with hard line breaks: numbered items, headings, departments
    ORGS = "orgs"  # 、-separated organisation names


# The kind of an extra column's cells: nothing is known of them, so their line breaks are read as
# prose's are (a break where a line ends short and the text allows a paragraph to end).
EXTRA_KIND = Kind.PROSE


class Derivation(StrEnum):
    BY_DEPARTMENT = "by_department"  # the prose split at its department headings (某某局：)
    LEADING_DEPARTMENTS = "leading_departments"  # the departments its paragraphs begin with (某某局：…)


@dataclass(frozen=True)
class Column:
    field: str
    title: str  # the Chinese header of CSV and Excel
    kind: Kind
    labels: tuple[str, ...]  # patterns a header label fullmatches (NFKC, no white space): 事项名称, 履职事项名称 …
    width: int = 24  # Excel column width
    headed: bool = False  # prose organised under department headings (某某局：)
    required: bool = False  # a table that does not print it does not fit its list
    mandatory: bool = True  # where it is printed, every row's cell holds text


@dataclass(frozen=True)
class Derived:
    """A field computed from a column's text, placed right after it in the record."""

    field: str
    source: str  # the column it is read from
    how: Derivation
    title: str = ""  # the Chinese header when CSV and Excel have it ("" for nested data they leave out)
    cell: str = ""  # a column of names that, where the template prints it, gives the field instead


@dataclass(frozen=True)
class Composed:
    """A field some templates print in one column and others in two (承接部门及工作方式 | 承接部门 +
    工作方式): where the parts are printed, the field is made of them, so that records of either
    template compare; where only the first part is printed, its label names the field itself."""

    field: str
    parts: tuple[str, str]  # (the department part, the rest)


@dataclass(frozen=True)
class ListSpec:
    key: str
    name: str  # how the preface counts the list (基本履职事项 112项) and reports name it
    titles: tuple[str, ...]  # the title lines that begin it (spaces ignored)
    columns: tuple[Column, ...]  # every column a template may print, in the record's order
    derived: tuple[Derived, ...] = ()
    composed: tuple[Composed, ...] = ()
    matched_by_duties: bool = False  # diff matches its items by their duty texts as well as their names

    @property
    def title(self) -> str:
        return self.titles[0]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns if column.required)

    def column(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)

    def fields_of(self, *kinds: Kind) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns if column.kind in kinds)

    @property
    def prose(self) -> tuple[str, ...]:
        """Columns of running prose with hard line breaks."""
        return self.fields_of(Kind.PROSE)

    @property
    def duties(self) -> tuple[str, ...]:
        """The prose columns that say who does what (not a basis or a remark)."""
        return tuple(field for field in self.prose if field not in (BASIS, REMARKS))

    @property
    def mandatory(self) -> tuple[str, ...]:
        """The fields whose cells must hold text where the template prints them."""
        return tuple(column.field for column in self.columns if column.mandatory and column.kind != Kind.NUMBER)

    @property
    def searchable(self) -> tuple[str, ...]:
        """What a record is found and compared by: its name, its duties, its basis and remarks."""
        return self.fields_of(Kind.TEXT, Kind.PROSE)

    @property
    def compared(self) -> tuple[str, ...]:
        """The fields diff compares: every column but the number, and the extra columns."""
        return (*(column.field for column in self.columns if column.kind != Kind.NUMBER), EXTRA)

    def derived_of(self, how: Derivation) -> tuple[Derived, ...]:
        return tuple(d for d in self.derived if d.how == how)

    @property
    def department_fields(self) -> tuple[str, ...]:
        """Fields naming departments: department cells and what is derived from duty headings."""
        return self.fields_of(Kind.ORGS) + tuple(d.field for d in self.derived)

    def composed_of(self, field: str) -> Composed | None:
        """The composition a field is a part of, if any."""
        return next((c for c in self.composed if field in c.parts), None)

    @property
    def fields(self) -> tuple[str, ...]:
        """A record's fields in order (derived fields after their column), then extra, keywords and source."""
        out: list[str] = []
        for column in self.columns:
            out.append(column.field)
            out += [d.field for d in self.derived if d.source == column.field]
        return (*out, EXTRA, KEYWORDS, SOURCE)


# ---------------------------------------------------------------- the header vocabulary
# Patterns, fullmatched against a label after NFKC (（）become ()) with white space removed.

# A township of any kind, as a header names its side: 乡, 镇, 街道, 乡镇, 镇街, 乡镇(街道), 苏木, 社区 …
TOWNSHIP_WORDS = r"(?:乡镇\((?:街道|苏木)\)|乡\(镇\)|镇\(街道\)|街道\(乡镇\)|乡镇街道|乡镇|镇街|街道|苏木|社区|乡|镇)"
# The department's side: 上级, 县级, 县直, 区级, 市级 … (对应 before it, 部门 or 单位 after it)
_UPPER = r"(?:对应)?(?:上级|县级|县直|县|区级|区直|区|市级|市直|市|旗级|旗直|旗|主管|牵头|责任|相关|关联|配合|业务)?"
_UNIT = r"(?:部门|单位|部门\(单位\)|单位\(部门\))"

_SEQ = Column(SEQ, "序号", Kind.NUMBER, (r"序号", r"编号", r"序列号", r"顺序号", r"No\.?", r"NO\.?"), 6, required=True)
_GROUP = Column(
    CATEGORY_GROUP,
    "一级类别",
    Kind.CATEGORY,
    (r"一级(?:事项)?(?:类别|分类|类型)", r"(?:事项)?大类", r"(?:类别|分类)\(一级\)", r"主类"),
    14,
)
_CATEGORY = Column(
    CATEGORY,
    "事项类别",
    Kind.CATEGORY,
    (
        r"(?:事项|履职)?(?:类别|分类|类型)",
        r"二级(?:事项)?(?:类别|分类|类型)",
        r"(?:事项)?小类",
        r"(?:类别|分类)\(二级\)",
    ),
    14,
)
_NAME = Column(
    NAME,
    "事项名称",
    Kind.TEXT,
    (r"(?:履职|工作|具体|职责)?事项(?:名称|内容)?", r"名称", r"事项名", r"(?:基本|配合|收回)(?:履职)?事项(?:名称)?"),
    36,
    required=True,
)
_BASIS = Column(
    BASIS,
    "履职依据",
    Kind.PROSE,
    (r"(?:履职|法律|法定|设定|政策|实施|法规|法律法规|文件)?依据",),
    40,
    mandatory=False,
)
_REMARKS = Column(REMARKS, "备注", Kind.PROSE, (r"备注", r"备考", r"说明"), 20, mandatory=False)

LISTS: tuple[ListSpec, ...] = (
    ListSpec(BASIC, "基本履职事项", ("基本履职事项清单",), (_SEQ, _GROUP, _CATEGORY, _NAME, _BASIS, _REMARKS)),
    ListSpec(
        COOPERATIVE,
        "配合履职事项",
        ("配合履职事项清单",),
        (
            _SEQ,
            _GROUP,
            _CATEGORY,
            _NAME,
            Column(
                DEPARTMENTS,
                "对应上级部门",
                Kind.ORGS,
                (rf"{_UPPER}{_UNIT}(?:名称)?", r"关联单位", r"单位名称"),
            ),
            Column(
                UPSTREAM, "上级部门职责", Kind.PROSE, (rf"{_UPPER}{_UNIT}(?:主要)?职责", r"上级职责"), 60, headed=True
            ),
            Column(
                TOWNSHIP,
                "乡配合职责",
                Kind.PROSE,
                (rf"{TOWNSHIP_WORDS}(?:配合|协助|协同)?(?:履职)?职责", r"(?:配合|协助|协同)(?:履职)?职责"),
                50,
            ),
            _BASIS,
            _REMARKS,
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
            _GROUP,
            _CATEGORY,
            _NAME,
            Column(
                HANDLER,
                "承接部门及工作方式",
                Kind.PROSE,
                (rf"承接{_UNIT}(?:及|和|与|、)?(?:工作|履职|承接)?方式",),
                60,
                headed=True,
            ),
            Column(
                HANDLER_UNIT,
                "承接部门（单列）",
                Kind.TEXT,
                (rf"承接{_UNIT}(?:名称)?", r"承接主体", rf"收回{_UNIT}", r"承接(?:单位|部门)\(单位\)"),
                24,
                mandatory=False,
            ),
            Column(HANDLER_MODE, "工作方式", Kind.PROSE, (r"(?:工作|履职|承接|收回|处理)方式",), 50),
            _BASIS,
            _REMARKS,
        ),
        (Derived(HANDLER_DEPARTMENTS, HANDLER, Derivation.LEADING_DEPARTMENTS, "承接部门", cell=HANDLER_UNIT),),
        (Composed(HANDLER, (HANDLER_UNIT, HANDLER_MODE)),),
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
CATEGORY_FIELDS = (CATEGORY_GROUP, CATEGORY)  # upper level first


def kind_of(role: str) -> Kind:
    """What a cell of this role holds: its field's kind, or an extra column's (EXTRA_KIND)."""
    return KIND_OF.get(role, EXTRA_KIND)


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


class SectionRow(TypedDict):
    """A row spanning the table whose heading (一、党的建设) gives the category of the rows under it."""

    cell: str  # the field it gives: category or category_group
    text: str  # as printed
    line: int  # its line, numbered as every line of the edition is
    page: int | None
    ref: str | None  # where in a file of cells


class Source(TypedDict):
    """Where a row was printed: source lines of a text, cell boxes of a PDF, cells of a Word, Excel or
    web-page file; and the section rows its categories come from."""

    pages: list[int]
    first_line: int | None
    last_line: int | None
    boxes: list[Box] | None
    merged: list[MergedCell] | None
    refs: list[CellRef] | None
    section_rows: list[SectionRow] | None


class DepartmentEntry(TypedDict):
    department: str | None
    section: str | None
    text: str


class BasicRecord(TypedDict):
    seq: int
    category_group: str | None
    category: str | None
    name: str
    basis: str | None
    remarks: str | None
    extra: dict[str, str]
    keywords: list[str]
    source: Source


class CooperativeRecord(BasicRecord):
    departments: list[str] | None
    upstream_duties: str | None
    upstream_by_department: list[DepartmentEntry]
    township_duties: str | None


class WithdrawnRecord(BasicRecord):
    handler: str | None
    handler_unit: str | None
    handler_mode: str | None
    handler_departments: list[str]


Record = BasicRecord | CooperativeRecord | WithdrawnRecord
