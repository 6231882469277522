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


def test_fixtures_cover_the_producers_and_their_drawing():
    names = {p.stem for p in PDFS}
    assert {"reportlab_grid", "libreoffice_grid", "libreoffice_hrules"} <= names  # two producers, no vertical rules
    assert {"word_merged", "word_rotated", "wps_rects"} <= names  # as county offices print them
    assert {p.stem for p in TEXTS} == {p.stem for p in PDFS if p.parent == FIXTURES}


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
    cells = {box["cell"] for box in row76["boxes"]} | {m["cell"] for m in row76["merged"]}  # printed here or merged
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


def _breaks_inside_words(records: dict) -> int:
    """Line breaks the PDF's cells hold where the reviewed records have none (or lack where they have
    one): a break inside a word, or a paragraph run together."""
    count = 0
    for table in TABLES:
        for got, want in zip(records[table], GOLDEN_RECORDS[table], strict=True):
            for field, value in want.items():
                if isinstance(value, str) and "\n" in value + got.get(field, ""):
                    mine = [i for i, ch in enumerate(got[field].replace("\n", "|")) if ch == "|"]
                    theirs = [i for i, ch in enumerate(value.replace("\n", "|")) if ch == "|"]
                    count += len(set(mine) ^ set(theirs))
    return count


def test_no_line_break_falls_inside_a_word(pdf_extraction):
    assert _breaks_inside_words(pdf_extraction.edition.records) == 0


def test_the_same_edition_in_another_form_diffs_to_nothing(pdf_extraction, seed_extraction):
    from pipeline.editions import LoadedEdition
    from pipeline.editions.diff import diff_editions

    seed = seed_extraction.edition
    text = LoadedEdition("seed", seed.township, seed.county, seed.records)
    pdf = LoadedEdition("pdf", seed.township, seed.county, pdf_extraction.edition.records)
    assert diff_editions(text, pdf)["changed"] is False


def test_merged_cells_say_where_they_were_printed(pdf_extraction):
    """Every row a merged cell spans has its text; the spans follow the runs of equal cells."""
    for table, rows in pdf_extraction.edition.records.items():
        by_seq = {r["seq"]: r for r in rows}
        for record in rows:
            for merged in record["source"]["merged"]:
                assert merged["first"] <= record["seq"] <= merged["last"]
                assert merged["first"] <= merged["printed_in"] <= merged["last"]
                span = [by_seq[s][merged["cell"]] for s in range(merged["first"], merged["last"] + 1)]
                assert all(value == span[0] for value in span), (table, record["seq"], merged)


def test_word_merged_cells_over_page_breaks_sign_off_and_two_level_header():
    edition = extract(FIXTURES / "print" / "word_merged.pdf").edition
    merged = [m for r in edition.records["cooperative"] for m in r["source"]["merged"]]
    assert {m["cell"] for m in merged} == {"category", "departments"}
    pages = {r["seq"]: r["source"]["pages"] for r in edition.records["basic"]}
    spans = {(m["first"], m["last"]) for r in edition.records["basic"] for m in r["source"]["merged"]}
    assert any(pages[a][0] != pages[b][-1] for a, b in spans)  # a category merged over a page break
    assert edition.sign_off == {"lines": ["哈拉奇乡人民政府", "2025年3月20日"], "date": "2025年3月20日"}
    assert next(c for c in edition.checks if c.name == "pages").status == "pass"  # - 2 - … - 76 -, no cover number
