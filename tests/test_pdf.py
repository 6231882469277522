"""The PDF path: fixture PDFs of the seed edition from two producers give the golden records;
the text pdfminer makes of them is either rebuilt exactly or fails loudly; bad PDFs are refused."""

import json
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.cli import main

from .conftest import GOLDEN

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
PDFS = sorted(FIXTURES.glob("*.pdf"))
TEXTS = sorted(FIXTURES.glob("*.txt"))
TABLES = ("basic", "cooperative", "withdrawn")
GOLDEN_RECORDS = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}


def _content(record: dict) -> dict:
    """A record's reviewed fields: without its provenance, which differs by nature between text
    and PDF, and without the derived keywords the golden files do not hold."""
    return {k: v for k, v in record.items() if k not in ("source", "keywords")}


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
            assert _content(got) == _content(want), f"{table} {want['seq']}"


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
            assert [_content(r) for r in got] == [_content(r) for r in GOLDEN_RECORDS[table]]
    else:  # a list in another shape: a failed check names what did not fit, the dataset is not passed
        assert status == 1
        checks = json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]
        assert any(c["status"] == "fail" and c["details"] for c in checks)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scanned.pdf", "no text layer: run OCR first"),
        ("encrypted.pdf", "encrypted PDF"),
        ("truncated.pdf", "corrupt or truncated PDF"),
        ("not_a_list.pdf", "not a 履职事项清单"),
    ],
)
def test_bad_pdf_exits_2_with_one_line_and_writes_nothing(name, message, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "bad" / name), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_pdf_build_outputs_match_the_schemas(tmp_path):
    import jsonschema
    import pyarrow.parquet as pq

    from pipeline.outputs.schema import arrow_schema, json_schema

    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "reportlab_grid.pdf"), "--out", str(out)]) == 0
    for table in TABLES:
        records = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        jsonschema.validate(records, json_schema(table))
        assert pq.read_table(out / f"{table}.parquet").schema.remove_metadata() == arrow_schema(table)
    edition = json.loads((out / "edition.json").read_text(encoding="utf-8"))
    jsonschema.validate(edition, json_schema("edition"))
    assert edition["source"]["encoding"] == "pdf"


def test_pages_read_in_parallel_equal_pages_read_in_one_process():
    from pipeline.readers.pdf.load import load_pdf

    pdf = FIXTURES / "libreoffice_hrules.pdf"
    assert load_pdf(pdf, jobs=1) == load_pdf(pdf, jobs=2)
