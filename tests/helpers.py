"""What many tests share: the seed, the golden records, the fixtures, and small makers of inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.core.text import text_width
from pipeline.model import CellPiece, Line, Piece
from pipeline.spec import KEYS, KEYWORDS, SOURCE

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
PDFS = sorted(FIXTURES.glob("*.pdf")) + sorted((FIXTURES / "print").glob("*.pdf"))  # the seed, printed
OFFICE = ROOT / "tests" / "fixtures" / "office"  # the seed as Word and Excel files (tools/make_office_fixtures.py)
WEB = ROOT / "tests" / "fixtures" / "web"  # the seed as county web pages (tools/make_web_fixtures.py)
TABLES = KEYS
GOLDEN_RECORDS = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
PYTHON = [sys.executable, "-m", "pipeline"]


def content(record: dict) -> dict:
    """A record's reviewed fields: without its provenance, which differs by nature between forms,
    and without the derived keywords the golden files do not hold."""
    return {k: v for k, v in record.items() if k not in (SOURCE, KEYWORDS)}


def records_of(out: Path) -> dict[str, list[dict]]:
    """The records a build folder holds."""
    return {t: json.loads((out / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}


def checks_of(out: Path) -> dict[str, dict]:
    """The checks of a build folder's edition.json, by name."""
    return {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}


def write_lines(folder: Path, lines: list[str], name: str = "edited.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def replace_line(lines: list[str], old: str, new: str) -> list[str]:
    index = lines.index(old)
    return lines[:index] + [new] + lines[index + 1 :]


def build_edited(tmp_path: Path, capsys, lines: list[str]) -> tuple[int, str, dict]:
    """(exit status, stderr, checks by name) of building the edited seed."""
    from pipeline.cli import main

    out = tmp_path / "out"
    status = main(["build", str(write_lines(tmp_path, lines)), "--out", str(out)])
    return status, capsys.readouterr().err, checks_of(out)


def run_cli(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(PYTHON + args, cwd=ROOT, capture_output=True, text=True, **kwargs)


def one_line(text: str) -> None:
    assert text.count("\n") == 1 and "Traceback" not in text, text


def text_lines(*texts: str, page: int = 1) -> list[Line]:
    return [Line(i + 1, page, t) for i, t in enumerate(texts)]


def make_pieces(*rows: tuple[str, ...], page: int = 1) -> list[Piece]:
    """Rows of words → pieces, each tuple one source line."""
    out = []
    for number, words in enumerate(rows, start=1):
        line = Line(number, page, " ".join(words))
        out += [Piece(w, line, i == 0, text_width(w)) for i, w in enumerate(words)]
    return out


def cell(*lines: tuple[str, ...], breaks: tuple[int, ...] = (), role: str = "upstream_duties") -> list[CellPiece]:
    """A cell's pieces, line by line; `breaks`: the line numbers a hard break precedes."""
    out = []
    for number, words in enumerate(lines, start=1):
        line = Line(number, 1, " ".join(words))
        for i, w in enumerate(words):
            out.append(CellPiece(Piece(w, line, i == 0, text_width(w)), role, i == 0 and number in breaks))
    return out


def one_page_pdf(path: Path, content: bytes, mediabox=(0, 0, 612, 792), inherited: bool = False) -> Path:
    """A PDF of one page drawn by `content` in Helvetica (/F1); its MediaBox on the page or, with
    `inherited`, on its parent /Pages only."""
    box = b"/MediaBox [%s] " % " ".join(map(str, mediabox)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 " + (box if inherited else b"") + b">>",
        b"<< /Type /Page /Parent 2 0 R "
        + (b"" if inherited else box)
        + b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
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
