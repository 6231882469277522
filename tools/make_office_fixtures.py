"""Write the seed edition's duty list (哈拉奇乡 履职事项清单) as Word and Excel files, from the reviewed golden records.

The fixtures are for the Word and Excel readers. Every cell holds exactly the golden text (``load_rows`` of
``tools/make_pdf_fixtures.py``: ``departments`` joined with 、): each ``\\n`` separated paragraph of a prose cell is
its own Word paragraph, or, in Excel, an in-cell line break (the value holds ``\\n`` and the cell wraps, as
Alt+Enter makes it); there is no other break in any cell. The columns are those of ``TABLES``. Excel stores the
sequence numbers as numbers.

Run from the project root::

    .venv/bin/python tools/make_office_fixtures.py

Writes into ``tests/fixtures/office/`` and then reads every ``.docx`` / ``.xlsx`` back, cell for cell against the
golden rows (exit status 1 on any mismatch).

``word_merged.docx``
    The DOCX that ``tools/make_print_fixtures.py`` turns into ``tests/fixtures/pdf/print/word_merged.pdf``: a cover
    page, the preface 说明, each list's title as a body paragraph before its table, 事项类别 (and, in the
    cooperative list, 对应上级部门) vertically merged (``w:vMerge``) over runs of equal cells, the cooperative
    list's two-level header (上级部门 with ``w:gridSpan`` over 部门名称 | 部门职责, the other header cells merged
    over both header rows), header rows NOT repeated, a sign-off with an anchored seal picture (``wp:anchor``)
    after the last table.
``word_split.docx``
    Noto Serif CJK SC 10.5 pt; the preface, then each list after a title paragraph with the producers' prefix
    (``附件1：哈拉奇乡基本履职事项清单`` …, on a new page) and split over SEVERAL tables: a new table every
    ``SPLIT_ROWS`` rows, each with the header row again, marked repeating (``w:tblHeader``), an empty paragraph
    between two tables (the cooperative list's last table has a single row). 事项类别 is merged over runs of equal
    cells within a table; a run that goes on in the next table starts again there with the text. An empty
    paragraph ends the document, as in Word. No cover, no sign-off.
``sheets.xlsx``
    A sheet 说明 first (the preface title in A1, then one paragraph per row in column A, wrapping, column A wide),
    then a sheet per list named by its title; on it row 1 holds the title merged across the list's columns
    (centred, bold), row 2 the header, then the rows; 事项类别 merged down over each run of equal cells (the value
    in the top cell only, vertically centred), departments not merged; every body cell wraps; thin borders;
    row heights about as Excel's autofit gives them; panes frozen below the header, rows 1-2 printed on every
    page, one page wide.
``one_sheet.xlsx``
    The three lists on ONE sheet 履职事项清单, each as its title row (the title in column A, merged across the
    list's columns), its header row, its rows and one empty row before the next title; no preface, nothing
    merged but the titles.
``word_split.doc``, ``sheets.xls``
    LibreOffice's Word 97 / Excel 97 conversions of ``word_split.docx`` / ``sheets.xlsx`` (OLE2 compound files).
``word_split.wps``, ``sheets.et``
    Copies of those two: Kingsoft WPS's ``.wps`` / ``.et`` are the same compound-file formats.
``bad/damaged.docx``, ``bad/damaged.xlsx``
    ``word_split.docx`` / ``sheets.xlsx`` cut after the first ``DAMAGED_FRACTION`` of their bytes (no central
    directory: not a readable zip).
``bad/password.xlsx``
    ``sheets.xlsx`` encrypted (ECMA-376 agile encryption, an OLE2 file) with the password ``PASSWORD``.
``bad/no_list.docx``, ``bad/no_list.xlsx``
    Office files with no duty list: a meeting notice with a small table of participants; a register of office
    supplies.

Deterministic: fixed core properties (title, author, created and modified dates), zip entries re-written in
their order with one fixed date, msoffcrypto's salts and keys drawn from a seeded generator and its compound
file's dates fixed, so that a run repeats the bytes of the last one. LibreOffice's ``.doc`` / ``.xls`` are
left as it writes them (LibreOffice 7.4 takes their dates from the core properties and repeats them too).

Needs (Debian bookworm, as root)::

    apt-get install -y libreoffice-writer libreoffice-calc fonts-noto-cjk     # or the -nogui packages
    apt-get install -y poppler-utils     # only to look at pages (pdftoppm)

and in the venv::

    .venv/bin/pip install python-docx openpyxl msoffcrypto-tool Pillow

(Pillow draws the seal of ``word_merged``.) Without ``soffice`` the ``.doc`` / ``.xls`` / ``.wps`` / ``.et`` are
skipped. Inputs: ``tests/golden/{basic,cooperative,withdrawn}.json`` and the preface of
``raw/000_0308d53cfc65b0ad.txt``, read with ``load_preface`` and ``load_rows`` of ``tools/make_pdf_fixtures.py``.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_pdf_fixtures import TABLES, add_preface, load_preface, load_rows, rfonts_of  # noqa: E402
from tools.make_print_fixtures import AUTHOR, DOC_TITLE, FIXED_DATE, fix_properties, write_docx  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "office"
BAD = OUT / "bad"

TOWNSHIP = "哈拉奇乡"
FONT = "Noto Serif CJK SC"
SPLIT_ROWS = 40  # word_split: a new table after this many body rows
DAMAGED_FRACTION = 0.6
PASSWORD = "qingdan2025"
ZIP_DATE = (2025, 3, 20, 9, 0, 0)
CORE_DATE = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
CATEGORY = 1  # the column of 事项类别

SPLIT_LAYOUT = {
    "margins_cm": {"left": 2.0, "right": 2.0, "top": 2.5, "bottom": 2.5},
    "preface": {"title": 22, "heading": 14, "body": 12, "line": 21},
    "title": 16,
    "cell": 10.5,
    # cm; text width 29.7 - 4.0 = 25.7 cm
    "columns_cm": {
        "basic": (1.5, 3.2, 21.0),
        "cooperative": (1.3, 2.2, 3.6, 4.0, 8.6, 6.0),
        "withdrawn": (1.3, 2.6, 7.4, 14.4),
    },
}

# Excel column widths (characters)
SHEET_WIDTHS = {
    "basic": (7, 14, 110),
    "cooperative": (7, 14, 30, 22, 60, 45),
    "withdrawn": (7, 14, 36, 70),
}
ONE_SHEET_WIDTHS = (7, 14, 40, 40, 60, 45)


def attachment_title(n: int, title: str) -> str:
    return f"附件{n}：{TOWNSHIP}{title}"


def equal_runs(column: list[str]) -> list[tuple[int, int]]:
    """(first, last) indices of the runs of equal values, every run (of one value or more)."""
    runs, start = [], 0
    for i in range(1, len(column) + 1):
        if i == len(column) or column[i] != column[start]:
            runs.append((start, i - 1))
            start = i
    return runs


# ------------------------------------------------------------------------------------------- zip files


def pin_zip(path: Path) -> None:
    """Re-write a zip (an OOXML package) in the same order with one fixed date on every entry, and the
    created / modified dates of docProps/core.xml fixed (openpyxl sets `modified` to the time of saving)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{tag}\b[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{CORE_DATE}\g<2>", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


# ------------------------------------------------------------------------------------------------ Word


def set_font(rpr) -> None:
    """FONT for every script of a run or style."""
    from docx.oxml.ns import qn

    rfonts = rfonts_of(rpr)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def new_document(size: float):
    """A python-docx Document: A4 landscape, FONT as every script's font in Normal, fixed core properties."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    fix_properties(doc)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    set_font(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    return doc


def styled(run, size, bold=False):
    """A run in FONT (East Asian and Latin) at `size` pt."""
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    set_font(run._element.get_or_add_rPr())
    return run


def fill_cell(cell, text: str, size: float, align, bold=False) -> None:
    """One paragraph per '\\n' separated part of `text`, nothing else."""
    from docx.shared import Pt

    for i, part in enumerate(text.split("\n")):
        par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        par.alignment = align
        par.paragraph_format.space_after = Pt(0)
        par.paragraph_format.line_spacing = 1.0
        styled(par.add_run(part), size, bold=bold)


def build_word_split(target: Path, preface, rows) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    lay = SPLIT_LAYOUT
    size = lay["cell"]
    doc = new_document(size)
    section = doc.sections[0]
    m = lay["margins_cm"]
    section.left_margin, section.right_margin = Cm(m["left"]), Cm(m["right"])
    section.top_margin, section.bottom_margin = Cm(m["top"]), Cm(m["bottom"])

    add_preface(doc, preface, lay["preface"], styled)

    for n, (key, title, header) in enumerate(TABLES, 1):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = par.paragraph_format
        pf.page_break_before = True
        pf.keep_with_next = True
        pf.space_after = Pt(8)
        styled(par.add_run(attachment_title(n, title)), lay["title"], bold=True)

        widths = [Cm(w) for w in lay["columns_cm"][key]]
        data = rows[key]
        for start in range(0, len(data), SPLIT_ROWS):
            if start:
                doc.add_paragraph()  # keeps Word from joining the two tables into one
            chunk = data[start : start + SPLIT_ROWS]
            table = doc.add_table(rows=1 + len(chunk), cols=len(header))
            table.style = doc.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False  # w:tblLayout fixed
            for col, width in zip(table.columns, widths, strict=True):
                col.width = width
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = width

            head = table.rows[0]
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            head._tr.get_or_add_trPr().append(el)
            for cell, label in zip(head.cells, header, strict=True):
                fill_cell(cell, label, size, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

            runs = equal_runs([cells[CATEGORY] for cells in chunk])
            tops = {first for first, _last in runs}
            for r, cells in enumerate(chunk):
                for c, text in enumerate(cells):
                    if c == CATEGORY and r not in tops:
                        continue  # stays empty: merged into the run's top cell below
                    cell = table.cell(1 + r, c)
                    align = WD_ALIGN_PARAGRAPH.CENTER if c <= CATEGORY else WD_ALIGN_PARAGRAPH.JUSTIFY
                    fill_cell(cell, text, size, align)
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            for first, last in runs:
                top = table.cell(1 + first, CATEGORY)
                if last > first:
                    top.merge(table.cell(1 + last, CATEGORY))
                top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    # Word ends a document with a paragraph; without one LibreOffice's .doc loses the last table's cells
    doc.add_paragraph()
    doc.save(str(target))


def build_no_list_docx(target: Path) -> None:
    """A meeting notice: paragraphs and a small table of participants, no duty list."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = new_document(12)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(par.add_run("关于召开2025年春季森林草原防火工作会议的通知"), 18, bold=True)
    for text in (
        "各村（社区）、乡直各单位：",
        "为做好2025年春季森林草原防火工作，经研究，决定召开全乡春季森林草原防火工作会议。现将有关事项通知如下：",
        "一、会议时间：2025年3月25日（星期二）上午10:30。",
        "二、会议地点：乡政府三楼会议室。",
        "三、参会人员：各村（社区）党支部书记、村委会主任，乡直各单位负责人（名单见下表）。",
        "四、请参会人员提前10分钟到场签到，不得缺席，确有特殊情况须向乡党委请假。",
    ):
        styled(doc.add_paragraph().add_run(text), 12)
    people = (
        ("序号", "单位", "参会人员", "联系电话"),
        ("1", "乡党政办", "张某某", "0997-5xxxxx1"),
        ("2", "乡应急管理办公室", "王某某", "0997-5xxxxx2"),
        ("3", "哈拉奇村", "阿某某", "0997-5xxxxx3"),
        ("4", "乡派出所", "李某某", "0997-5xxxxx4"),
    )
    table = doc.add_table(rows=len(people), cols=len(people[0]))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, values in zip(table.rows, people, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            fill_cell(cell, text, 11, WD_ALIGN_PARAGRAPH.CENTER, bold=row is table.rows[0])
    for text in ("哈拉奇乡人民政府", "2025年3月20日"):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        styled(par.add_run(text), 12)
    doc.save(str(target))


# ----------------------------------------------------------------------------------------------- Excel


def new_workbook():
    from openpyxl import Workbook

    wb = Workbook()
    props = wb.properties
    props.title, props.creator, props.lastModifiedBy = DOC_TITLE, AUTHOR, AUTHOR
    props.created = props.modified = FIXED_DATE  # `modified` is reset on saving: pin_zip fixes it again
    return wb


def cell_value(column: int, text: str):
    return int(text) if column == 0 else text


def row_height(texts, widths, line_pt: float = 14.25) -> float:
    """The height (pt) Excel's autofit would about give a row of wrapping cells: a CJK character is two
    width units, a column `width` units wide holds about width - 1 of them."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        n = 0
        for part in str(text).split("\n"):
            units = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in part)
            n += max(1, -(-units // max(1, int(width) - 1)))
        lines = max(lines, n)
    return lines * line_pt + 3


def build_sheets(target: Path, preface, rows) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = new_workbook()
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font, head_font = Font(name="宋体", size=11), Font(name="宋体", size=11, bold=True)
    title_font = Font(name="宋体", size=16, bold=True)

    ws = wb.active
    ws.title = "说明"
    ws.column_dimensions["A"].width = 120
    title, paragraphs = preface
    ws["A1"] = title
    ws["A1"].font = title_font
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (kind, text) in enumerate(paragraphs, 2):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = head_font if kind == "heading" else body_font
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = row_height([text], [120])

    for key, title, header in TABLES:
        ws = wb.create_sheet(title)
        ncol = len(header)
        for c, width in enumerate(SHEET_WIDTHS[key], 1):
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws["A1"].font = title_font
        ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 30
        for c, label in enumerate(header, 1):
            cell = ws.cell(row=2, column=c, value=label)
            cell.font = head_font
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = grid

        data = rows[key]
        runs = equal_runs([cells[CATEGORY] for cells in data])
        tops = {first for first, _last in runs}
        for r, cells in enumerate(data):
            for c, text in enumerate(cells):
                if c == CATEGORY and r not in tops:
                    continue
                cell = ws.cell(row=3 + r, column=1 + c, value=cell_value(c, text))
                cell.font = body_font
                horizontal = "center" if c <= CATEGORY else "left"
                vertical = "center" if c == CATEGORY else "top"
                cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
                cell.border = grid
            texts = [text for c, text in enumerate(cells) if c != CATEGORY]
            widths = [w for c, w in enumerate(SHEET_WIDTHS[key]) if c != CATEGORY]
            ws.row_dimensions[3 + r].height = row_height(texts, widths)
        for first, last in runs:
            if last > first:
                col = 1 + CATEGORY
                ws.merge_cells(start_row=3 + first, start_column=col, end_row=3 + last, end_column=col)
        ws.freeze_panes = "A3"
        ws.print_title_rows = "1:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as long as it takes
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0

    wb.save(target)


def build_one_sheet(target: Path, rows) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = new_workbook()
    ws = wb.active
    ws.title = "履职事项清单"
    for c, width in enumerate(ONE_SHEET_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    bold = Font(bold=True)
    r = 1
    for n, (key, title, header) in enumerate(TABLES):
        if n:
            r += 1  # one empty row before the next title
        ws.cell(row=r, column=1, value=title).font = Font(size=14, bold=True)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for c, label in enumerate(header, 1):
            cell = ws.cell(row=r, column=c, value=label)
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        r += 1
        for cells in rows[key]:
            for c, text in enumerate(cells):
                cell = ws.cell(row=r, column=1 + c, value=cell_value(c, text))
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            ws.row_dimensions[r].height = row_height(cells, ONE_SHEET_WIDTHS, 15)
            r += 1
    wb.save(target)


def build_no_list_xlsx(target: Path) -> None:
    """A register of office supplies: a title, a header and a few rows, no duty list."""
    from openpyxl.styles import Font

    wb = new_workbook()
    ws = wb.active
    ws.title = "办公用品领用登记"
    ws["A1"] = "2025年第一季度办公用品领用登记表"
    ws["A1"].font = Font(size=14, bold=True)
    ws.merge_cells("A1:G1")
    ws.append(("序号", "领用日期", "物品名称", "规格", "数量", "领用部门", "领用人"))
    for row in (
        (1, "2025-01-06", "A4复印纸", "70g 500张/包", 10, "党政办", "张某某"),
        (2, "2025-01-15", "黑色签字笔", "0.5mm", 24, "财政所", "王某某"),
        (3, "2025-02-10", "文件盒", "75mm", 12, "综治中心", "阿某某"),
        (4, "2025-03-03", "硒鼓", "HP 88A", 2, "党政办", "李某某"),
    ):
        ws.append(row)
    for column, width in zip("ABCDEFG", (7, 12, 14, 16, 7, 12, 10), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(target)


# ---------------------------------------------------------------------------------------- other files


def encrypt(src: Path, target: Path) -> None:
    """ECMA-376 agile encryption with msoffcrypto; for a repeatable fixture its salts and keys come from a seeded
    generator and the compound file's directory dates are FIXED_DATE (msoffcrypto takes secrets and now())."""
    from datetime import datetime
    from unittest import mock

    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_DATE

    out = io.BytesIO()
    with (
        mock.patch.object(ecma376_agile, "_random_buffer", random.Random(20250320).randbytes),
        mock.patch.object(ecma376_encrypted, "datetime", Fixed),
        src.open("rb") as f,
    ):
        OOXMLFile(f).encrypt(PASSWORD, out)
    target.write_bytes(out.getvalue())


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path | None:
    """LibreOffice's conversion of `src` to `fmt` (doc, xls, pdf) in `outdir`; None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt]
            + ["--outdir", tmp, str(src)],
            capture_output=True,
            text=True,
            timeout=900,
        )
        made = Path(tmp) / f"{src.stem}.{fmt}"
        if done.returncode != 0 or not made.exists():
            sys.exit(f"soffice failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        target = outdir / made.name
        shutil.move(str(made), target)
    return target


# ------------------------------------------------------------------------------------------ read back


def read_docx(path: Path) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Per list (by the title paragraph before its tables), the body rows of its tables, a vertically merged
    cell's text taken from its top cell; and the problems seen (a break in a cell, text in a merged-away cell)."""
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(str(path)).element.body
    lists: dict[str, list[list[str]]] = {}
    problems: list[str] = []
    current = None
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            for key, title, _header in TABLES:
                if text.endswith(title):
                    current = key
                    lists.setdefault(key, [])
            continue
        if el.tag != qn("w:tbl"):
            continue
        if current is None:
            problems.append("a table before any list title")
            continue
        above: dict[int, str] = {}
        for t, tr in enumerate(el.iterchildren(qn("w:tr"))):
            cells, col = [], 0
            for tc in tr.iterchildren(qn("w:tc")):
                tc_pr = tc.find(qn("w:tcPr"))
                span, vmerge = 1, None
                if tc_pr is not None:
                    grid_span = tc_pr.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = int(grid_span.get(qn("w:val")))
                    vm = tc_pr.find(qn("w:vMerge"))
                    if vm is not None:
                        vmerge = vm.get(qn("w:val")) or "continue"
                for tag in ("w:br", "w:cr", "w:tab"):
                    if tc.find(".//" + qn(tag)) is not None:
                        problems.append(f"{current} table row {t}: {tag} in a cell")
                pars = ["".join(x.text or "" for x in p.iter(qn("w:t"))) for p in tc.iterchildren(qn("w:p"))]
                text = "\n".join(pars)
                if any(ch in part for part in pars for ch in "\n\r\v"):
                    problems.append(f"{current} table row {t}: a line break inside a paragraph")
                if vmerge == "continue":
                    if text:
                        problems.append(f"{current} table row {t}: text in a merged-away cell")
                    text = above.get(col, "")
                above[col] = text
                cells.append(text)
                col += span
            if cells and cells[0].isdigit():
                lists[current].append(cells)
    return lists, problems


def read_sheet(ws, top: int, bottom: int, ncol: int) -> list[list]:
    """Rows top..bottom, columns 1..ncol; a merged range's value taken from its top-left cell."""
    owner = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                owner[(r, c)] = (rng.min_row, rng.min_col)
    out = []
    for r in range(top, bottom + 1):
        out.append([ws.cell(*owner.get((r, c), (r, c))).value for c in range(1, ncol + 1)])
    return out


def compare(name: str, got: list[list], want: list[list[str]]) -> int:
    """Mismatching cells (a missing or extra row counts each of its cells); sequence numbers must be ints
    where `got` comes from Excel."""
    bad = abs(len(got) - len(want)) * len(want[0])
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        for c, (gv, wv) in enumerate(zip(g, w, strict=True)):
            if (str(gv) if c == 0 else gv) != wv:
                bad += 1
                if bad <= 5:
                    print(f"  {name} row {i + 1} column {c + 1}: {gv!r} != {wv!r}")
    return bad


def check_docx(path: Path, rows) -> int:
    lists, problems = read_docx(path)
    bad = len(problems)
    for problem in problems[:5]:
        print(f"  {path.name}: {problem}")
    for key, _title, _header in TABLES:
        bad += compare(f"{path.name} {key}", lists.get(key, []), rows[key])
    return bad


def check_sheets(path: Path, preface, rows) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    bad = 0
    title, paragraphs = preface
    if wb.sheetnames != ["说明"] + [t for _k, t, _h in TABLES]:
        print(f"  {path.name}: sheets {wb.sheetnames}")
        bad += 1
    got = [wb["说明"].cell(row=r, column=1).value for r in range(1, len(paragraphs) + 2)]
    bad += sum(g != w for g, w in zip(got, [title] + [text for _kind, text in paragraphs], strict=True))
    for key, table_title, header in TABLES:
        ws = wb[table_title]
        ncol = len(header)
        data = read_sheet(ws, 1, ws.max_row, ncol)
        bad += data[0][0] != table_title or data[1] != list(header)
        bad += compare(f"{path.name} {key}", data[2:], rows[key])
        bad += sum(not isinstance(row[0], int) for row in data[2:])
        body = [ws.cell(row=r, column=c) for r in range(3, ws.max_row + 1) for c in range(1, ncol + 1)]
        bad += sum(not cell.alignment.wrap_text for cell in body if cell.value is not None)
    return bad


def check_one_sheet(path: Path, rows) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["履职事项清单"]
    bad = len(wb.sheetnames) != 1
    data = read_sheet(ws, 1, ws.max_row + 1, max(len(h) for _k, _t, h in TABLES))
    r = 0
    for key, title, header in TABLES:
        bad += data[r][0] != title or data[r + 1][: len(header)] != list(header)
        r += 2
        body = []
        while r < len(data) and data[r][0] is not None:
            body.append(data[r][: len(header)])
            r += 1
        bad += compare(f"{path.name} {key}", body, rows[key])
        bad += sum(not isinstance(row[0], int) for row in body)
        r += 1  # the empty row
    return bad


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    if argv:
        print("usage: make_office_fixtures.py (no arguments)", file=sys.stderr)
        return 2
    preface = load_preface()
    rows = load_rows()
    BAD.mkdir(parents=True, exist_ok=True)

    made: list[Path] = []
    merged = write_docx("word_merged", OUT / "word_merged.docx", preface, rows)
    split = OUT / "word_split.docx"
    build_word_split(split, preface, rows)
    sheets = OUT / "sheets.xlsx"
    build_sheets(sheets, preface, rows)
    one = OUT / "one_sheet.xlsx"
    build_one_sheet(one, rows)
    no_list_docx, no_list_xlsx = BAD / "no_list.docx", BAD / "no_list.xlsx"
    build_no_list_docx(no_list_docx)
    build_no_list_xlsx(no_list_xlsx)
    for path in (merged, split, sheets, one, no_list_docx, no_list_xlsx):
        pin_zip(path)
    made += [merged, split, sheets, one]

    for src in (split, sheets):
        data = src.read_bytes()
        damaged = BAD / f"damaged{src.suffix}"
        damaged.write_bytes(data[: int(len(data) * DAMAGED_FRACTION)])
        made.append(damaged)
    encrypt(sheets, BAD / "password.xlsx")
    made += [BAD / "password.xlsx", no_list_docx, no_list_xlsx]

    for src, fmt, copy in ((split, "doc", "wps"), (sheets, "xls", "et")):
        legacy = soffice_convert(src, fmt, OUT)
        if legacy is None:
            print(f"soffice not found: {src.stem}.{fmt} and .{copy} skipped", file=sys.stderr)
            continue
        made += [legacy, shutil.copyfile(legacy, legacy.with_suffix(f".{copy}"))]

    for path in made:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")

    bad = check_docx(merged, rows) + check_docx(split, rows)
    bad += check_sheets(sheets, preface, rows) + check_one_sheet(one, rows)
    print(f"read back: {bad} mismatch(es)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
