"""Re-typeset the seed edition (哈拉奇乡 履职事项清单, the reviewed golden records) in other TEMPLATES: the
same three lists printed with other columns, as townships elsewhere print them. For the open column
model's tests (tests/readers/test_templates.py).

Each template is data (``TEMPLATES`` below): the township it is issued by, and per list its columns
left to right — the label as printed (spaces and line breaks inside it kept: 事 项 名 称), the label
printed over it in a two-row header, and what it prints. What a column prints is a golden field or one
the template adds: ``group`` (一级类别: the category's group, ``GROUPS``), ``remarks`` (备注: filled and
empty cells, some of two paragraphs, some that wrap), ``basis`` (履职依据: by category, some of two
paragraphs, some wrapping over lines, some empty), ``unit`` / ``mode`` (the handler in two columns,
承接部门 | 工作方式: a handler that begins with one department heading, 某某局：…, is cut after it; one
with none, or several, prints its departments in 承接部门 and its whole text in 工作方式) and
``office`` (责任科室, a column no template names: kept as extra). A template may print its categories
as section rows instead of a column (一、党的建设; two levels: 一、group and （一）category).

For each template ``tests/fixtures/templates/<name>/`` gets:

``lists.docx``
    python-docx: the preface, each list after its title on a new page, one table, header rows repeated
    on every page (``w:tblHeader``), a two-row header's upper label merged across its columns and the
    other header cells merged down; section rows one cell across the table; categories merged down over
    their runs where the template says so (``merge``).
``lists.pdf``
    LibreOffice's print of ``lists.docx`` (fixed dates and /ID with pikepdf).
``lists.xlsx``
    openpyxl: a sheet 说明 with the preface, a sheet per list named by its title (its title merged
    across in row 1, the header, the rows; section rows merged across; the same merges as the Word file).
``lists.txt``
    only for templates with ``text=True``, those that relabel the seed's columns without adding, moving
    or dropping one: the seed's own converter text (raw/) with the township renamed, the list titles
    prefixed where the template prefixes them and the header labels relabelled. Not the converter text
    of ``lists.pdf``: every converter here (pdfminer, pdftotext) reads a LibreOffice table column by
    column, a text no reader can rebuild rows from (tests/readers/test_templates.py shows it refused).
``expected.json``
    what a faithful reader outputs, written from what was printed — not from any reader: the township,
    its kind, per list the template (each column's label and field) and where the categories come from,
    and per record every field that differs from the seed's golden record (after the seed's township
    name is replaced by the template's): the added columns, ``extra``, fields a template does not print
    (null), the handler of a two-column template (承接部门：工作方式).

Run from the project root (needs LibreOffice and fonts-noto-cjk; python-docx, openpyxl, pikepdf and
pdfminer in the venv: ``.venv/bin/pip install -e '.[fixtures]'``)::

    .venv/bin/python tools/make_template_fixtures.py            # every template
    .venv/bin/python tools/make_template_fixtures.py remarks     # one

Deterministic: the zip entries of the Office files are pinned (``pin_zip``), the PDF's dates and /ID fixed.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_office_fixtures import fill_cell, new_document, pin_zip, styled  # noqa: E402
from tools.make_pdf_fixtures import add_preface, docx_to_pdf, load_preface  # noqa: E402
from tools.make_print_fixtures import finish_pdf  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
OUT = ROOT / "tests" / "fixtures" / "templates"
SEED_TOWNSHIP = "哈拉奇乡"
RAW = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
LISTS = (("basic", "基本履职事项清单"), ("cooperative", "配合履职事项清单"), ("withdrawn", "上级部门收回事项清单"))

# The group (一级类别) of each of the seed's categories.
GROUPS = {
    "党的建设": "党建引领",
    "精神文明建设": "党建引领",
    "经济发展": "经济发展",
    "投资促进": "经济发展",
    "商贸流通": "经济发展",
    "市场监管": "经济发展",
    "民生服务": "民生保障",
    "社会保障": "民生保障",
    "卫生健康": "民生保障",
    "教育培训监管": "民生保障",
    "文化和旅游": "民生保障",
    "平安法治": "平安建设",
    "安全稳定": "平安建设",
    "应急管理及消防": "平安建设",
    "社会管理": "平安建设",
    "人民武装": "平安建设",
    "乡村振兴": "乡村建设",
    "自然资源": "乡村建设",
    "生态环保": "乡村建设",
    "城乡建设": "乡村建设",
    "交通运输": "乡村建设",
    "综合政务": "综合政务",
}

# 履职依据 by category: one law, two (two paragraphs), or one whose name wraps in a narrow column.
BASES = {
    "党的建设": "《中国共产党章程》\n《中国共产党农村基层组织工作条例》第十九条",
    "精神文明建设": "《新时代公民道德建设实施纲要》",
    "经济发展": "《中华人民共和国乡村振兴促进法》第二十条",
    "民生服务": "《社会救助暂行办法》第十一条、第十二条",
    "社会保障": "《中华人民共和国社会保险法》\n《社会救助暂行办法》",
    "平安法治": "《中华人民共和国人民调解法》第八条",
    "乡村振兴": "《中华人民共和国乡村振兴促进法》",
    "生态环保": "《中华人民共和国环境保护法》第六条",
    "应急管理及消防": "《中华人民共和国突发事件应对法》\n《中华人民共和国消防法》第三十一条",
}
DEFAULT_BASIS = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十六条"

# 责任科室: a column no template names (kept as extra).
OFFICES = {"党的建设": "党建办", "经济发展": "经济发展办", "民生服务": "社会事务办", "平安法治": "综治中心"}
DEFAULT_OFFICE = "党政办"


def remarks(seq: int) -> str:
    """备注: most cells empty; some one line, some two paragraphs, some a sentence that wraps."""
    if seq % 11 == 0:
        return "该事项涉及多个部门，由党政办公室统筹协调，相关站所按照职责分工具体落实，并及时报送工作进展。"
    if seq % 6 == 1:
        return "已纳入年度绩效考核。"
    if seq % 6 == 4:
        return "按季度报送工作进展；\n年底形成工作总结。"
    return ""


def basis(record: dict) -> str:
    return "" if record["seq"] % 8 == 0 else BASES.get(record["category"], DEFAULT_BASIS)


_HEADED = re.compile(r"^([^：:，。；;,\n]{2,80}?)[：:](.*)$")


def split_handler(text: str) -> tuple[str, str, bool]:
    """(承接部门, 工作方式, whether the text was cut): a handler that begins with one department
    heading and has no other is cut after it; else its departments and its whole text."""
    from pipeline.core.grammar import is_org_list
    from pipeline.core.normalize import leading_departments

    first, *rest = text.split("\n")
    match = _HEADED.match(first)
    if match and is_org_list(match[1]) and not leading_departments("\n".join(rest)):
        return match[1], "\n".join(([match[2]] if match[2] else []) + rest), True
    return "、".join(leading_departments(text)), text, False


@dataclass(frozen=True)
class Col:
    label: str  # as printed (spaces or a line break inside it kept)
    value: str  # a golden field, or group | remarks | basis | unit | mode | office
    parent: str = ""  # a two-row header: the label over it (neighbours with one parent share one merged cell)


@dataclass(frozen=True)
class Template:
    name: str
    township: str  # replaces the seed's 哈拉奇乡 everywhere
    columns: dict[str, tuple[Col, ...]]
    sections: dict[str, int] = field(default_factory=dict)  # list → levels of section rows (1 or 2)
    merge: tuple[str, ...] = ()  # values whose runs of equal cells are merged down
    title_prefix: bool = False  # list titles printed with the township's name
    text: bool = False  # also the seed's converter text in this template (``converter_text``)
    font: str = "Noto Serif CJK SC"


SEQ, CAT, NAME = Col("序号", "seq"), Col("事项类别", "category"), Col("事项名称", "name")
COOP = (
    Col("对应上级部门", "departments"),
    Col("上级部门职责", "upstream_duties"),
    Col("乡配合职责", "township_duties"),
)
HANDLER = Col("承接部门及工作方式", "handler")
SEED_COLUMNS = {
    "basic": (SEQ, CAT, NAME),
    "cooperative": (SEQ, CAT, NAME, *COOP),
    "withdrawn": (SEQ, CAT, NAME, HANDLER),
}

TEMPLATES = {
    t.name: t
    for t in (
        Template(
            "jiedao",  # a 街道: its titles prefixed with its name, its side of the duties 街道配合职责
            "团结街道",
            {
                "basic": (SEQ, CAT, NAME),
                "cooperative": (SEQ, CAT, NAME, *COOP[:2], Col("街道配合职责", "township_duties")),
                "withdrawn": (SEQ, CAT, NAME, HANDLER),
            },
            title_prefix=True,
            text=True,
        ),
        Template(
            "remarks",  # a trailing 备注 on every list
            "哈拉奇乡",
            {
                "basic": (SEQ, CAT, NAME, Col("备注", "remarks")),
                "cooperative": (SEQ, CAT, NAME, *COOP, Col("备注", "remarks")),
                "withdrawn": (SEQ, CAT, NAME, HANDLER, Col("备注", "remarks")),
            },
        ),
        Template(
            "zhenjie",  # 镇街: cooperative without a category, the handler in two columns
            "英吉沙镇",
            {
                "basic": (SEQ, CAT, NAME),
                "cooperative": (
                    SEQ,
                    NAME,
                    Col("对应县级部门", "departments"),
                    Col("县级部门职责", "upstream_duties"),
                    Col("镇街配合职责", "township_duties"),
                ),
                "withdrawn": (SEQ, CAT, NAME, Col("承接部门", "unit"), Col("工作方式", "mode")),
            },
        ),
        Template(
            "two_level",  # 一级类别 | 二级类别 under 事项类别, merged down over their runs
            "哈拉奇乡",
            {
                key: (
                    SEQ,
                    Col("一级类别", "group", "事项类别"),
                    Col("二级类别", "category", "事项类别"),
                    NAME,
                    *rest,
                )
                for key, rest in (("basic", ()), ("cooperative", COOP), ("withdrawn", (HANDLER,)))
            },
            merge=("group", "category"),
        ),
        Template(
            "sections",  # categories as section rows: 一、group / （一）category in the basic list
            "哈拉奇乡",
            {"basic": (SEQ, NAME), "cooperative": (SEQ, NAME, *COOP), "withdrawn": (SEQ, NAME, HANDLER)},
            sections={"basic": 2, "cooperative": 1, "withdrawn": 1},
        ),
        Template(
            "basis",  # a 履职依据 column in the basic list
            "哈拉奇乡",
            {
                "basic": (SEQ, CAT, NAME, Col("履职依据", "basis")),
                "cooperative": (SEQ, CAT, NAME, *COOP),
                "withdrawn": (SEQ, CAT, NAME, HANDLER),
            },
        ),
        Template(
            "reordered",  # the same columns in another order, labels spaced and set in two lines
            "哈拉奇乡",
            {
                "basic": (SEQ, Col("事 项 名 称", "name"), Col("事项\n类别", "category")),
                "cooperative": (
                    SEQ,
                    Col("事 项 名 称", "name"),
                    Col("乡配合职责", "township_duties"),
                    Col("对应上级\n部门", "departments"),
                    Col("上级部门职责", "upstream_duties"),
                    Col("事项类别", "category"),
                ),
                "withdrawn": (SEQ, HANDLER, Col("事 项 名 称", "name"), Col("事项类别", "category")),
            },
            font="Noto Sans CJK SC",
        ),
        Template(
            "combo",  # a 镇（街道）: basis, remarks, an unknown column, two-row headers, other labels
            "红旗镇",
            {
                "basic": (SEQ, CAT, Col("履职事项名称", "name"), Col("法律依据", "basis"), Col("备注", "remarks")),
                "cooperative": (
                    SEQ,
                    Col("事项类别", "category"),
                    NAME,
                    Col("关联单位", "departments", "县级部门"),
                    Col("职责", "upstream_duties", "县级部门"),
                    Col("乡镇（街道）配合职责", "township_duties"),
                    Col("责任科室", "office"),
                ),
                "withdrawn": (
                    SEQ,
                    CAT,
                    NAME,
                    Col("承接部门", "unit", "承接部门及工作方式"),
                    Col("工作方式", "mode", "承接部门及工作方式"),
                    Col("备注", "remarks"),
                ),
            },
            merge=("category",),
            title_prefix=True,
        ),
    )
}

# Where a value goes in the record; the added ones not among the golden fields.
FIELD = {"group": "category_group", "unit": "handler_unit", "mode": "handler_mode"}
WIDTH_CM = {  # weights, scaled to the page's text width
    "seq": 1.2,
    "category": 2.4,
    "group": 2.4,
    "name": 5.0,
    "departments": 3.6,
    "upstream_duties": 8.0,
    "township_duties": 6.0,
    "handler": 12.0,
    "unit": 3.6,
    "mode": 9.0,
    "remarks": 3.0,
    "basis": 5.0,
    "office": 2.2,
}
TEXT_WIDTH_CM = 25.7


def han_number(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[units - 1] if units else "")


def renamed(value, township: str):
    if isinstance(value, str):
        return value.replace(SEED_TOWNSHIP, township)
    if isinstance(value, list):
        return [renamed(v, township) for v in value]
    if isinstance(value, dict):
        return {k: renamed(v, township) for k, v in value.items()}
    return value


def golden(township: str) -> dict[str, list[dict]]:
    return {
        key: renamed(json.loads((GOLDEN / f"{key}.json").read_text(encoding="utf-8")), township) for key, _ in LISTS
    }


def cell_value(col: Col, record: dict) -> str:
    """What a column prints for a record."""
    if col.value == "seq":
        return str(record["seq"])
    if col.value == "departments":
        return "、".join(record["departments"])
    if col.value == "group":
        return GROUPS[record["category"]]
    if col.value == "remarks":
        return remarks(record["seq"])
    if col.value == "basis":
        return basis(record)
    if col.value == "office":
        return OFFICES.get(record["category"], DEFAULT_OFFICE)
    if col.value in ("unit", "mode"):
        unit, mode, _ = split_handler(record["handler"])
        return unit if col.value == "unit" else mode
    return record[col.value]


def printed_label(label: str) -> str:
    return "".join(label.split())


def expected_record(template: Template, key: str, record: dict) -> dict:
    """The record a faithful reader makes of this template's row (its reviewed fields: no keywords,
    no source): what each column printed in its field, a field no column prints null, the categories
    a section row gives, a two-column handler as 承接部门：工作方式, the unknown column in extra."""
    columns = template.columns[key]
    values = {col.value for col in columns}
    levels = template.sections.get(key, 0)
    out = dict(record)
    out["category"] = record["category"] if "category" in values or levels else None
    out["category_group"] = GROUPS[record["category"]] if "group" in values or levels == 2 else None
    out["basis"] = basis(record) if "basis" in values else None
    out["remarks"] = remarks(record["seq"]) if "remarks" in values else None
    if key == "withdrawn":
        out["handler_unit"] = out["handler_mode"] = None
        if "unit" in values:
            unit, mode, cut = split_handler(record["handler"])
            out["handler_unit"], out["handler_mode"] = unit, mode
            out["handler"] = f"{unit}：{mode}" if cut else record["handler"]
            out["handler_departments"] = [name for name in unit.split("、") if name]
    out["extra"] = {printed_label(col.label): cell_value(col, record) for col in columns if col.value == "office"}
    return out


def section_headings(template: Template, key: str, records: list[dict]) -> list[list[str]]:
    """The section rows printed before each record (none, one or two), numbered as printed."""
    levels = template.sections.get(key, 0)
    out, group, category, groups, categories = [], None, None, 0, 0
    for record in records:
        before = []
        if levels == 2 and GROUPS[record["category"]] != group:
            group, category, groups, categories = GROUPS[record["category"]], None, groups + 1, 0
            before.append(f"{han_number(groups)}、{group}")
        if levels and record["category"] != category:
            category, categories = record["category"], categories + 1
            before.append(
                f"（{han_number(categories)}）{category}" if levels == 2 else f"{han_number(categories)}、{category}"
            )
        out.append(before)
    return out


def table_rows(template: Template, key: str, records: list[dict]) -> list[tuple[str, object]]:
    """The table's body: ("section", heading) and ("row", cell texts) in print order."""
    out: list[tuple[str, object]] = []
    for headings, record in zip(section_headings(template, key, records), records, strict=True):
        out += [("section", heading) for heading in headings]
        out.append(("row", [cell_value(col, record) for col in template.columns[key]]))
    return out


def merge_runs(template: Template, key: str, body: list[tuple[str, object]]) -> list[tuple[int, int, int]]:
    """(column, first body row, last body row) of each run of equal cells to merge down (a section
    row ends a run)."""
    runs = []
    for c, col in enumerate(template.columns[key]):
        if col.value not in template.merge:
            continue
        start = None
        for i in range(len(body) + 1):
            row = body[i] if i < len(body) else ("end", None)
            if start is not None and row[0] == "row" and row[1][c] == body[start][1][c]:
                continue
            if start is not None and i - 1 > start:
                runs.append((c, start, i - 1))
            start = i if row[0] == "row" else None
    return runs


def header_rows(columns: tuple[Col, ...]) -> int:
    return 2 if any(col.parent for col in columns) else 1


def list_title(template: Template, title: str) -> str:
    return template.township + title if template.title_prefix else title


def widths_cm(columns: tuple[Col, ...]) -> list[float]:
    weights = [WIDTH_CM[col.value] for col in columns]
    return [round(w * TEXT_WIDTH_CM / sum(weights), 2) for w in weights]


# ------------------------------------------------------------------------------------------------ Word


def build_docx(template: Template, target: Path, preface, records: dict[str, list[dict]]) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    import tools.make_office_fixtures as office

    office.FONT = template.font  # the Word helpers set this font on every run
    size = 10.5
    doc = new_document(size)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    add_preface(doc, preface, {"title": 22, "heading": 14, "body": 12, "line": 21}, styled)

    for key, title in LISTS:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.page_break_before = True
        par.paragraph_format.keep_with_next = True
        par.paragraph_format.space_after = Pt(8)
        styled(par.add_run(list_title(template, title)), 16, bold=True)

        columns = template.columns[key]
        body = table_rows(template, key, records[key])
        heads = header_rows(columns)
        table = doc.add_table(rows=heads + len(body), cols=len(columns))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Cm(w) for w in widths_cm(columns)]
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        merged = {(c, r) for c, first, last in merge_runs(template, key, body) for r in range(first + 1, last + 1)}
        for r, (kind, content) in enumerate(body):
            cells = table.rows[heads + r].cells
            if kind == "section":
                whole = cells[0].merge(cells[-1])
                fill_cell(whole, content, size, WD_ALIGN_PARAGRAPH.LEFT, bold=True)
                continue
            for c, text in enumerate(content):
                if (c, r) in merged:
                    continue
                align = WD_ALIGN_PARAGRAPH.CENTER if columns[c].value == "seq" else WD_ALIGN_PARAGRAPH.LEFT
                fill_cell(cells[c], text, size, align)
                cells[c].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        for c, first, last in merge_runs(template, key, body):
            table.cell(heads + first, c).merge(table.cell(heads + last, c))
        upper = table.rows[0].cells
        lower = table.rows[heads - 1].cells
        c = 0
        while c < len(columns):
            col = columns[c]
            if col.parent:
                span = c
                while span + 1 < len(columns) and columns[span + 1].parent == col.parent:
                    span += 1
                fill_cell(upper[c], col.parent, size, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
                for k in range(c, span + 1):
                    fill_cell(lower[k], columns[k].label, size, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
                if span > c:
                    upper[c].merge(upper[span])
                c = span + 1
                continue
            cell = upper[c] if heads == 1 else upper[c].merge(lower[c])
            parts = col.label.split("\n")
            fill_cell(cell, "\n".join(parts), size, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            c += 1
        for row in table.rows[:heads]:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(repeat)
    doc.add_paragraph()
    doc.save(str(target))
    pin_zip(target)


# ----------------------------------------------------------------------------------------------- Excel


def build_xlsx(template: Template, target: Path, preface, records: dict[str, list[dict]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    about = book.active
    about.title = "说明"
    title, paragraphs = preface
    about.append([title])
    for _, text in paragraphs:
        about.append([text])
    about.column_dimensions["A"].width = 120
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for key, list_name in LISTS:
        columns = template.columns[key]
        sheet = book.create_sheet(list_title(template, list_name))
        n = len(columns)
        sheet.append([list_title(template, list_name)] + [None] * (n - 1))
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
        sheet.cell(1, 1).font = Font(bold=True, size=14)
        heads = header_rows(columns)
        if heads == 1:
            sheet.append([col.label for col in columns])
        else:
            sheet.append([col.parent or col.label for col in columns])
            sheet.append([col.label if col.parent else None for col in columns])
            c = 0
            while c < n:
                if columns[c].parent:
                    span = c
                    while span + 1 < n and columns[span + 1].parent == columns[c].parent:
                        span += 1
                    for k in range(c + 1, span + 1):
                        sheet.cell(2, k + 1).value = None
                    if span > c:
                        sheet.merge_cells(start_row=2, start_column=c + 1, end_row=2, end_column=span + 1)
                    c = span + 1
                else:
                    sheet.merge_cells(start_row=2, start_column=c + 1, end_row=3, end_column=c + 1)
                    c += 1
        first_body = 2 + heads
        body = table_rows(template, key, records[key])
        merged = {(c, r) for c, a, b in merge_runs(template, key, body) for r in range(a + 1, b + 1)}
        for r, (kind, content) in enumerate(body):
            if kind == "section":
                sheet.append([content] + [None] * (n - 1))
                row = first_body + r
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
                continue
            values = []
            for c, text in enumerate(content):
                if (c, r) in merged:
                    values.append(None)
                else:
                    values.append(int(text) if columns[c].value == "seq" else text)
            sheet.append(values)
        for c, a, b in merge_runs(template, key, body):
            sheet.merge_cells(start_row=first_body + a, start_column=c + 1, end_row=first_body + b, end_column=c + 1)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
                cell.border = border
        for c, width in enumerate(widths_cm(columns)):
            sheet.column_dimensions[get_column_letter(c + 1)].width = width * 4.5
    book.properties.creator = "qingdan fixtures"
    book.save(str(target))
    pin_zip(target)


# -------------------------------------------------------------------------------------------- expected


# The fields the seed's golden records lack, as a record of the seed's template holds them.
_ADDED = {"category_group": None, "basis": None, "remarks": None, "extra": {}}
NEW_FIELDS = {
    "basic": _ADDED,
    "cooperative": _ADDED,
    "withdrawn": {**_ADDED, "handler_unit": None, "handler_mode": None},
}


def expected(template: Template, records: dict[str, list[dict]]) -> dict:
    """What a faithful reader outputs, as changes to each (renamed) golden record it prints."""
    lists = {}
    for key, _ in LISTS:
        columns = template.columns[key]
        fields = []
        for col in columns:
            name = FIELD.get(col.value, col.value)
            if col.value == "office":
                name = "extra"
            elif col.value == "unit" and "mode" not in {c.value for c in columns}:
                name = "handler"
            fields.append({"label": printed_label(col.label), "field": name, "parent": col.parent or None})
        values = {col.value for col in columns}
        if template.sections.get(key):
            categories = "section rows"
        elif {"group", "category"} <= values:
            categories = "two columns"
        elif "category" in values:
            categories = "a column"
        else:
            categories = "not printed"
        changed = {}
        for record in records[key]:
            want = expected_record(template, key, record)
            base = {**NEW_FIELDS[key], **record}
            delta = {k: v for k, v in want.items() if base.get(k, "<absent>") != v}
            if delta:
                changed[str(record["seq"])] = delta
        lists[key] = {
            "columns": fields,
            "header_rows": header_rows(columns),
            "categories": categories,
            "records": changed,
        }
    kind = next(k for k in ("街道", "民族乡", "苏木", "乡", "镇") if template.township.endswith(k))
    return {
        "template": template.name,
        "township": template.township,
        "township_kind": kind,
        "new_fields": NEW_FIELDS,
        "lists": lists,
    }


def converter_text(template: Template) -> str:
    """The seed's converter text as the template prints it: the same lines, the township renamed, list
    titles prefixed, and header lines (every word a seed label) relabelled column by column."""
    relabel: dict[str, str] = {}
    for key, _ in LISTS:
        columns = template.columns[key]
        if [col.value for col in columns] != [col.value for col in SEED_COLUMNS[key]] or any(c.parent for c in columns):
            raise SystemExit(f"{template.name}: converter text only for a template that relabels the seed's columns")
        relabel.update({seed.label: col.label for seed, col in zip(SEED_COLUMNS[key], columns, strict=True)})
    titles = dict(LISTS).values()
    out = []
    for line in RAW.read_text(encoding="utf-8").split("\n"):
        words = line.split()
        if line.strip() in titles:
            line = line.replace(line.strip(), list_title(template, line.strip()))
        elif words and all(word in relabel for word in words):
            line = line.replace(line.strip(), " ".join(relabel[word] for word in words))
        out.append(line.replace(SEED_TOWNSHIP, template.township))
    return "\n".join(out)


def build(template: Template) -> Path:
    folder = OUT / template.name
    folder.mkdir(parents=True, exist_ok=True)
    title, paragraphs = load_preface()
    preface = (renamed(title, template.township), [(k, renamed(t, template.township)) for k, t in paragraphs])
    records = golden(template.township)
    build_docx(template, folder / "lists.docx", preface, records)
    build_xlsx(template, folder / "lists.xlsx", preface, records)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "lists.pdf"
        docx_to_pdf(folder / "lists.docx", plain)
        finish_pdf(plain, folder / "lists.pdf", rotate=False)
    if template.text:
        (folder / "lists.txt").write_text(converter_text(template), encoding="utf-8")
    (folder / "expected.json").write_text(
        json.dumps(expected(template, records), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return folder


def main(argv: list[str]) -> int:
    wanted = argv or list(TEMPLATES)
    unknown = [name for name in wanted if name not in TEMPLATES]
    if unknown:
        print(f"unknown template(s): {', '.join(unknown)}; known: {', '.join(TEMPLATES)}", file=sys.stderr)
        return 2
    for name in wanted:
        folder = build(TEMPLATES[name])
        sizes = ", ".join(f"{p.name} {p.stat().st_size:,}" for p in sorted(folder.iterdir()))
        print(f"{folder.relative_to(ROOT)}: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
