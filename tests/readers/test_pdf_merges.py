"""Cells merged over several rows, on synthetic pages: told from the rules that do not cross a column
between rows; given to every row they span, with where they were printed; joined over a page break
only in a column the table merges."""

from dataclasses import replace

import numpy as np

from pipeline.extract import finish
from pipeline.readers.pdf import read_loaded
from pipeline.readers.pdf.load import PdfDocument, PdfPage
from tests.readers.pdf_pages import synthetic_document, table_page, text_glyphs

_XY = ("x0", "x1", "top", "bottom")
BASIC_HEADER = ["序号", "事项类别", "事项名称"]
COOP_HEADER = ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"]
COOP_WIDTHS = [40, 90, 110, 90, 200, 160]
BASIC_WIDTHS = [40, 90, 300]


def _document(basic_rows, basic_merged=frozenset(), coop_rows=None, coop_merged=frozenset(), more=()) -> PdfDocument:
    doc = synthetic_document(BASIC_HEADER, basic_rows, COOP_HEADER, coop_rows or [])
    pages = list(doc.pages)
    pages[1] = table_page(2, "基本履职事项清单", BASIC_WIDTHS, [BASIC_HEADER, *basic_rows], basic_merged)
    if coop_rows:
        pages[2] = table_page(3, "配合履职事项清单", COOP_WIDTHS, [COOP_HEADER, *coop_rows], coop_merged)
    pages[2:2] = more  # the basic table goes on over these pages
    numbered = [PdfPage(n, p.width, p.glyphs, p.rules) for n, p in enumerate(pages, start=1)]
    return PdfDocument("merged.pdf", "0" * 64, tuple(numbered))


def _records(doc):
    return finish(read_loaded(doc)).edition


def test_a_category_and_a_name_merged_over_rows():
    rows = [
        ["1", "党的建设", "做好党建工作"],
        ["2", "", "做好宣传工作"],
        ["3", "", "做好组织工作"],
        ["4", "经济发展", "统计"],
    ]
    coop = [
        ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"],
        ["2", "党的建设", "", "县委组织部", "县委组织部：", "1.推荐人选。"],
    ]
    # basic rows 2 and 3 continue row 1's category; cooperative row 2 continues row 1's name
    edition = _records(_document(rows, frozenset({(2, 1), (3, 1)}), coop, frozenset({(2, 2)})))
    basic = edition.records["basic"]
    assert [r["category"] for r in basic] == ["党的建设", "党的建设", "党的建设", "经济发展"]
    assert basic[2]["source"]["merged"] == [{"cell": "category", "printed_in": 1, "first": 1, "last": 3}]
    assert basic[3]["source"]["merged"] == []
    cooperative = edition.records["cooperative"]
    assert [r["name"] for r in cooperative] == ["党内统计工作", "党内统计工作"]
    assert cooperative[1]["source"]["merged"] == [{"cell": "name", "printed_in": 1, "first": 1, "last": 2}]
    assert [
        c.name for c in edition.checks if c.status == "fail"
    ] == []  # conservation counts the merged text once a row


def test_a_merged_department_cell():
    coop = [
        ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"],
        ["2", "党的建设", "党员发展工作", "", "县委组织部：", "1.推荐人选。"],
    ]
    edition = _records(_document([["1", "综合政务", "档案管理"]], coop_rows=coop, coop_merged=frozenset({(2, 3)})))
    assert [r["departments"] for r in edition.records["cooperative"]] == [["县委组织部"], ["县委组织部"]]


def test_a_merged_cell_over_a_page_break_joins_only_where_the_table_merges():
    first = [["1", "党的建设", "做好党建工作"], ["2", "", "做好宣传工作"]]
    next_page = table_page(3, "", BASIC_WIDTHS, [BASIC_HEADER, ["3", "", "做好组织工作"], ["4", "经济发展", "统计"]])
    merged = _records(_document(first, frozenset({(2, 1)}), more=[next_page]))
    assert [r["category"] for r in merged.records["basic"]] == ["党的建设"] * 3 + ["经济发展"]
    # the same page break in a table that merges no category: the empty cell stays empty, and says so
    plain = _records(
        _document([["1", "党的建设", "做好党建工作"], ["2", "党的建设", "做好宣传工作"]], more=[next_page])
    )
    assert plain.records["basic"][2]["category"] == ""
    assert next(c for c in plain.checks if c.name == "mandatory_cells").status == "fail"


def test_a_merged_cell_over_a_page_break_joins_when_the_rules_are_numpy_numbers():
    """A scan's rules are measured in numpy: its comparisons give numpy bools (once, no merge was
    joined over a page break in a scan)."""
    first = [["1", "党的建设", "做好党建工作"], ["2", "", "做好宣传工作"]]
    next_page = table_page(3, "", BASIC_WIDTHS, [BASIC_HEADER, ["3", "", "做好组织工作"], ["4", "经济发展", "统计"]])
    doc = _document(first, frozenset({(2, 1)}), more=[next_page])
    numpy_rules = [
        PdfPage(
            p.number,
            p.width,
            p.glyphs,
            tuple(replace(r, **{f: np.float64(getattr(r, f)) for f in _XY}) for r in p.rules),
        )
        for p in doc.pages
    ]
    merged = _records(replace(doc, pages=tuple(numpy_rules)))
    assert [r["category"] for r in merged.records["basic"]] == ["党的建设"] * 3 + ["经济发展"]


def test_a_two_level_header_maps_by_its_lower_labels():
    doc = synthetic_document(BASIC_HEADER, [["1", "综合政务", "档案管理"]], COOP_HEADER, [])
    glyphs = text_glyphs("配合履职事项清单", 40, 20)
    edges = [30.0]
    for width in COOP_WIDTHS:
        edges.append(edges[-1] + width)
    upper = ["序号", "事项类别", "事项名称", "", "", "乡配合职责"]
    lower = ["", "", "", "部门名称", "部门职责", ""]
    row = ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"]
    for cells, top in ((upper, 55), (lower, 85), (row, 115)):
        for cell, x in zip(cells, edges, strict=False):
            glyphs += text_glyphs(cell, x + 2, top)
    glyphs += text_glyphs("上级部门", edges[3] + 100, 55)  # centred over its two columns
    from pipeline.readers.pdf.load import Rule

    rules = [Rule(True, edges[0], edges[-1], y, y) for y in (50, 110, 140)]
    rules += [Rule(True, edges[3], edges[5], 80, 80)]  # under 上级部门 only
    rules += [Rule(False, x, x, 50, 140) for i, x in enumerate(edges) if i != 4]
    rules += [Rule(False, edges[4], edges[4], 80, 140)]
    page = PdfPage(3, 842.0, tuple(glyphs), tuple(rules))
    pages = list(doc.pages)
    pages[2] = page
    edition = _records(PdfDocument("two-level.pdf", "0" * 64, tuple(pages)))
    coop = edition.records["cooperative"]
    assert (coop[0]["departments"], coop[0]["upstream_duties"]) == (["县委组织部"], "县委组织部：")
    assert next(c for c in edition.checks if c.name == "layout").status == "pass"
