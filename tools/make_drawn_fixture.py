"""Draw the seed edition's duty list as a PDF whose tables are drawn the way WPS / Word draw them on PDF export.

Writes ``tests/fixtures/pdf/print/wps_rects.pdf``: the preface 说明 first, then the three tables
(基本履职事项清单, 配合履职事项清单, 上级部门收回事项清单), each on a new page after its centred title line.
The pages are laid out here on a reportlab canvas (no platypus tables), so that every mark is under control.
The fixture exercises a PDF table reader on what office suites print and the existing fixtures do not have:

* **borders as filled rectangles**, not stroked lines: every border segment is a thin filled rectangle, one per
  cell edge (a row's bottom border is several rectangles side by side, one per cell); ``pdfplumber`` reports them
  in ``page.rects``, ``page.lines`` stays empty;
* **mixed rule weights**: inner borders 0.5 pt, the vertical borders right of 事项名称 and of the later text
  columns 0.25 pt hairlines; the table's outer top and bottom border a double rule (two 0.5 pt rectangles with
  a 1.5 pt gap) on every page; **no outer left and right border**;
* **shading**: a light grey rectangle behind the header row, and the 事项类别 cells of every third category
  group shaded light yellow-grey (filled rectangles as large as cells, which are no borders);
* **merged 事项类别 cells**: consecutive rows of one category form one cell, with no border between those rows
  in that column and the category printed once, vertically centred in the part of the merged cell on the page
  where it starts; where the merge runs over a page break, its continuation below the repeated header is empty;
* **rows split across pages**: the remaining lines of every cell continue on the next page below the repeated
  header row (the 序号 only in the first part);
* **line breaking by hand**: each paragraph of a cell starts a new line; lines are broken character by character
  for CJK (ASCII words kept whole), left-aligned (not justified), with the Chinese line-breaking rules (禁则):
  no line starts with a closing mark or a pause (、，。；：？！）》”’」』】%,.;:?!) — the last character of the
  line above moves down with it, so that line ends short — and no line ends with an opening mark (（《“‘「『【);
* footer ``N/M`` (page / pages) centred at the bottom of every page.

Font WenQuanYi Micro Hei (subset embedded, real text); cells 9 pt on 13 pt, header 9.5 pt, padding 4 pt;
A4 landscape; column widths as in the reportlab fixture. ``invariant=1``: the same bytes on every run.

Run from the project root::

    .venv/bin/python tools/make_drawn_fixture.py                 # writes the fixture
    .venv/bin/python tools/make_drawn_fixture.py --kinsoku 5     # and shows 5 lines the 禁则 rule ended short

Inputs (through ``tools/make_pdf_fixtures.py``): ``tests/golden/{basic,cooperative,withdrawn}.json`` and, for the
preface, ``raw/000_0308d53cfc65b0ad.txt``. Needs reportlab and fonts-wqy-microhei.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_pdf_fixtures import TABLES, load_preface, load_rows  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "pdf" / "print" / "wps_rects.pdf"

FONT = "WenQuanYiMicroHei"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
ASCENT, DESCENT = 0.765, 0.240  # of WenQuanYi Micro Hei, per em

PAGE_W, PAGE_H = landscape(A4)
LEFT, RIGHT, TOP, BOTTOM = 18 * mm, 18 * mm, 16 * mm, 20 * mm
FOOTER_Y, FOOTER_SIZE = 10 * mm, 9

PREFACE_TITLE, PREFACE_TITLE_LEADING = 20, 30
PREFACE_HEADING, PREFACE_BODY, PREFACE_LEADING = 13, 12, 20
TABLE_TITLE, TABLE_TITLE_LEADING, TABLE_TITLE_AFTER = 17, 27, 6

CELL, CELL_LEADING = 9, 13
HEADER, HEADER_LEADING = 9.5, 13
PAD = 4

RULE = 0.5  # inner borders and each line of the double rules
HAIRLINE = 0.25  # the vertical borders right of 事项名称 and of the later columns
DOUBLE_GAP = 1.5  # between the two lines of the outer top and bottom rule
DOUBLE = 2 * RULE + DOUBLE_GAP  # the height of a double rule

BLACK = (0, 0, 0)
HEADER_FILL = (0.851, 0.851, 0.851)  # D9D9D9
CATEGORY_FILL = (0.937, 0.925, 0.847)  # light yellow-grey, every third category group

# column widths in mm; each table uses the full text width (297 - 36 = 261 mm)
COLUMNS_MM = {
    "basic": (16, 42, 203),
    "cooperative": (12, 22, 36, 40, 89, 62),
    "withdrawn": (14, 30, 72, 145),
}
SEQ, CATEGORY, NAME = 0, 1, 2  # the columns 序号, 事项类别, 事项名称

# Chinese line-breaking rules (禁则)
NO_START = frozenset("、，。；：？！）》”’」』】%,.;:?!)")
NO_END = frozenset("（《“‘「『【")

_TOKEN = re.compile(r"[!-~]+| +|.", re.DOTALL)  # an ASCII word, a run of spaces, or one other character


# ------------------------------------------------------------------------------------------ line breaking


def width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _tokens(text: str, size: float, limit: float) -> list[str]:
    """The breakable units of a paragraph; an ASCII word wider than a whole line is cut into its characters."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if len(tok) > 1 and not tok.isspace() and width(tok, size) > limit:
            out.extend(tok)
        else:
            out.append(tok)
    return out


def _bad_break(toks: list[str], start: int, k: int) -> bool:
    """Whether breaking before toks[k] would start the next line or end this one against the 禁则 rules."""
    nxt = next((t for t in toks[k:] if not t.isspace()), None)
    prev = next((t for t in reversed(toks[start:k]) if not t.isspace()), None)
    return (nxt is not None and nxt[0] in NO_START) or (prev is not None and prev[-1] in NO_END)


def wrap(text: str, size: float, limit: float, indent: float = 0.0, short: list | None = None) -> list[str]:
    """The lines of one paragraph in a column `limit` points wide (the first line indented by `indent`).

    Greedy, character by character for CJK, ASCII words kept whole, spaces allowed to hang past the edge. When the
    break would put a forbidden character at the start of the next line (or an opening mark at the end of this
    one), the break moves back until it is allowed, so this line ends short. `short` collects the line numbers
    whose break was moved back.
    """
    toks = _tokens(text, size, limit)
    lines: list[str] = []
    i = 0
    while i < len(toks):
        if lines:
            while i < len(toks) and toks[i].isspace():
                i += 1  # no spaces at the start of a continuation line
            if i == len(toks):
                break
        avail = limit - (indent if not lines else 0.0)
        used, j = 0.0, i
        while j < len(toks):
            w = width(toks[j], size)
            if used + w > avail + 1e-6 and not toks[j].isspace() and j > i:
                break
            used += w
            j += 1
        k = j
        if j < len(toks):
            while k > i + 1 and _bad_break(toks, i, k):
                k -= 1
            if _bad_break(toks, i, k):
                k = j  # cannot be helped (the whole line is forbidden marks): break where it ran full
            elif k != j and short is not None:
                short.append(len(lines))
        lines.append("".join(toks[i:k]).rstrip(" "))
        i = k
    return lines or [""]


def wrap_cell(text: str, size: float, limit: float, short: list | None = None) -> list[str]:
    """Every paragraph ('\\n'-separated) of a cell starts a new line."""
    lines: list[str] = []
    for para in text.split("\n"):
        marks: list[int] = []
        part = wrap(para, size, limit, short=marks)
        if short is not None:
            short.extend((part[m], part[m + 1]) for m in marks)
        lines.extend(part)
    return lines


def baseline(line_top: float, leading: float, size: float) -> float:
    """The baseline of a line whose box (`leading` high) starts at `line_top`: the glyph box centred in it."""
    return line_top - (leading - (ASCENT + DESCENT) * size) / 2 - ASCENT * size


# ---------------------------------------------------------------------------------------------- pages


@dataclass
class Page:
    """What is drawn on one page, in drawing order; rendered once the page count is known."""

    ops: list[tuple] = field(default_factory=list)

    def text(self, x: float, y: float, s: str, size: float) -> None:
        if s:
            self.ops.append(("text", x, y, s, size))

    def rect(self, x: float, y: float, w: float, h: float, color=BLACK) -> None:
        self.ops.append(("rect", x, y, w, h, color))

    def hrule(self, x0: float, x1: float, y: float, thick: float = RULE) -> None:
        """A horizontal border segment centred on y."""
        self.rect(x0, y - thick / 2, x1 - x0, thick)

    def vrule(self, x: float, y0: float, y1: float, thick: float = RULE) -> None:
        """A vertical border segment centred on x, from y0 (bottom) to y1 (top)."""
        self.rect(x - thick / 2, y0, thick, y1 - y0)

    def double(self, x0: float, x1: float, y: float, outward: int) -> None:
        """The outer top (outward=+1) or bottom (-1) double rule of one cell; its inner line centred on y."""
        self.hrule(x0, x1, y)
        self.hrule(x0, x1, y + outward * (RULE + DOUBLE_GAP))


class Document:
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.page = self.new_page()

    def new_page(self) -> Page:
        self.page = Page()
        self.pages.append(self.page)
        return self.page

    def render(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        c = rl_canvas.Canvas(str(target), pagesize=(PAGE_W, PAGE_H), invariant=1)
        c.setTitle("哈拉奇乡履职事项清单")
        c.setAuthor("哈拉奇乡")
        c.setCreator("tools/make_drawn_fixture.py")
        total = len(self.pages)
        for number, page in enumerate(self.pages, 1):
            fill, font = None, None
            for op in page.ops:
                if op[0] == "rect":
                    _, x, y, w, h, color = op
                    if color != fill:
                        c.setFillColorRGB(*color)
                        fill = color
                    c.rect(x, y, w, h, fill=1, stroke=0)
                else:
                    _, x, y, s, size = op
                    if fill != BLACK:
                        c.setFillColorRGB(*BLACK)
                        fill = BLACK
                    if font != size:
                        c.setFont(FONT, size)
                        font = size
                    c.drawString(x, y, s)
            c.setFillColorRGB(*BLACK)
            c.setFont(FONT, FOOTER_SIZE)
            c.drawCentredString(PAGE_W / 2, FOOTER_Y, f"{number}/{total}")
            c.showPage()
        c.save()


# -------------------------------------------------------------------------------------------- preface


def draw_preface(doc: Document, preface: tuple[str, list[tuple[str, str]]], short: list) -> None:
    title, paragraphs = preface
    text_w = PAGE_W - LEFT - RIGHT
    y = PAGE_H - TOP
    doc.page.text(
        (PAGE_W - width(title, PREFACE_TITLE)) / 2,
        baseline(y, PREFACE_TITLE_LEADING, PREFACE_TITLE),
        title,
        PREFACE_TITLE,
    )
    y -= PREFACE_TITLE_LEADING + 8
    for kind, para in paragraphs:
        size = PREFACE_HEADING if kind == "heading" else PREFACE_BODY
        if kind == "heading":
            y -= 4
        marks: list[int] = []
        lines = wrap(para, size, text_w, indent=2 * PREFACE_BODY, short=marks)
        short.extend((lines[m], lines[m + 1]) for m in marks)
        for n, line in enumerate(lines):
            if y - PREFACE_LEADING < BOTTOM:
                doc.new_page()
                y = PAGE_H - TOP
            x = LEFT + (2 * PREFACE_BODY if n == 0 else 0)
            doc.page.text(x, baseline(y, PREFACE_LEADING, size), line, size)
            y -= PREFACE_LEADING


# --------------------------------------------------------------------------------------------- tables


@dataclass
class Row:
    lines: list[list[str]]  # per column; the 事项类别 column's are the group's
    group: int
    extra: float = 0.0  # added to the last part, when the merged category needs more room than its rows

    @property
    def count(self) -> int:
        return max(len(cell) for col, cell in enumerate(self.lines) if col != CATEGORY)


@dataclass
class Part:
    """The piece of a row on one page: lines [start, end) of every cell, between top and bottom."""

    row: int
    top: float
    bottom: float
    start: int
    end: int


class TableLayout:
    def __init__(self, key: str, title: str, header: tuple[str, ...], cells: list[list[str]], short: list) -> None:
        self.key, self.title = key, title
        self.xs = [LEFT]
        for w in COLUMNS_MM[key]:
            self.xs.append(self.xs[-1] + w * mm)
        self.inner = [self.xs[c + 1] - self.xs[c] - 2 * PAD for c in range(len(header))]
        self.header = [wrap_cell(h, HEADER, self.inner[c]) for c, h in enumerate(header)]
        self.header_h = max(len(h) for h in self.header) * HEADER_LEADING + 2 * PAD
        self.rows: list[Row] = []
        self.groups: list[tuple[int, int, list[str]]] = []  # (first row, last row, category lines)
        for category, members in groupby(cells, key=lambda r: r[CATEGORY]):
            members = list(members)
            first, g = len(self.rows), len(self.groups)
            for r in members:
                lines = [wrap_cell(t, CELL, self.inner[c], short) if c != CATEGORY else [] for c, t in enumerate(r)]
                self.rows.append(Row(lines, g))
            cat_lines = wrap_cell(category, CELL, self.inner[CATEGORY], short)
            self.groups.append((first, len(self.rows) - 1, cat_lines))
            need = len(cat_lines) * CELL_LEADING + 2 * PAD
            have = sum(self.row_height(self.rows[i]) for i in range(first, len(self.rows)))
            if have < need:
                self.rows[-1].extra = need - have

    @staticmethod
    def row_height(row: Row, start: int = 0) -> float:
        return (row.count - start) * CELL_LEADING + 2 * PAD + row.extra

    @staticmethod
    def vthick(col: int) -> float:
        """The weight of the vertical border right of column `col`: hairlines right of 事项名称 and later."""
        return HAIRLINE if col >= NAME else RULE

    # -- pagination

    def lay_out(self, doc: Document) -> None:
        top = self.start_page(doc, first=True)
        y, parts = top, []
        floor_y = BOTTOM + RULE / 2 + DOUBLE  # the bottom double rule stays inside the margin
        for index, row in enumerate(self.rows):
            start = 0
            while True:
                space = y - floor_y
                need = self.row_height(row, start)
                if need <= space + 1e-6:
                    parts.append(Part(index, y, y - need, start, row.count))
                    y -= need
                    break
                fit = math.floor((space - 2 * PAD) / CELL_LEADING + 1e-6)
                if fit >= row.count - start:  # all lines fit, only the merge's extra room does not
                    parts.append(Part(index, y, floor_y, start, row.count))
                    y = floor_y
                    break
                if fit >= 1:
                    height = fit * CELL_LEADING + 2 * PAD
                    parts.append(Part(index, y, y - height, start, start + fit))
                    start += fit
                self.draw_page(doc.page, top, parts)
                doc.new_page()
                top = self.start_page(doc, first=False)
                y, parts = top, []
        self.draw_page(doc.page, top, parts)

    def start_page(self, doc: Document, first: bool) -> float:
        """Title (on the first page) and room for the header; the top of the first row below it."""
        y = PAGE_H - TOP
        if first:
            doc.page.text(
                (PAGE_W - width(self.title, TABLE_TITLE)) / 2,
                baseline(y, TABLE_TITLE_LEADING, TABLE_TITLE),
                self.title,
                TABLE_TITLE,
            )
            y -= TABLE_TITLE_LEADING + TABLE_TITLE_AFTER
        self._table_top = y - DOUBLE + RULE / 2  # the centre of the inner line of the top double rule
        return self._table_top - self.header_h

    # -- drawing

    def draw_page(self, page: Page, header_bottom: float, parts: list[Part]) -> None:
        xs, n = self.xs, len(self.inner)
        top = self._table_top
        # header row: shading, text centred both ways, borders
        page.rect(xs[0], header_bottom, xs[-1] - xs[0], top - header_bottom, HEADER_FILL)
        for c, lines in enumerate(self.header):
            y = top - (self.header_h - len(lines) * HEADER_LEADING) / 2
            for k, line in enumerate(lines):
                x = xs[c] + (xs[c + 1] - xs[c] - width(line, HEADER)) / 2
                page.text(x, baseline(y - k * HEADER_LEADING, HEADER_LEADING, HEADER), line, HEADER)
        for c in range(n):
            page.double(xs[c], xs[c + 1], top, +1)
            page.hrule(xs[c], xs[c + 1], header_bottom)
            if c < n - 1:
                page.vrule(xs[c + 1], header_bottom, top, self.vthick(c))
        if not parts:
            return
        # the merged 事项类别 cells: the runs of parts of one group on this page
        spans = []
        for group, run in groupby(parts, key=lambda p: self.rows[p.row].group):
            run = list(run)
            spans.append((group, run[0], run[-1]))
        starting = {first.row: (g, first, last) for g, first, last in spans}  # by the row of their first part
        last_part = parts[-1]
        for part in parts:
            row = self.rows[part.row]
            bottom_of_page = part is last_part
            if part.row in starting:
                group, first, last = starting[part.row]
                self.draw_category(page, group, first, last, bottom_of_page=last is last_part)
            for c in range(n):
                if c == CATEGORY:
                    continue
                lines = row.lines[c][part.start : part.end]
                for k, line in enumerate(lines):
                    if c == SEQ:  # 序号 centred
                        x = xs[c] + (xs[c + 1] - xs[c] - width(line, CELL)) / 2
                    else:
                        x = xs[c] + PAD
                    page.text(x, baseline(part.top - PAD - k * CELL_LEADING, CELL_LEADING, CELL), line, CELL)
                if bottom_of_page:
                    page.double(xs[c], xs[c + 1], part.bottom, -1)
                else:
                    page.hrule(xs[c], xs[c + 1], part.bottom)
                if c < n - 1:
                    page.vrule(xs[c + 1], part.bottom, part.top, self.vthick(c))

    def draw_category(self, page: Page, group: int, first: Part, last: Part, bottom_of_page: bool) -> None:
        """One part of a merged 事项类别 cell: shading, the text (where the merge starts), its borders."""
        xs, c = self.xs, CATEGORY
        top, bottom = first.top, last.bottom
        first_row, _last_row, lines = self.groups[group]
        if group % 3 == 2:
            inset = RULE / 2
            page.rect(
                xs[c] + inset, bottom + inset, xs[c + 1] - xs[c] - 2 * inset, top - bottom - 2 * inset, CATEGORY_FILL
            )
        if first.row == first_row and first.start == 0:  # the page where the merge starts
            block = len(lines) * CELL_LEADING
            y = top - max(PAD, (top - bottom - block) / 2)
            for k, line in enumerate(lines):
                x = xs[c] + (xs[c + 1] - xs[c] - width(line, CELL)) / 2
                page.text(x, baseline(y - k * CELL_LEADING, CELL_LEADING, CELL), line, CELL)
        if bottom_of_page:
            page.double(xs[c], xs[c + 1], bottom, -1)
        else:
            page.hrule(xs[c], xs[c + 1], bottom)
        page.vrule(xs[c + 1], bottom, top, self.vthick(c))


# ----------------------------------------------------------------------------------------------- main


def build(target: Path, short: list) -> int:
    """Write the fixture; the number of pages."""
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))  # subset on embedding
    rows = load_rows()
    doc = Document()
    draw_preface(doc, load_preface(), short)
    for key, title, header in TABLES:
        doc.new_page()
        TableLayout(key, title, header, rows[key], short).lay_out(doc)
    doc.render(target)
    return len(doc.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"the PDF to write (default {OUT.relative_to(ROOT)})")
    parser.add_argument("--kinsoku", type=int, default=0, metavar="N", help="show N lines the 禁则 rule ended short")
    args = parser.parse_args(argv)
    short: list[tuple[str, str]] = []
    pages = build(args.out, short)
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"{shown}  {pages} pages  {args.out.stat().st_size:,} bytes  {len(short)} lines ended short by 禁则")
    for line, nxt in short[: args.kinsoku]:
        print(f"  {line}\n  {nxt}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
