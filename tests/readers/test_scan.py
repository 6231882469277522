"""The scan reader, end to end: scans made as a scanner makes them (tools/make_scans.py) of a few
pages of a PDF fixture — its preface and the first page of each list — give the rows the PDF
reader gives from the same pages' text layer, and every cell they do not give exactly is flagged
low-confidence. (The whole document is measured in `make bench`.)"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from pipeline.cli import main
from pipeline.extract import extract
from pipeline.readers.scan import ocr_available
from pipeline.settings import DEFAULT
from pipeline.spec import BY_KEY, CATEGORY, KEYS, SEQ, SOURCE
from tests.helpers import FIXTURES
from tools.make_scans import ScannerSettings, write_scan

pytestmark = pytest.mark.skipif(not ocr_available(), reason="needs the extra qingdan[ocr]")

TITLES = [spec.title for spec in BY_KEY.values()]


def first_pages(source, target):
    """The preface page and each list's first page of a PDF, as a PDF of their own."""
    document = pdfium.PdfDocument(source)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    lines = [{"".join(line.split()) for line in text.splitlines()} for text in texts]
    keep = [0] + [next(i for i, titles in enumerate(lines) if title in titles) for title in TITLES]
    pages = pdfium.PdfDocument.new()
    pages.import_pages(document, sorted(set(keep)))
    pages.save(target)
    return target


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scans")
    return first_pages(FIXTURES / "reportlab_grid.pdf", folder / "pages.pdf")


@pytest.fixture(scope="module")
def expected(printed):
    """What the PDF reader reads from the pages' text layer."""
    return extract(printed).edition


def _flat(value) -> str:
    return re.sub(r"\s+", "", "、".join(value) if isinstance(value, list) else str(value))


def compare(expected, got) -> tuple[int, int, list[str]]:
    """(cells, cells exact, the wrong cells not flagged)."""
    cells = exact = 0
    silent = []
    for key in KEYS:
        rows = {r[SEQ]: r for r in got.records[key]}
        assert [(r[SEQ], r[CATEGORY]) for r in got.records[key]] == [
            (r[SEQ], r[CATEGORY]) for r in expected.records[key]
        ], key
        for want in expected.records[key]:
            record = rows[want[SEQ]]
            for column in BY_KEY[key].columns:
                cells += 1
                if _flat(record[column.field]) == _flat(want[column.field]):
                    exact += 1
                    continue
                boxes = [b for b in record[SOURCE]["boxes"] if b["cell"] == column.field]
                if not any(b["confidence"] < DEFAULT.scan.low_confidence for b in boxes):
                    silent.append(f"{key} {want[SEQ]} {column.field}: {record[column.field]!r}")
    return cells, exact, silent


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("gray200.pdf", ScannerSettings(dpi=200)),
        ("seal.pdf", ScannerSettings(dpi=200, colour=True, seal=True, seal_page=2)),
        ("gray150.tif", ScannerSettings(dpi=150)),
    ],
)
def test_a_scan_gives_the_rows_of_the_printed_pages_and_flags_every_cell_it_misses(
    name, settings, printed, expected, tmp_path
):
    scan = write_scan(printed, tmp_path / name, settings)
    got = extract(scan, pdf_jobs=2).edition
    cells, exact, silent = compare(expected, got)
    assert silent == []
    assert exact >= 0.95 * cells, f"{exact}/{cells}"
    assert got.source.form == "scan"
    check = next(c for c in got.checks if c.name == "ocr")
    flagged = {(f.list, f.row) for f in check.findings}
    assert all(f.where.startswith("page ") for f in check.findings)
    assert check.status == ("warn" if flagged else "pass")


def test_the_report_lists_the_cells_read_less_surely_with_page_and_box(printed, tmp_path):
    scan = write_scan(printed, tmp_path / "scan.pdf", ScannerSettings(dpi=200))
    out = tmp_path / "out"
    assert main(["build", str(scan), "--out", str(out), "--jobs", "2"]) in (0, 1)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "ocr" in report
    assert re.search(r"row \d+ \(page \d+ \(\d+, \d+\)–\(\d+, \d+\)\): \w+ read with confidence 0\.\d\d", report)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "read with confidence" in html and "<img" in html  # the flagged rows drawn from the scan


def test_a_scan_of_a_document_that_is_not_a_list_exits_2(tmp_path, capsys):
    scan = write_scan(FIXTURES / "bad" / "not_a_list.pdf", tmp_path / "scan.png", ScannerSettings(dpi=200))
    out = tmp_path / "out"
    assert main(["build", str(scan), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "not a 履职事项清单" in err and err.count("\n") == 1
    assert not out.exists()


def test_without_the_extra_a_scan_exits_2_naming_it(tmp_path, capsys, monkeypatch):
    import pipeline.readers.scan as scan_reader

    monkeypatch.setattr(scan_reader, "ocr_available", lambda: False)
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "bad" / "scanned.pdf"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "qingdan[ocr]" in err and err.count("\n") == 1
    assert not out.exists()
