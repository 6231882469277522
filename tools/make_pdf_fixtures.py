"""Render the seed edition's duty list (哈拉奇乡 履职事项清单) as realistic PDFs, from the reviewed golden records.

The PDFs are fixtures for a PDF table extractor: they look like published government tables (A4 landscape,
preface 说明 on page 1, then the three tables, each after its title line; header row repeated on every page;
long rows split across page breaks; footer ``第 N 页，共 M 页`` on every page; an embedded, subset CJK font
and real text, no images).

Run from the project root::

    .venv/bin/python tools/make_pdf_fixtures.py            # every variant
    .venv/bin/python tools/make_pdf_fixtures.py reportlab_grid libreoffice_hrules

Writes into ``tests/fixtures/pdf/``, for each variant, ``<variant>.pdf`` and ``<variant>.txt`` (the text
``pdfminer.high_level.extract_text`` gives for that PDF, UTF-8).

Variants (each with its own producer, font, sizes, margins and column widths):

``reportlab_grid``
    reportlab platypus; WenQuanYi Zen Hei; fully bordered grid; ``repeatRows=1``; ``splitInRow=1``.
``libreoffice_grid``
    python-docx writes a DOCX (style "Table Grid", header row ``w:tblHeader``, rows may break across pages,
    footer with PAGE / NUMPAGES fields), LibreOffice converts it; AR PL UMing CN; grey header row.
``libreoffice_hrules``
    the same DOCX route, but the tables have horizontal rules only (top, bottom, insideH; no left, right,
    insideV); Droid Sans Fallback, with Latin text in Liberation Sans (LibreOffice falls back to DejaVu Sans for
    “”—①②③ there); other widths and margins; the tables follow one another without page breaks.

Needs (Debian bookworm, as root)::

    apt-get update
    apt-get install -y libreoffice-writer fonts-arphic-uming fonts-wqy-zenhei fonts-droid-fallback fonts-liberation2
    apt-get install -y poppler-utils     # only to look at pages (pdftoppm)

and in the venv::

    .venv/bin/pip install reportlab python-docx pdfplumber

(pdfplumber brings pdfminer.six, used for the ``.txt`` files; poppler-utils is only for looking at pages with
``pdftoppm``.) Inputs: ``tests/golden/{basic,cooperative,withdrawn}.json`` and, for the preface, the lines of
``raw/000_0308d53cfc65b0ad.txt`` before its first table title.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RAW = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
OUT = ROOT / "tests" / "fixtures" / "pdf"

WQY_ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

TABLES = (
    ("basic", "基本履职事项清单", ("序号", "事项类别", "事项名称")),
    (
        "cooperative",
        "配合履职事项清单",
        ("序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"),
    ),
    ("withdrawn", "上级部门收回事项清单", ("序号", "事项类别", "事项名称", "承接部门及工作方式")),
)

_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S{1,12}$")


# --------------------------------------------------------------------------------------------- inputs


def load_preface() -> tuple[str, list[tuple[str, str]]]:
    """(title, [(kind, text)]) with kind 'heading' or 'body'; the wrapped lines of each paragraph joined."""
    raw = RAW.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(raw) if "".join(line.split()) == TABLES[0][1])  # the first title
    lines = [line.strip() for line in raw[:end] if line.strip()]
    title, rest = lines[0], lines[1:]
    paragraphs: list[tuple[str, str]] = []
    current = ""
    for line in rest:
        if _HEADING.match(line):
            if current:
                paragraphs.append(("body", current))
                current = ""
            paragraphs.append(("heading", line))
            continue
        current += line
        if line.endswith("。"):
            paragraphs.append(("body", current))
            current = ""
    if current:
        paragraphs.append(("body", current))
    return title, paragraphs


def load_rows() -> dict[str, list[list[str]]]:
    """Per table, the rows as cell strings ('\\n' between paragraphs inside a cell)."""
    rows: dict[str, list[list[str]]] = {}
    for key, _title, _header in TABLES:
        records = json.loads((GOLDEN / f"{key}.json").read_text(encoding="utf-8"))
        out = []
        for r in records:
            cells = [str(r["seq"]), r["category"], r["name"]]
            if key == "cooperative":
                cells += ["、".join(r["departments"]), r["upstream_duties"], r["township_duties"]]
            elif key == "withdrawn":
                cells.append(r["handler"])
            out.append(cells)
        rows[key] = out
    return rows


def footer_text(page: int, pages: int) -> str:
    return f"第 {page} 页，共 {pages} 页"


# ------------------------------------------------------------------------------------------ reportlab

RL_LAYOUT = {
    "margins_mm": {"left": 18, "right": 18, "top": 16, "bottom": 20},
    "preface": {"title": 20, "heading": 13, "body": 12, "leading": 20},
    "table_title": 17,
    "header": 10,
    "cell": 9,
    "cell_leading": 12.5,
    # column widths in mm; each table uses the full text width (297 - 36 = 261 mm)
    "columns_mm": {
        "basic": (16, 42, 203),
        "cooperative": (12, 22, 36, 40, 89, 62),
        "withdrawn": (14, 30, 72, 145),
    },
}


def build_reportlab(target: Path, preface, rows) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    lay = RL_LAYOUT
    font = "WenQuanYiZenHei"
    pdfmetrics.registerFont(TTFont(font, WQY_ZENHEI, subfontIndex=0))  # subset on embedding (the default)

    class NumberedCanvas(rl_canvas.Canvas):
        """Defers each page until the end so the footer can state the page count."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                width, _height = self._pagesize
                self.drawCentredString(width / 2, 10 * mm, footer_text(self._pageNumber, total))
                super().showPage()
            super().save()

    m = lay["margins_mm"]
    doc = SimpleDocTemplate(
        str(target),
        pagesize=landscape(A4),
        leftMargin=m["left"] * mm,
        rightMargin=m["right"] * mm,
        topMargin=m["top"] * mm,
        bottomMargin=m["bottom"] * mm,
        title="哈拉奇乡履职事项清单",
        author="哈拉奇乡",
        invariant=1,  # no timestamps or random ids: the same bytes on every run
    )

    p = lay["preface"]
    s_title = ParagraphStyle(
        "ptitle", fontName=font, fontSize=p["title"], leading=p["title"] * 1.5, alignment=TA_CENTER, spaceAfter=8
    )
    s_heading = ParagraphStyle(
        "phead",
        fontName=font,
        fontSize=p["heading"],
        leading=p["leading"],
        firstLineIndent=2 * p["body"],
        spaceBefore=4,
    )
    s_body = ParagraphStyle(
        "pbody",
        fontName=font,
        fontSize=p["body"],
        leading=p["leading"],
        firstLineIndent=2 * p["body"],
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    s_ttitle = ParagraphStyle(
        "ttitle",
        fontName=font,
        fontSize=lay["table_title"],
        leading=lay["table_title"] * 1.6,
        alignment=TA_CENTER,
        spaceAfter=6,
    )
    s_head = ParagraphStyle(
        "head", fontName=font, fontSize=lay["header"], leading=lay["header"] * 1.4, alignment=TA_CENTER, wordWrap="CJK"
    )
    s_cell = ParagraphStyle(
        "cell", fontName=font, fontSize=lay["cell"], leading=lay["cell_leading"], alignment=TA_LEFT, wordWrap="CJK"
    )
    s_cell_c = ParagraphStyle("cellc", parent=s_cell, alignment=TA_CENTER)

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    story = []
    title, paragraphs = preface
    story.append(Paragraph(esc(title), s_title))
    for kind, text in paragraphs:
        story.append(Paragraph(esc(text), s_heading if kind == "heading" else s_body))

    for key, table_title, header in TABLES:
        story.append(PageBreak())
        story.append(Paragraph(table_title, s_ttitle))
        data = [[Paragraph(h, s_head) for h in header]]
        for cells in rows[key]:
            row = []
            for i, cell in enumerate(cells):
                style = s_cell_c if i < 2 else s_cell
                # one Paragraph per paragraph of the cell, so that a row can be split between them too
                row.append([Paragraph(esc(part), style) for part in cell.split("\n")])
            data.append(row)
        widths = [w * mm for w in lay["columns_mm"][key]]
        table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("VALIGN", (0, 1), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
        story.append(Spacer(1, 6))

    doc.build(story, canvasmaker=NumberedCanvas)


# ------------------------------------------------------------------------------------- docx (python-docx)

DOCX_LAYOUTS = {
    "libreoffice_grid": {
        "font": "AR PL UMing CN",
        "latin_font": "AR PL UMing CN",
        "cell_margins_twips": {"top": 28, "bottom": 28, "left": 100, "right": 100},
        "margins_cm": {"left": 2.54, "right": 2.54, "top": 2.2, "bottom": 2.0},
        "preface": {"title": 22, "heading": 14, "body": 12, "line": 21},
        "table_title": 18,
        "header": 11,
        "cell": 10.5,
        "footer": 10.5,
        "borders": "grid",
        "header_shading": "D9D9D9",
        "table_on_new_page": True,
        # cm; text width 29.7 - 5.08 = 24.62 cm
        "columns_cm": {
            "basic": (1.6, 3.6, 19.4),
            "cooperative": (1.2, 2.0, 3.4, 3.6, 8.6, 5.8),
            "withdrawn": (1.3, 2.4, 7.0, 13.9),
        },
        "center_valign": ("basic", "withdrawn"),
    },
    "libreoffice_hrules": {
        "font": "Droid Sans Fallback",  # has no Latin glyphs: digits and Latin letters in Liberation Sans
        "latin_font": "Liberation Sans",
        "cell_margins_twips": {"top": 57, "bottom": 57, "left": 85, "right": 85},
        "margins_cm": {"left": 1.8, "right": 1.8, "top": 1.6, "bottom": 1.7},
        "preface": {"title": 20, "heading": 13, "body": 11.5, "line": 20},
        "table_title": 16,
        "header": 10.5,
        "cell": 9.5,
        "footer": 9,
        "borders": "hrules",
        "header_shading": None,
        "table_on_new_page": False,
        # cm; text width 29.7 - 3.6 = 26.1 cm
        "columns_cm": {
            "basic": (1.4, 4.2, 20.5),
            "cooperative": (1.3, 2.3, 4.0, 3.2, 9.3, 6.0),
            "withdrawn": (1.2, 2.8, 8.4, 13.7),
        },
        "center_valign": (),
    },
}


def rfonts_of(rpr):
    """A run's or style's w:rFonts, made if it has none."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    return rfonts


def add_preface(doc, preface, sizes: dict, styled) -> None:
    """The preface into a python-docx document: a centred title, then headings and justified
    paragraphs at exact line spacing; `styled(run, size, bold=False)` sets a run's font."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    title, paragraphs = preface
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = Pt(12)
    styled(par.add_run(title), sizes["title"], bold=True)
    for kind, text in paragraphs:
        par = doc.add_paragraph()
        pf = par.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(sizes["line"])
        pf.first_line_indent = Pt(2 * sizes["body"])
        if kind == "heading":
            styled(par.add_run(text), sizes["heading"], bold=True)
        else:
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            styled(par.add_run(text), sizes["body"])


def build_docx(target: Path, variant: str, preface, rows) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    lay = DOCX_LAYOUTS[variant]
    font, latin = lay["font"], lay["latin_font"]
    doc = Document()

    def set_fonts(rfonts):
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), latin)
        rfonts.set(qn("w:eastAsia"), font)

    def set_run_font(run, size, bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        set_fonts(rfonts_of(run._element.get_or_add_rPr()))

    # Normal style: the CJK font for East Asian text too, no spacing after paragraphs
    normal = doc.styles["Normal"]
    normal.font.name = latin
    normal.font.size = Pt(lay["cell"])
    set_fonts(rfonts_of(normal.element.get_or_add_rPr()))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    m = lay["margins_cm"]
    section.left_margin, section.right_margin = Cm(m["left"]), Cm(m["right"])
    section.top_margin, section.bottom_margin = Cm(m["top"]), Cm(m["bottom"])
    section.footer_distance = Cm(0.9)

    # footer: 第 PAGE 页，共 NUMPAGES 页
    fpar = section.footer.paragraphs[0]
    fpar.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def add_field(paragraph, instr, placeholder):
        def fld(kind):
            r = paragraph.add_run()
            set_run_font(r, lay["footer"])
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._element.append(el)

        fld("begin")
        r = paragraph.add_run()
        set_run_font(r, lay["footer"])
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} \\* ARABIC "
        r._element.append(it)
        fld("separate")
        set_run_font(paragraph.add_run(placeholder), lay["footer"])
        fld("end")

    set_run_font(fpar.add_run("第 "), lay["footer"])
    add_field(fpar, "PAGE", "1")
    set_run_font(fpar.add_run(" 页，共 "), lay["footer"])
    add_field(fpar, "NUMPAGES", "1")
    set_run_font(fpar.add_run(" 页"), lay["footer"])

    add_preface(doc, preface, lay["preface"], set_run_font)

    def set_table_borders(table):
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        if lay["borders"] == "grid":
            spec = {e: ("single", 4) for e in ("top", "left", "bottom", "right", "insideH", "insideV")}
        else:  # horizontal rules only; thicker rules at the top and the bottom of the table
            spec = {
                "top": ("single", 12),
                "left": ("nil", 0),
                "bottom": ("single", 12),
                "right": ("nil", 0),
                "insideH": ("single", 4),
                "insideV": ("nil", 0),
            }
        for edge, (val, size) in spec.items():
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), val)
            if val != "nil":
                el.set(qn("w:sz"), str(size))
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            borders.append(el)
        old = tbl_pr.find(qn("w:tblBorders"))
        if old is not None:
            tbl_pr.remove(old)
        tbl_pr.append(borders)

    def set_fixed_layout(table):
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        margins = OxmlElement("w:tblCellMar")
        for edge, twips in lay["cell_margins_twips"].items():
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), str(twips))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.append(margins)

    tbl_pr_order = (
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    )

    def order_tbl_pr(table):
        """Put w:tblPr's children back in the order the schema wants (Word is strict about it)."""
        tbl_pr = table._tbl.tblPr
        children = list(tbl_pr)
        for child in children:
            tbl_pr.remove(child)
        children.sort(key=lambda el: tbl_pr_order.index(el.tag.split("}")[1]))
        for child in children:
            tbl_pr.append(child)

    def mark_header(row):
        tr_pr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)

    def shade(cell, fill):
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tc_pr.append(shd)

    def fill_cell(cell, text, size, align, bold=False):
        parts = text.split("\n")
        first = cell.paragraphs[0]
        for i, part in enumerate(parts):
            par = first if i == 0 else cell.add_paragraph()
            par.alignment = align
            par.paragraph_format.space_after = Pt(0)
            par.paragraph_format.line_spacing = 1.0
            set_run_font(par.add_run(part), size, bold=bold)

    for n, (key, table_title, header) in enumerate(TABLES):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = par.paragraph_format
        pf.keep_with_next = True
        pf.page_break_before = lay["table_on_new_page"] or n == 0
        pf.space_before = Pt(0 if pf.page_break_before else 18)
        pf.space_after = Pt(8)
        set_run_font(par.add_run(table_title), lay["table_title"], bold=True)

        data = rows[key]
        table = doc.add_table(rows=1 + len(data), cols=len(header))
        if lay["borders"] == "grid":
            table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        set_fixed_layout(table)
        set_table_borders(table)
        widths = [Cm(w) for w in lay["columns_cm"][key]]
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

        head = table.rows[0]
        mark_header(head)
        for cell, label in zip(head.cells, header, strict=True):
            fill_cell(cell, label, lay["header"], WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if lay["header_shading"]:
                shade(cell, lay["header_shading"])
        center = key in lay["center_valign"]
        for row, cells in zip(table.rows[1:], data, strict=True):
            for i, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
                align = WD_ALIGN_PARAGRAPH.CENTER if i < 2 else WD_ALIGN_PARAGRAPH.JUSTIFY
                fill_cell(cell, text, lay["cell"], align)
                cell.vertical_alignment = (
                    WD_CELL_VERTICAL_ALIGNMENT.CENTER if center else WD_CELL_VERTICAL_ALIGNMENT.TOP
                )
        order_tbl_pr(table)
        # rows may break across pages: no w:cantSplit is written (python-docx writes none by default)

    doc.save(str(target))


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode != 0 or not (Path(tmp) / (docx.stem + ".pdf")).exists():
            sys.exit(f"soffice failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), pdf)


# ---------------------------------------------------------------------------------------------- main

VARIANTS = ("reportlab_grid", "libreoffice_grid", "libreoffice_hrules")


def write_text(pdf: Path) -> None:
    from pdfminer.high_level import extract_text

    pdf.with_suffix(".txt").write_text(extract_text(str(pdf)), encoding="utf-8")


def main(argv: list[str]) -> int:
    wanted = argv or list(VARIANTS)
    unknown = [v for v in wanted if v not in VARIANTS]
    if unknown:
        print(f"unknown variant(s): {', '.join(unknown)}; known: {', '.join(VARIANTS)}", file=sys.stderr)
        return 2
    preface = load_preface()
    rows = load_rows()
    OUT.mkdir(parents=True, exist_ok=True)
    for variant in wanted:
        pdf = OUT / f"{variant}.pdf"
        if variant == "reportlab_grid":
            build_reportlab(pdf, preface, rows)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                docx = Path(tmp) / f"{variant}.docx"
                build_docx(docx, variant, preface, rows)
                docx_to_pdf(docx, pdf)
        write_text(pdf)
        print(f"{pdf.relative_to(ROOT)}  {pdf.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
