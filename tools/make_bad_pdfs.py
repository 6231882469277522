"""Make the small unreadable PDFs the tests refuse: tests/fixtures/pdf/bad/*.pdf.

Needs reportlab and the Debian font fonts-wqy-zenhei (the tests need neither: the outputs
are committed). Run: .venv/bin/python tools/make_bad_pdfs.py
"""

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "pdf" / "bad"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def scanned(path: Path) -> None:
    """A page of drawn shapes and no text layer, as a scan without OCR is."""
    page = canvas.Canvas(str(path), pagesize=landscape(A4), invariant=1)
    for i in range(40):
        page.rect(60, 500 - 12 * i, 300 + (i * 37) % 300, 6, fill=1, stroke=0)
    page.showPage()
    page.save()


def with_text(path: Path, lines: list[str], encrypt=None) -> None:
    pdfmetrics.registerFont(TTFont("ZenHei", FONT, subfontIndex=0))
    page = canvas.Canvas(str(path), pagesize=landscape(A4), encrypt=encrypt, invariant=1)
    page.setFont("ZenHei", 14)
    for i, line in enumerate(lines):
        page.drawString(60, 520 - 24 * i, line)
    page.showPage()
    page.save()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    scanned(OUT / "scanned.pdf")
    with_text(OUT / "not_a_list.pdf", ["会议纪要", "一、会议时间：2025年3月1日", "二、参会人员：全体干部"])
    with_text(OUT / "encrypted.pdf", ["基本履职事项清单"], encrypt=StandardEncryption("secret", "owner", canPrint=0))
    whole = (OUT / "not_a_list.pdf").read_bytes()
    (OUT / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(ROOT), path.stat().st_size)


if __name__ == "__main__":
    main()
