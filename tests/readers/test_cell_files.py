"""Word, Excel and web-page editions end to end: every fixture form of the seed gives the golden
records with the line breaks its cells hold, passes the seed's checks, says where each cell was, and
diffs to nothing against the text and the PDF; the form is told by the content; bad files are refused
with one line and nothing written."""

import shutil

import pytest

from pipeline.cli import main
from pipeline.core.baseline import load_baseline, new_findings
from pipeline.editions import LoadedEdition
from pipeline.editions.diff import diff_editions
from pipeline.extract import extract
from pipeline.model import InputError
from pipeline.readers import convert
from pipeline.readers.forms import sniff
from tests.helpers import FIXTURES, GOLDEN, GOLDEN_RECORDS, OFFICE, TABLES, WEB, content, one_line
from tests.readers.office_files import auto_numbered

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) converts .doc/.wps")

WITH_PREFACE = [
    OFFICE / "word_merged.docx",
    OFFICE / "word_split.docx",
    OFFICE / "sheets.xlsx",
    OFFICE / "sheets.xls",
    OFFICE / "sheets.et",
    WEB / "county_site.html",
    pytest.param(OFFICE / "word_split.doc", marks=needs_soffice),
    pytest.param(OFFICE / "word_split.wps", marks=needs_soffice),
]
WITHOUT_PREFACE = [OFFICE / "one_sheet.xlsx", WEB / "utf8_colspan.html"]
FORMS = {"docx": "docx", "xlsx": "xlsx", "xls": "xls", "et": "xls", "html": "html", "doc": "doc", "wps": "doc"}


def _name(path) -> str:
    return path.name


@pytest.fixture(scope="module", params=WITH_PREFACE + WITHOUT_PREFACE, ids=_name)
def extraction(request):
    return extract(request.param)


def test_records_equal_golden_with_the_cells_line_breaks(extraction):
    records = extraction.edition.records
    for table in TABLES:
        assert [content(r) for r in records[table]] == [content(r) for r in GOLDEN_RECORDS[table]], table


def test_form_is_told_by_content(extraction):
    source = extraction.edition.source
    assert source.form == FORMS[source.name.rsplit(".", 1)[1]]


def test_no_check_fails_and_with_a_preface_the_seed_baseline_holds(extraction):
    edition = extraction.edition
    assert [c.name for c in edition.checks if c.status == "fail"] == []
    if edition.source.name not in {p.name for p in WITHOUT_PREFACE}:
        assert new_findings(edition, load_baseline(GOLDEN / "baseline.json")) == []
        assert (edition.township, edition.county) == ("哈拉奇乡", "阿合奇县")
    else:  # no preface: its statements are "not stated", never failures
        counts = next(c for c in edition.checks if c.name == "counts")
        assert counts.status == "warn" and all("states no count" in f.text for f in counts.findings)


def test_merged_cells_span_runs_of_equal_cells(extraction):
    for table, rows in extraction.edition.records.items():
        by_seq = {r["seq"]: r for r in rows}
        for record in rows:
            for merged in record["source"]["merged"] or []:
                assert merged["first"] <= record["seq"] <= merged["last"]
                span = [by_seq[s][merged["cell"]] for s in range(merged["first"], merged["last"] + 1)]
                assert all(value == span[0] for value in span), (table, record["seq"], merged)


def test_every_cell_says_where_it_is(extraction):
    form = extraction.edition.source.form
    for rows in extraction.edition.records.values():
        for record in rows:
            source = record["source"]
            assert source["pages"] == [] and source["first_line"] is None and source["boxes"] is None
            assert {ref["cell"] for ref in source["refs"]} <= set(record)
            assert all(("!" in ref["ref"]) == (form in ("xlsx", "xls")) for ref in source["refs"])


def test_provenance_names_the_sheet_and_cell():
    # sheets.xlsx: the title in row 1, the header in row 2, so row N of a list is sheet row N + 2
    record = extract(OFFICE / "sheets.xlsx").edition.records["cooperative"][4]
    refs = {ref["cell"]: ref["ref"] for ref in record["source"]["refs"]}
    assert refs["seq"] == "配合履职事项清单!A7"
    assert refs["township_duties"] == "配合履职事项清单!F7"
    category = next(m for m in record["source"]["merged"] if m["cell"] == "category")
    assert refs["category"] == f"配合履职事项清单!B{category['first'] + 2}"  # the merged range's top cell


def test_provenance_names_the_word_table_row_and_cell():
    record = extract(OFFICE / "word_split.docx").edition.records["basic"][0]
    refs = {ref["cell"]: ref["ref"] for ref in record["source"]["refs"]}
    assert refs["seq"] == "table 1 row 2 cell 1"  # the header in row 1
    assert refs["name"] == "table 1 row 2 cell 3"


def test_the_same_edition_in_every_form_diffs_to_nothing(seed_extraction):
    seed = seed_extraction.edition
    forms = [OFFICE / "word_split.docx", OFFICE / "one_sheet.xlsx", WEB / "county_site.html"]
    editions = [LoadedEdition("text", seed.township, seed.county, seed.records)]
    editions += [LoadedEdition(p.name, None, None, extract(p).edition.records) for p in forms]
    editions.append(LoadedEdition("pdf", None, None, extract(FIXTURES / "print" / "word_merged.pdf").edition.records))
    for i, old in enumerate(editions):
        for new in editions[i + 1 :]:
            assert diff_editions(old, new)["changed"] is False, (old.label, new.label)


def test_the_command_line_diff_of_two_forms_exits_0(tmp_path):
    assert main(["diff", str(OFFICE / "sheets.xlsx"), str(WEB / "county_site.html"), "--out", str(tmp_path)]) == 0


def test_word_automatic_numbering_is_computed_as_word_shows_it(tmp_path):
    numbered = tmp_path / "numbered.docx"
    assert auto_numbered(OFFICE / "word_split.docx", numbered) > 100
    edition = extract(numbered).edition
    for table in TABLES:
        assert [content(r) for r in edition.records[table]] == [content(r) for r in GOLDEN_RECORDS[table]], table
    reading = next(c for c in edition.checks if c.name == "reading")
    assert reading.status == "warn" and "numbered by Word itself" in reading.findings[0].text
    assert len(reading.findings) == 1  # every format known: none shown as 1, 2, 3 instead


@pytest.mark.parametrize("suffix", [".txt", ".bin", ""])
def test_a_misnamed_file_is_read_as_what_it_is(tmp_path, suffix):
    for original in (
        OFFICE / "word_split.docx",
        OFFICE / "sheets.xlsx",
        OFFICE / "sheets.xls",
        WEB / "county_site.html",
    ):
        renamed = tmp_path / f"{original.stem}{suffix}"
        shutil.copyfile(original, renamed)
        assert sniff(renamed) == FORMS[original.suffix[1:]]


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (OFFICE / "bad" / "damaged.docx", "damaged zip"),
        (OFFICE / "bad" / "damaged.xlsx", "damaged zip"),
        (OFFICE / "bad" / "password.xlsx", "protected by a password"),
        (OFFICE / "bad" / "no_list.docx", "not a 履职事项清单"),
        (OFFICE / "bad" / "no_list.xlsx", "not a 履职事项清单"),
        (WEB / "bad" / "no_list.html", "not a 履职事项清单"),
    ],
    ids=lambda value: value.name if hasattr(value, "name") else "",
)
def test_bad_files_exit_2_with_one_line_and_nothing_written(tmp_path, capsys, path, says):
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    one_line(err)
    assert says in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_page_whose_tables_hold_only_headers_fails_layout(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(WEB / "bad" / "empty_table.html"), "--out", str(out)]) == 1
    assert "has a header but no rows" in capsys.readouterr().err


def test_without_libreoffice_a_doc_is_refused_with_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(convert, "_soffice", lambda: None)
    assert main(["build", str(OFFICE / "word_split.doc"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    one_line(err)
    assert "convert it to .docx/.xlsx first, or install LibreOffice" in err
    with pytest.raises(InputError, match="install LibreOffice"):
        extract(OFFICE / "word_split.wps")


def test_without_libreoffice_an_et_xlrd_reads_still_builds(monkeypatch):
    monkeypatch.setattr(convert, "_soffice", lambda: None)
    records = extract(OFFICE / "sheets.et").edition.records
    assert [content(r) for r in records["withdrawn"]] == [content(r) for r in GOLDEN_RECORDS["withdrawn"]]
