"""One policy for every reader: a document with no list, a list missing or titled twice is not such a
list (exit status 2, nothing written); a list whose table does not fit is a failed `layout` check
(exit status 1, the outputs written, that table empty)."""

import dataclasses

import pytest

from pipeline.cli import main
from pipeline.core.lists import list_order
from pipeline.extract import finish
from pipeline.model import InputError
from pipeline.readers.pdf import read_loaded
from pipeline.readers.pdf.load import PdfPage
from tests.helpers import checks_of, records_of, write_lines
from tests.readers.pdf_pages import synthetic_document, table_page, text_glyphs

BASIC_HEADER = ["序号", "事项类别", "事项名称"]
COOP_HEADER = ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"]
BASIC_ROW = ["1", "综合政务", "做好档案管理工作"]
COOP_ROW = ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"]


def _pdf(**pages) -> object:
    """The synthetic document with pages replaced, dropped (None) or added, by number."""
    doc = synthetic_document(BASIC_HEADER, [BASIC_ROW], COOP_HEADER, [COOP_ROW])
    numbered = {str(page.number): page for page in doc.pages} | pages
    return dataclasses.replace(doc, pages=tuple(page for _, page in sorted(numbered.items()) if page))


# ---------------------------------------------------------------- the text reader


def _text_build(tmp_path, lines):
    out = tmp_path / "out"
    return main(["build", str(write_lines(tmp_path, lines)), "--out", str(out)]), out


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda lines: ["这是一份会议纪要，不是履职事项清单。"], "not a 履职事项清单"),
        (lambda lines: lines[: lines.index(" 上级部门收回事项清单")], "missing table: 上级部门收回事项清单"),
        (lambda lines: lines + [" 配合履职事项清单"], "second title"),
    ],
    ids=["no list", "a list missing", "a list twice"],
)
def test_text_not_such_a_list_exits_2_and_writes_nothing(tmp_path, capsys, seed_lines, edit, says):
    status, out = _text_build(tmp_path, edit(list(seed_lines)))
    assert status == 2 and says in capsys.readouterr().err
    assert not out.exists()


def test_text_a_table_that_does_not_fit_fails_layout_and_is_written(tmp_path, seed_lines):
    lines = list(seed_lines)
    header = lines.index("序号 事项类别 事项名称")  # the basic table's header
    lines[header] = "序号 事项类别 备注说明"
    status, out = _text_build(tmp_path, lines)
    assert status == 1
    checks = checks_of(out)
    assert checks["layout"]["status"] == "fail" and checks["layout"]["findings"][0]["list"] == "basic"
    records = records_of(out)
    assert records["basic"] == [] and len(records["cooperative"]) == 121


# ---------------------------------------------------------------- the PDF reader


@pytest.mark.parametrize(
    ("pages", "says"),
    [
        ({"2": None, "3": None, "4": None}, "not a 履职事项清单"),
        ({"4": None}, "missing table: 上级部门收回事项清单"),
        ({"5": table_page(5, "基本履职事项清单", [40, 220, 90], [BASIC_HEADER, BASIC_ROW])}, "second title"),
    ],
    ids=["no list", "a list missing", "a list twice"],
)
def test_pdf_not_such_a_list_is_refused(pages, says):
    with pytest.raises(InputError, match=says):
        read_loaded(_pdf(**pages))


@pytest.mark.parametrize(
    ("page", "says"),
    [
        (
            table_page(2, "基本履职事项清单", [40, 220, 90], [["序号", "事项类别", "备注说明"], BASIC_ROW]),
            "no column can be its 事项名称 (header as printed: 序号 | 事项类别 | 备注说明)",
        ),
        (
            PdfPage(2, 842.0, tuple(text_glyphs("基本履职事项清单", 40, 20) + text_glyphs("1 综合政务", 40, 60)), ()),
            "no ruled rows",
        ),
    ],
    ids=["unknown header", "no rules"],
)
def test_pdf_a_table_that_does_not_fit_fails_layout(page, says):
    edition = finish(read_loaded(_pdf(**{"2": page}))).edition
    layout = next(c for c in edition.checks if c.name == "layout")
    assert layout.status == "fail" and says in layout.findings[0].text and layout.findings[0].list == "basic"
    assert edition.records["basic"] == [] and len(edition.records["cooperative"]) == 1


def test_list_order_is_the_one_guard():
    assert list_order({"withdrawn": 3, "basic": 1, "cooperative": 2}) == ["basic", "cooperative", "withdrawn"]
    with pytest.raises(InputError, match="missing table: 配合履职事项清单"):
        list_order({"basic": 1, "withdrawn": 2})


# ---------------------------------------------------------------- files of cells (Word, Excel, web pages)


def test_cells_a_list_missing_is_refused(tmp_path, capsys):
    from tests.readers.test_cell_layouts import page, tables

    path = tmp_path / "two.html"
    path.write_text(page(tables().split("<h2>上级部门收回事项清单</h2>")[0]), encoding="utf-8")
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "missing table: 上级部门收回事项清单" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cells_a_table_that_does_not_fit_fails_layout_and_is_written(tmp_path):
    from tests.readers.test_cell_layouts import page, tables

    path = tmp_path / "header.html"
    path.write_text(page(tables().replace("<td>事项名称</td></tr>", "<td>备注说明</td></tr>", 1)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out)]) == 1
    checks = checks_of(out)
    assert checks["layout"]["status"] == "fail" and checks["layout"]["findings"][0]["list"] == "basic"
    records = records_of(out)
    assert records["basic"] == [] and len(records["cooperative"]) == 1
