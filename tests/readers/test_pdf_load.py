"""The PDF reader's loading: bad PDFs refused with one line, pages read in parallel as in one process,
pdfminer's warnings kept for the report."""

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.readers.pdf.load import load_pdf, read_pages
from tests.helpers import FIXTURES, one_line, run_cli


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


def test_pages_read_in_parallel_equal_pages_read_in_one_process():

    pdf = FIXTURES / "libreoffice_hrules.pdf"
    assert load_pdf(pdf, jobs=1) == load_pdf(pdf, jobs=2)


def _pdf_with_a_bad_operator(path: Path) -> Path:
    """One page of text whose content stream sets a line width that is no number."""
    stream = b"/Bad w BT /F1 12 Tf 72 720 Td (not a list) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)
    return path


def test_pdfminer_warnings_never_reach_the_terminal(tmp_path):

    pdf = _pdf_with_a_bad_operator(tmp_path / "bad-operator.pdf")
    (page,) = read_pages(pdf, range(1))
    assert any("Cannot set line width" in note for note in page.notes)  # kept for the report
    done = run_cli(["build", str(pdf), "--out", str(tmp_path / "out")])
    assert done.returncode == 2
    one_line(done.stderr)
    assert "not a 履职事项清单" in done.stderr
