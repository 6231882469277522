"""The PDF reader's loading: bad PDFs refused with one line, pages read in parallel as in one process,
pdfminer's warnings kept for the report."""

import pytest

from pipeline.cli import main
from pipeline.readers.pdf.load import load_pdf, read_pages
from pipeline.readers.scan import ocr_available
from tests.helpers import FIXTURES, one_line, one_page_pdf, run_cli


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scanned.pdf", "no text found on the scan" if ocr_available() else "qingdan[ocr]"),  # drawn bars, no text
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


def test_pages_read_in_parallel_equal_pages_read_in_one_process():

    pdf = FIXTURES / "libreoffice_hrules.pdf"
    assert load_pdf(pdf, jobs=1) == load_pdf(pdf, jobs=2)


def test_pdfminer_warnings_never_reach_the_terminal(tmp_path):

    # a content stream that sets a line width that is no number
    pdf = one_page_pdf(tmp_path / "bad-operator.pdf", b"/Bad w BT /F1 12 Tf 72 720 Td (not a list) Tj ET")
    (page,) = read_pages(pdf, range(1))
    assert any("Cannot set line width" in note for note in page.notes)  # kept for the report
    done = run_cli(["build", str(pdf), "--out", str(tmp_path / "out")])
    assert done.returncode == 2
    one_line(done.stderr)
    assert "not a 履职事项清单" in done.stderr
