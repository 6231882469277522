"""What a 履职事项清单 looks like, kept as data: list titles, column layouts, vocabularies.

Everything edition-independent that the stages match against lives here, so a new
producer's variant (another title spelling, a renamed column) is one entry, not code.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column roles. A layout maps a table's header labels to these roles, in order.
SEQ = "seq"
CATEGORY = "category"
NAME = "name"
DEPARTMENTS = "departments"
UPSTREAM = "upstream_duties"
TOWNSHIP = "township_duties"
HANDLER = "handler"

# Roles whose cells hold running prose with hard line breaks (numbered items, headings).
PARAGRAPH_ROLES = frozenset({UPSTREAM, TOWNSHIP, HANDLER})
# Roles whose prose is organised under department headings (某某局：).
HEADING_ROLES = frozenset({UPSTREAM, HANDLER})
# Roles whose cell is a 、-separated list of organisation names.
ORG_LIST_ROLES = frozenset({DEPARTMENTS})


@dataclass(frozen=True)
class TableLayout:
    key: str  # basic | cooperative | withdrawn
    titles: tuple[str, ...]  # accepted title lines (spaces ignored)
    headers: tuple[tuple[str, ...], ...]  # accepted header label sequences, one per variant
    roles: tuple[str, ...]  # column roles, aligned with every header variant

    @property
    def text_roles(self) -> tuple[str, ...]:
        """The roles after seq and category: the columns whose lines must be assigned."""
        return self.roles[2:]


LAYOUTS: tuple[TableLayout, ...] = (
    TableLayout(
        key="basic",
        titles=("基本履职事项清单",),
        headers=(("序号", "事项类别", "事项名称"),),
        roles=(SEQ, CATEGORY, NAME),
    ),
    TableLayout(
        key="cooperative",
        titles=("配合履职事项清单",),
        headers=(
            ("序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"),
            ("序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "镇配合职责"),
            ("序号", "事项类别", "事项名称", "配合部门", "部门职责", "乡镇职责"),
        ),
        roles=(SEQ, CATEGORY, NAME, DEPARTMENTS, UPSTREAM, TOWNSHIP),
    ),
    TableLayout(
        key="withdrawn",
        titles=("上级部门收回事项清单",),
        headers=(("序号", "事项类别", "事项名称", "承接部门及工作方式"),),
        roles=(SEQ, CATEGORY, NAME, HANDLER),
    ),
)

# The preface names each list by these words (e.g. "基本履职事项 112项").
PREFACE_LIST_NAMES = {"basic": "基本履职事项", "cooperative": "配合履职事项", "withdrawn": "上级部门收回事项"}

# Page footer as converters print it: 第 N 页，共 M 页
FOOTER_PATTERN = r"^第\s*(\d+)\s*页\s*[，,]\s*共\s*(\d+)\s*页$"

# Endings of organisation names (县委组织部, 县统计局, 县红十字会, 办公室, 支行 …). Used to tell a
# department cell from a duty name and to find department headings (某某局：) in duty text.
ORG_SUFFIXES = (
    "局",
    "部",
    "委",
    "办",
    "会",
    "室",
    "院",
    "所",
    "站",
    "中心",
    "公司",
    "行",
    "队",
    "处",
    "组",
    "厅",
    "署",
    "社",
    "馆",
    "单位",
    "指挥部",
)

# Punctuation that cannot start a table cell: it always continues the text before it.
NO_START = "、，。；：？！）》”’,.;:?!)]}%"
# Punctuation that closes a sentence or item inside a cell.
SENTENCE_END = "。；：;:！？!?"
# Marks that can stand alone on a line as converter debris (an opening quote with nothing after it).
LONE_MARKS = "“‘「『（(《"
