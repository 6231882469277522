"""Render the seed edition's duty list (哈拉奇乡 履职事项清单) as PDFs that look typed in Word / WPS and printed to PDF.

The fixtures exercise what the plain-grid fixtures of ``tools/make_pdf_fixtures.py`` do not: merged cells, a
two-level header, a header printed only once, furniture that is neither preface nor table (a cover page, a
sign-off with a seal picture) and pages stored rotated. The content is the reviewed golden records, cell for
cell: a cell holds exactly the golden field (``departments`` joined with 、), one Word paragraph per ``\\n``
separated paragraph of a prose field, no other line breaks (LibreOffice wraps the lines, with its default Asian
line breaking). The preface 说明 comes before the tables, as in ``make_pdf_fixtures.py``; each table follows its
title line (基本履职事项清单 …) on a new page; A4 landscape; rows may break across pages.

Run from the project root::

    .venv/bin/python tools/make_print_fixtures.py                # every fixture
    .venv/bin/python tools/make_print_fixtures.py word_rotated

Writes ``tests/fixtures/pdf/print/<name>.pdf``.

Fixtures:

``word_merged``
    python-docx writes a DOCX, LibreOffice converts it. Noto Serif CJK SC (East Asian and Latin), cells 10.5 pt,
    header 10.5 pt bold. A cover page (title 哈拉奇乡履职事项清单, 阿合奇县哈拉奇乡人民政府, 二〇二五年三月, no
    footer) and a page break before the preface. In every table consecutive rows of the same 事项类别 share ONE
    vertically merged cell (text once, at the top), in the cooperative table consecutive rows of the same
    对应上级部门 too; such a cell often runs over a page break. The cooperative header has two levels: 上级部门
    spans two columns (gridSpan) above 部门名称 | 部门职责, the other header cells are merged over both header
    rows. The header is printed once per table (no ``w:tblHeader``). "Table Grid" borders, 0.5 pt; body cells
    left-aligned. Footer ``- N -``. After the last table a sign-off (哈拉奇乡人民政府, 2025年3月20日,
    right-aligned) with a red round seal (a ring and a star, transparent PNG drawn with Pillow) floating over it
    (a ``wp:anchor`` picture, in front of the text, no wrapping).
``word_rotated``
    The same DOCX route: AR PL UKai CN, cells 9 pt, header row repeated on every page (``w:tblHeader``), the
    事项类别 merged as above but with the text vertically centred in the merged cell; one header level, no cover,
    footer ``第N页``, no sign-off. Then every page is stored in PORTRAIT with ``/Rotate 90`` and still displays
    exactly as the landscape page: pikepdf wraps the content stream in ``q 0 1 -1 0 H 0 cm … Q``, swaps the
    page boxes' width and height (MediaBox, CropBox and the other boxes, annotation rectangles) and sets /Rotate.

Both PDFs get a fixed creation date and a deterministic /ID (pikepdf), so that a run repeats the last one.

Needs (Debian bookworm, as root)::

    apt-get install -y libreoffice-writer fonts-noto-cjk fonts-arphic-ukai
    apt-get install -y poppler-utils     # only to look at pages (pdftoppm)

and in the venv::

    .venv/bin/pip install python-docx pikepdf Pillow

Inputs: ``tests/golden/{basic,cooperative,withdrawn}.json`` and the preface of ``raw/000_0308d53cfc65b0ad.txt``,
read with ``load_preface`` and ``load_rows`` of ``tools/make_pdf_fixtures.py``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_pdf_fixtures import (  # noqa: E402
    TABLES,
    add_preface,
    docx_to_pdf,
    load_preface,
    load_rows,
    rfonts_of,
)

OUT = ROOT / "tests" / "fixtures" / "pdf" / "print"

DOC_TITLE = "哈拉奇乡履职事项清单"
AUTHOR = "阿合奇县哈拉奇乡人民政府"
COVER = (DOC_TITLE, AUTHOR, "二〇二五年三月")
SIGN_OFF = ("哈拉奇乡人民政府", "2025年3月20日")
FIXED_DATE = datetime(2025, 3, 20, 9, 0, 0)
PDF_DATE = "D:20250320090000+08'00'"

# the cooperative table's two-level header: a group label over columns first .. first + len(labels) - 1
GROUPED_HEADER = {"cooperative": ("上级部门", 3, ("部门名称", "部门职责"))}

LAYOUTS = {
    "word_merged": {
        "font": "Noto Serif CJK SC",
        "cell": 10.5,
        "header": 10.5,
        "footer": 10.5,
        "footer_text": ("- ", " -"),  # before and after the PAGE field
        "margins_cm": {"left": 2.54, "right": 2.54, "top": 3.18, "bottom": 3.18},
        "preface": {"title": 22, "heading": 14, "body": 12, "line": 21},
        "table_title": 18,
        # cm; text width 29.7 - 5.08 = 24.62 cm
        "columns_cm": {
            "basic": (1.6, 3.6, 19.42),
            "cooperative": (1.2, 2.2, 3.4, 4.0, 8.2, 5.62),
            "withdrawn": (1.4, 2.6, 7.0, 13.62),
        },
        "merge": {"basic": (1,), "cooperative": (1, 3), "withdrawn": (1,)},  # columns whose equal runs merge
        "merged_valign": "top",
        "repeat_header": False,
        "two_level_header": True,
        "cover": True,
        "sign_off": True,
        "rotate": False,  # store the pages portrait with /Rotate 90
    },
    "word_rotated": {
        "font": "AR PL UKai CN",
        "cell": 9,
        "header": 9,
        "footer": 10.5,
        "footer_text": ("第", "页"),
        "margins_cm": {"left": 2.0, "right": 2.0, "top": 2.5, "bottom": 2.5},
        "preface": {"title": 22, "heading": 14, "body": 12, "line": 21},
        "table_title": 18,
        # cm; text width 29.7 - 4.0 = 25.7 cm
        "columns_cm": {
            "basic": (1.5, 3.4, 20.8),
            "cooperative": (1.2, 2.0, 3.6, 4.2, 8.7, 6.0),
            "withdrawn": (1.3, 2.4, 7.4, 14.6),
        },
        "merge": {"basic": (1,), "cooperative": (1,), "withdrawn": (1,)},
        "merged_valign": "center",
        "repeat_header": True,
        "two_level_header": False,
        "cover": False,
        "sign_off": False,
        "rotate": True,
    },
}

SEAL_CM = 4.0

# a PAGE field as Word writes one: begin, instruction, separate, the last shown number, end
PAGE_FIELD = (("begin", None), ("instr", " PAGE \\* ARABIC "), ("separate", None), ("text", "1"), ("end", None))


# ----------------------------------------------------------------------------------------------- seal


def make_seal(target: Path, px: int = 472) -> None:
    """A red round seal: a ring and a five-pointed star, transparent outside them; no text. 4 cm at 300 dpi."""
    import math

    from PIL import Image, ImageDraw

    scale = 4  # draw large, then shrink: smooth edges
    size = px * scale
    red = (214, 24, 30, 235)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    ring = round(size * 0.045)
    inset = round(size * 0.02)
    draw.ellipse((inset, inset, size - 1 - inset, size - 1 - inset), outline=red, width=ring)
    cx = cy = size / 2
    outer, inner = size * 0.19, size * 0.19 * 0.382
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.radians(-90 + 36 * k)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=red)
    img.resize((px, px), Image.LANCZOS).save(target, format="PNG", dpi=(300, 300))


# ------------------------------------------------------------------------------------- docx (python-docx)


def fix_properties(doc) -> None:
    """The same core properties on every run, so that a run repeats the bytes of the last."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = DOC_TITLE, AUTHOR, AUTHOR
    props.comments, props.subject, props.keywords, props.category = "", "", "", ""
    props.created = props.modified = FIXED_DATE
    props.revision = 1


def build_docx(target: Path, name: str, preface, rows, seal: Path | None) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt

    lay = LAYOUTS[name]
    font = lay["font"]
    doc = Document()

    fix_properties(doc)

    def set_fonts(rpr):
        rfonts = rfonts_of(rpr)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), font)

    def styled(run, size, bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        set_fonts(run._element.get_or_add_rPr())
        return run

    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(lay["cell"])
    set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    m = lay["margins_cm"]
    section.left_margin, section.right_margin = Cm(m["left"]), Cm(m["right"])
    section.top_margin, section.bottom_margin = Cm(m["top"]), Cm(m["bottom"])
    section.footer_distance = Cm(1.5)
    section.header_distance = Cm(1.5)

    # footer: <before> PAGE <after>, centred; the cover (a different first page) has an empty footer
    section.different_first_page_header_footer = lay["cover"]
    fpar = section.footer.paragraphs[0]
    fpar.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = lay["footer_text"]
    styled(fpar.add_run(before), lay["footer"])
    for kind, text in PAGE_FIELD:
        run = styled(fpar.add_run(), lay["footer"])
        if kind == "text":  # the number Word shows until it updates the field
            run.text = text
        elif kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._element.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
    styled(fpar.add_run(after), lay["footer"])

    # cover page: the title in the upper third, the issuer and the date lower down; then a page break
    if lay["cover"]:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.space_before = Cm(4.2)
        styled(par.add_run(COVER[0]), 36, bold=True)
        for n, text in enumerate(COVER[1:]):
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.paragraph_format.space_before = Cm(3.6 if n == 0 else 0.4)
            styled(par.add_run(text), 16)
        par.add_run().add_break(WD_BREAK.PAGE)

    add_preface(doc, preface, lay["preface"], styled)  # as make_pdf_fixtures.py sets it

    valign = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER}

    def fill(cell, text, size, align, bold=False):
        for i, part in enumerate(text.split("\n")):
            par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            par.alignment = align
            par.paragraph_format.space_after = Pt(0)
            par.paragraph_format.line_spacing = 1.0
            styled(par.add_run(part), size, bold=bold)

    def set_borders(table):
        """Single 0.5 pt lines all round and inside (what "Table Grid" has; written out so nothing else counts)."""
        tbl_pr = table._tbl.tblPr
        old = tbl_pr.find(qn("w:tblBorders"))
        if old is not None:
            tbl_pr.remove(old)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            for attr, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
                el.set(qn(f"w:{attr}"), value)
            borders.append(el)
        anchor = tbl_pr.find(qn("w:tblLook"))
        if anchor is None:
            tbl_pr.append(borders)
        else:
            anchor.addprevious(borders)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        borders.addnext(layout)

    def header_cell(cell, label):
        fill(cell, label, lay["header"], WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def equal_runs(data, col):
        """(first, last) row indices of the runs of equal text in a column, runs of two rows or more."""
        runs, start = [], 0
        for r in range(1, len(data) + 1):
            if r == len(data) or data[r][col] != data[start][col]:
                if r - 1 > start:
                    runs.append((start, r - 1))
                start = r
        return runs

    for key, table_title, header in TABLES:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = par.paragraph_format
        pf.keep_with_next = True
        pf.page_break_before = True
        pf.space_after = Pt(8)
        styled(par.add_run(table_title), lay["table_title"], bold=True)

        data = rows[key]
        grouped = GROUPED_HEADER.get(key) if lay["two_level_header"] else None
        heads = 2 if grouped else 1
        table = doc.add_table(rows=heads + len(data), cols=len(header))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        set_borders(table)
        widths = [Cm(w) for w in lay["columns_cm"][key]]
        for col, width in zip(table.columns, widths, strict=True):
            col.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

        # body first (merging moves no text: a run's later cells stay empty)
        merge = lay["merge"].get(key, ())
        for r, cells in enumerate(data):
            for c, text in enumerate(cells):
                if c in merge and r > 0 and data[r - 1][c] == text:
                    continue
                cell = table.cell(heads + r, c)
                fill(cell, text, lay["cell"], WD_ALIGN_PARAGRAPH.LEFT)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        for c in merge:
            for first, last in equal_runs(data, c):
                top = table.cell(heads + first, c)
                top.merge(table.cell(heads + last, c))
                top.vertical_alignment = valign[lay["merged_valign"]]

        if grouped:
            label, first, labels = grouped
            upper, lower = table.rows[0].cells, table.rows[1].cells
            span = range(first, first + len(labels))
            for c, column in enumerate(header):
                if c in span:
                    header_cell(lower[c], labels[c - first])
                else:
                    header_cell(upper[c], column)
            header_cell(upper[first], label)
            for c in range(len(header)):
                if c not in span:
                    upper[c].merge(lower[c])
            upper[first].merge(upper[span[-1]])
        else:
            for cell, label in zip(table.rows[0].cells, header, strict=True):
                header_cell(cell, label)
        if lay["repeat_header"]:
            for row in table.rows[:heads]:
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(el)
        # rows may break across pages: no w:cantSplit (python-docx writes none)

    if lay["sign_off"]:
        size = 14
        gap = doc.add_paragraph()
        gap.paragraph_format.space_before = Pt(30)
        pars = []
        for text in SIGN_OFF:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            par.paragraph_format.right_indent = Pt(2 * size)
            par.paragraph_format.keep_with_next = True
            styled(par.add_run(text), size)
            pars.append(par)
        pars[-1].paragraph_format.keep_with_next = False
        # the seal floats in front of the sign-off: anchored to its first line, centred on the issuer's name
        text_width = 29.7 - m["left"] - m["right"]
        name_centre = text_width - 2 * size / 72 * 2.54 - len(SIGN_OFF[0]) * size / 72 * 2.54 / 2
        run = pars[0].add_run()
        run.add_picture(str(seal), width=Cm(SEAL_CM), height=Cm(SEAL_CM))
        inline = run._element.find(".//" + qn("wp:inline"))
        anchor = parse_xml(
            f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
            ' relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{Cm(name_centre - SEAL_CM / 2)}</wp:posOffset>'
            "</wp:positionH>"
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{Cm(-1.3)}</wp:posOffset></wp:positionV>'
            "</wp:anchor>"
        )
        children = {el.tag: el for el in inline}
        anchor.append(children[qn("wp:extent")])
        anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
        anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))
        for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
            anchor.append(children[qn(tag)])
        inline.getparent().replace(inline, anchor)

    doc.save(str(target))


# ------------------------------------------------------------------------------------------ pikepdf


def _apply(matrix, x, y):
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _box(matrix, box):
    x0, y0, x1, y1 = (float(v) for v in box)
    xs, ys = zip(_apply(matrix, x0, y0), _apply(matrix, x1, y1), strict=True)
    return [min(xs), min(ys), max(xs), max(ys)]


def rotate_pages(pdf) -> None:
    """Store every landscape page as a portrait one with /Rotate 90 that displays the same.

    A viewer turns a /Rotate 90 page a quarter turn clockwise, so the stored picture is the page turned a
    quarter turn anticlockwise: (x, y) -> (H - (y - y0), x - x0) for a MediaBox [x0 y0 x0+W y0+H], which the
    matrix ``0 1 -1 0 H+y0 -x0`` does; the new MediaBox is [0 0 H W].
    """
    import pikepdf

    for page in pdf.pages:
        if int(page.obj.get("/Rotate", 0)) % 360:
            raise ValueError("page already rotated")
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        matrix = (0, 1, -1, 0, y1, -x0)  # e = H + y0
        cm = " ".join(f"{v + 0.0:.6f}".rstrip("0").rstrip(".") for v in matrix)  # + 0.0: no "-0"
        page.contents_add(pikepdf.Stream(pdf, f"q {cm} cm\n".encode()), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"\nQ\n"))
        for name in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if name in page.obj:
                page.obj[name] = pikepdf.Array(_box(matrix, page.obj[name]))
        page.obj.MediaBox = pikepdf.Array(_box(matrix, [x0, y0, x1, y1]))
        for annot in page.obj.get("/Annots", []):
            if "/Rect" in annot:
                annot.Rect = pikepdf.Array(_box(matrix, annot.Rect))
        page.obj.Rotate = 90


def finish_pdf(src: Path, target: Path, rotate: bool) -> None:
    """A fixed creation date, a deterministic /ID; the pages rotated if asked."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        if rotate:
            rotate_pages(pdf)
        pdf.docinfo["/CreationDate"] = PDF_DATE
        if "/ModDate" in pdf.docinfo:
            pdf.docinfo["/ModDate"] = PDF_DATE
        for key in ("/ID", "/DocChecksum"):  # LibreOffice's differ on every run (qpdf would keep the /ID's first half)
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.save(target, deterministic_id=True)


# ---------------------------------------------------------------------------------------------- main


def write_docx(name: str, target: Path, preface, rows) -> Path:
    """Write fixture `name`'s DOCX (the one converted to its PDF) to `target`; its seal is drawn in a temporary
    folder. ``tools/make_office_fixtures.py`` keeps the DOCX of ``word_merged`` as a Word fixture."""
    with tempfile.TemporaryDirectory() as tmp:
        seal = None
        if LAYOUTS[name]["sign_off"]:
            seal = Path(tmp) / "seal.png"
            make_seal(seal)
        build_docx(target, name, preface, rows, seal)
    return target


def build(name: str, preface, rows) -> Path:
    target = OUT / f"{name}.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docx = write_docx(name, tmp / f"{name}.docx", preface, rows)
        plain = tmp / f"{name}.pdf"
        docx_to_pdf(docx, plain)
        finish_pdf(plain, target, LAYOUTS[name]["rotate"])
    return target


def main(argv: list[str]) -> int:
    wanted = argv or list(LAYOUTS)
    unknown = [n for n in wanted if n not in LAYOUTS]
    if unknown:
        print(f"unknown fixture(s): {', '.join(unknown)}; known: {', '.join(LAYOUTS)}", file=sys.stderr)
        return 2
    preface = load_preface()
    rows = load_rows()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        pdf = build(name, preface, rows)
        print(f"{pdf.relative_to(ROOT)}  {pdf.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
