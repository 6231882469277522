"""The PDF path on small synthetic pages: columns are mapped by their header labels, so a list
whose producer renamed or reordered columns gives the same records."""

from pipeline.extract import finish
from pipeline.core.lists import header_labels, segment_labels
from pipeline.readers.pdf.load import Glyph, PdfDocument, PdfPage, Rule
from pipeline.readers.pdf import read_loaded

SIZE = 10.0


def _text(text: str, x: float, top: float) -> list[Glyph]:
    return [Glyph(ch, x + i * SIZE, x + (i + 1) * SIZE, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def _table_page(number: int, title: str, widths: list[float], rows: list[list[str]]) -> PdfPage:
    """A title, then a fully ruled table: one band per row, text top-left in each cell."""
    glyphs = _text(title, 40, 20)
    edges = [30.0]
    for width in widths:
        edges.append(edges[-1] + width)
    tops = [50.0 + 30 * i for i in range(len(rows) + 1)]
    rules = [Rule(True, edges[0], edges[-1], y, y) for y in tops]
    rules += [Rule(False, x, x, tops[0], tops[-1]) for x in edges]
    for row, top in zip(rows, tops, strict=False):
        for cell, x in zip(row, edges, strict=False):
            glyphs += _text(cell, x + 2, top + 5)
    return PdfPage(number, 842.0, tuple(glyphs), tuple(rules))


def _document(basic_header, basic_rows, coop_header, coop_rows) -> PdfDocument:
    preface = PdfPage(1, 842.0, tuple(_text("说明", 40, 20)), ())
    withdrawn = [
        ["序号", "事项类别", "事项名称", "承接部门及工作方式"],
        ["1", "民生服务", "医疗救助待遇审批", "县医疗保障局：负责审批。"],
    ]
    pages = (
        preface,
        _table_page(2, "基本履职事项清单", [40, 220, 90], [basic_header, *basic_rows]),
        _table_page(3, "配合履职事项清单", [40, 90, 110, 90, 200, 160], [coop_header, *coop_rows]),
        _table_page(4, "上级部门收回事项清单", [40, 90, 170, 300], withdrawn),
    )
    return PdfDocument("synthetic.pdf", "0" * 64, pages)


COOP_ROW = ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"]


def test_renamed_and_reordered_columns_map_by_label():
    doc = _document(
        ["序号", "事项名称", "事项类别"],  # reordered: name before category
        [["1", "做好档案管理工作", "综合政务"]],
        ["序号", "事项类别", "事项名称", "配合部门", "部门职责", "乡镇职责"],  # another township's names
        [COOP_ROW],
    )
    records = finish(read_loaded(doc)).edition.records
    basic = records["basic"][0]
    assert (basic["seq"], basic["category"], basic["name"]) == (1, "综合政务", "做好档案管理工作")
    coop = records["cooperative"][0]
    assert coop["departments"] == ["县委组织部"]
    assert coop["upstream_duties"] == "县委组织部："
    assert coop["township_duties"] == "1.参加培训。"
    assert records["withdrawn"][0]["handler_departments"] == ["县医疗保障局"]


def test_header_labels_are_data():
    assert segment_labels("对应上级部门上级部门职责乡配合职责") == ["对应上级部门", "上级部门职责", "乡配合职责"]
    assert segment_labels("序号事项类别事项名称备注") is None
    from pipeline.spec import LISTS

    basic = LISTS[0]
    assert header_labels("序号事项名称事项类别", basic) == ("序号", "事项名称", "事项类别")
    assert header_labels("序号事项类别", basic) is None  # a column missing
    assert header_labels("序号事项类别事项名称事项名称", basic) is None  # a column twice
