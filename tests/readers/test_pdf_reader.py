"""The PDF reader end to end: fixture PDFs of the seed edition from two producers give the golden
records; the text pdfminer makes of them is rebuilt exactly or fails loudly; renamed and reordered
columns map by label."""

import json

import pytest

from pipeline.cli import main
from pipeline.extract import extract, finish
from pipeline.readers.pdf import read_loaded
from tests.helpers import FIXTURES, GOLDEN_RECORDS, PDFS, TABLES, content
from tests.readers.pdf_pages import synthetic_document

TEXTS = sorted(FIXTURES.glob("*.txt"))


def test_fixtures_cover_two_producers_and_a_table_without_vertical_rules():
    names = {p.stem for p in PDFS}
    assert {"reportlab_grid", "libreoffice_grid", "libreoffice_hrules"} <= names
    assert {p.stem for p in TEXTS} == names


@pytest.fixture(scope="module", params=PDFS, ids=lambda p: p.stem)
def pdf_extraction(request):
    return extract(request.param)


def test_pdf_records_equal_golden(pdf_extraction):
    records = pdf_extraction.edition.records
    for table in TABLES:
        assert len(records[table]) == len(GOLDEN_RECORDS[table])
        for got, want in zip(records[table], GOLDEN_RECORDS[table], strict=True):
            assert content(got) == content(want), f"{table} {want['seq']}"


def test_pdf_checks_pass_and_provenance_is_boxes(pdf_extraction):
    failed = [c.name for c in pdf_extraction.edition.checks if c.status == "fail"]
    assert failed == []
    row76 = pdf_extraction.edition.records["cooperative"][75]["source"]
    assert len(row76["pages"]) >= 3  # the five-page row of the text is split over pages here too
    assert sorted({box["page"] for box in row76["boxes"]}) == row76["pages"]
    cells = {box["cell"] for box in row76["boxes"]}
    assert cells == {"seq", "category", "name", "departments", "upstream_duties", "township_duties"}
    assert row76["first_line"] is None


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_extracted_text_is_rebuilt_exactly_or_fails_loudly(text, tmp_path):
    out = tmp_path / "out"
    status = main(["build", str(text), "--out", str(out)])
    if status == 0:
        for table in TABLES:
            got = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
            assert [content(r) for r in got] == [content(r) for r in GOLDEN_RECORDS[table]]
    else:  # a list in another shape: a failed check names what did not fit, the dataset is not passed
        assert status == 1
        checks = json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]
        assert any(c["status"] == "fail" and c["details"] for c in checks)


COOP_ROW = ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：", "1.参加培训。"]


def test_renamed_and_reordered_columns_map_by_label():
    doc = synthetic_document(
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
