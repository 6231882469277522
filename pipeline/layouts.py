"""What a 履职事项清单 looks like, kept as data: list titles, column layouts, vocabularies.

Everything edition-independent that the stages match against lives here, so a new
producer's variant (another title spelling, a renamed column) is one entry, not code.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

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
    roles: tuple[str, ...]  # the columns the table must have, in their usual order


LAYOUTS: tuple[TableLayout, ...] = (
    TableLayout("basic", ("基本履职事项清单",), (SEQ, CATEGORY, NAME)),
    TableLayout("cooperative", ("配合履职事项清单",), (SEQ, CATEGORY, NAME, DEPARTMENTS, UPSTREAM, TOWNSHIP)),
    TableLayout("withdrawn", ("上级部门收回事项清单",), (SEQ, CATEGORY, NAME, HANDLER)),
)

# What may stand before a list's title on its line: 附件2：, 二、, the township's name (某某乡).
_TITLE_PREFIX = r"(?:附件\d{0,2}[:：]?)?(?:[一二三四五六七八九十]{1,3}[、.．])?(?:\p{Han}{1,12}?[乡镇])?"


def squash(text: str) -> str:
    """Text without its spaces: converters put them anywhere in headers and titles."""
    return "".join(text.split())


def title_layout(text: str) -> TableLayout | None:
    """The layout whose title the line is (spaces ignored; 附件2：哈拉奇乡基本履职事项清单 counts)."""
    squashed = squash(text)
    for layout in LAYOUTS:
        for title in layout.titles:
            if regex.fullmatch(_TITLE_PREFIX + regex.escape(title), squashed):
                return layout
    return None


# Header label → the column it names. Townships' producers name and order columns differently;
# columns are mapped by these labels, never by position.
LABELS = {
    "序号": SEQ,
    "编号": SEQ,
    "事项类别": CATEGORY,
    "类别": CATEGORY,
    "事项名称": NAME,
    "履职事项名称": NAME,
    "名称": NAME,
    "对应上级部门": DEPARTMENTS,
    "对应县级部门": DEPARTMENTS,
    "对应部门": DEPARTMENTS,
    "县级部门": DEPARTMENTS,
    "配合部门": DEPARTMENTS,
    "上级部门职责": UPSTREAM,
    "县级部门职责": UPSTREAM,
    "部门职责": UPSTREAM,
    "乡配合职责": TOWNSHIP,
    "镇配合职责": TOWNSHIP,
    "乡镇配合职责": TOWNSHIP,
    "乡镇职责": TOWNSHIP,
    "承接部门及工作方式": HANDLER,
    "承接部门": HANDLER,
    "承接单位及工作方式": HANDLER,
    "承接部门（单位）及工作方式": HANDLER,
}


def segment_labels(text: str) -> list[str] | None:
    """A header's text (spaces removed) cut into known labels, longest first; None if it cannot be."""
    if not text:
        return []
    for label in sorted(LABELS, key=len, reverse=True):
        if text.startswith(label):
            rest = segment_labels(text[len(label) :])
            if rest is not None:
                return [label, *rest]
    return None


def header_labels(text: str, layout: TableLayout) -> tuple[str, ...] | None:
    """The labels of `text` if it is a complete header of `layout`: each of its columns once."""
    labels = segment_labels(text)
    if labels is None:
        return None
    roles = [LABELS[label] for label in labels]
    return tuple(labels) if sorted(roles) == sorted(layout.roles) else None


# Each list's name: the preface counts it by these words (e.g. "基本履职事项 112项"), reports name it so.
PREFACE_LIST_NAMES = {"basic": "基本履职事项", "cooperative": "配合履职事项", "withdrawn": "上级部门收回事项"}

# What a category cell can hold (社会保障, 应急管理及消防, 综合政务（其他）).
CATEGORY_LIKE = regex.compile(r"^[\p{Han}（）()]{2,16}$")

# A section heading inside a duty cell: 一、扬尘综合治理
SECTION_HEADING = regex.compile(r"^[一二三四五六七八九十]{1,3}、")

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
# What ends a sentence for good (a cell's last one): not ；, after which more items follow.
SENTENCE_FINAL = "。！？!?"
# What a finished sentence or item ends with (a heading's colon is judged apart).
CLOSING = "。；;.!?！？）)”》"
# Marks that come in pairs inside a cell (opening, closing).
PAIRED_MARKS = (("（", "）"), ("(", ")"), ("“", "”"), ("‘", "’"), ("《", "》"), ("【", "】"), ("[", "]"))
# Marks that can stand alone on a line as converter debris (an opening quote with nothing after it).
LONE_MARKS = "“‘「『（(《"
