"""Synthetic PDF pages for the PDF reader's tests: glyphs and rules placed by hand."""

from pipeline.readers.pdf.load import Glyph, PdfDocument, PdfPage, Rule

SIZE = 10.0


def text_glyphs(text: str, x: float, top: float) -> list[Glyph]:
    return [Glyph(ch, x + i * SIZE, x + (i + 1) * SIZE, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def table_page(
    number: int, title: str, widths: list[float], rows: list[list[str]], merged: frozenset = frozenset()
) -> PdfPage:
    """A title, then a ruled table: one band per row, text top-left in each cell. `merged`: (row,
    column) pairs whose cell continues the cell above — no rule parts them (drawn cell by cell)."""
    glyphs = text_glyphs(title, 40, 20)
    edges = [30.0]
    for width in widths:
        edges.append(edges[-1] + width)
    tops = [50.0 + 30 * i for i in range(len(rows) + 1)]
    rules = [
        Rule(True, edges[c], edges[c + 1], y, y)
        for r, y in enumerate(tops)
        for c in range(len(widths))
        if (r, c) not in merged
    ]
    rules += [Rule(False, x, x, tops[0], tops[-1]) for x in edges]
    for row, top in zip(rows, tops, strict=False):
        for cell, x in zip(row, edges, strict=False):
            glyphs += text_glyphs(cell, x + 2, top + 5)
    return PdfPage(number, 842.0, tuple(glyphs), tuple(rules))


def synthetic_document(basic_header, basic_rows, coop_header, coop_rows, withdrawn=None) -> PdfDocument:
    """Four pages: a preface, then the three lists, each one page of a fully ruled table."""
    preface = PdfPage(1, 842.0, tuple(text_glyphs("说明", 40, 20)), ())
    withdrawn = withdrawn or [
        ["序号", "事项类别", "事项名称", "承接部门及工作方式"],
        ["1", "民生服务", "医疗救助待遇审批", "县医疗保障局：负责审批。"],
    ]
    pages = (
        preface,
        table_page(2, "基本履职事项清单", [40, 220, 90], [basic_header, *basic_rows]),
        table_page(3, "配合履职事项清单", [40, 90, 110, 90, 200, 160], [coop_header, *coop_rows]),
        table_page(4, "上级部门收回事项清单", [40, 90, 170, 300], withdrawn),
    )
    return PdfDocument("synthetic.pdf", "0" * 64, pages)
