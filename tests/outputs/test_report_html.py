"""report.html: every warning's row shown as printed (a PDF's page stretch with the cells drawn, a
text's lines marked), the lists to browse with a filter — and, in a real browser (headless
Chromium, which .ci/run installs), no console error, a filter that narrows, a page that is not blank."""

import re
import shutil
import subprocess

import pytest

from pipeline.cli import main
from tests.helpers import FIXTURES, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "build"
    assert main(["build", str(FIXTURES / "print" / "word_merged.pdf"), "--out", str(out)]) == 0
    return out


def _rows_named(page: str) -> set[str]:
    return set(re.findall(r"href='#(row-[a-z]+-\d+)'", page))


def test_every_row_a_warning_names_links_to_its_crop_with_boxes(pdf_build):
    page = (pdf_build / "report.html").read_text(encoding="utf-8")
    named = _rows_named(page)
    assert named  # the fixture warns (categories, cell_ends, departments …)
    for anchor in named:
        section = page[page.index(f"id='{anchor}'") :]
        section = section[: section.index("</div>")]
        assert "<img alt='page" in section and "data:image/png;base64," in section, anchor
    assert "report.html" in (pdf_build / ".qingdan-manifest.json").read_text(encoding="utf-8")


def test_a_crop_shows_the_row_with_its_cells_outlined_in_their_columns_colours(pdf_build):
    import base64
    import io

    from PIL import Image

    from pipeline.outputs.pictures import _COLOURS

    page = (pdf_build / "report.html").read_text(encoding="utf-8")
    data = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", page)[1]
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    name = tuple(int(_COLOURS[2][i : i + 2], 16) for i in (1, 3, 5))  # the name column's colour

    def longest_run(y: int) -> int:
        best = run = 0
        for x in range(image.width):
            run = run + 1 if image.getpixel((x, y)) == name else 0
            best = max(best, run)
        return best

    # the name cell's box: an edge far wider than its label (the label's fill is the same colour)
    label = image.width // 20
    assert any(longest_run(y) > 2 * label for y in range(image.height))
    assert len(image.getcolors(maxcolors=1 << 20)) > 20  # the page's print under it, not a box on a blank


def test_the_report_of_a_pdf_is_the_same_bytes_build_after_build(pdf_build, tmp_path):
    again = tmp_path / "again"
    assert main(["build", str(FIXTURES / "print" / "word_merged.pdf"), "--out", str(again)]) == 0
    assert (again / "report.html").read_bytes() == (pdf_build / "report.html").read_bytes()


def test_a_text_builds_report_marks_the_lines_a_finding_names(tmp_path):
    out = tmp_path / "build"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert _rows_named(page) and "<pre>" in page and "<mark>" in page
    assert page.count("<tr class=record") == 294  # every record to browse


def _chromium(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=timeout)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@needs_browser
def test_the_report_opens_in_a_browser_with_no_error_and_its_filter_narrows_the_rows(pdf_build, tmp_path):
    url = (pdf_build / "report.html").as_uri()
    every = _chromium(f"--user-data-dir={tmp_path / 'a'}", "--dump-dom", url)
    assert every.returncode == 0 and not _console_errors(every.stderr), every.stderr[-2000:]
    assert every.stdout.count('<tr class="record"') == 294 and not re.search(
        r'<tr class="record"[^>]*hidden', every.stdout
    )
    narrowed = _chromium(f"--user-data-dir={tmp_path / 'b'}", "--dump-dom", url + "#q=草原")
    assert not _console_errors(narrowed.stderr)
    shown = re.findall(r'<tr class="record"(?![^>]*hidden)', narrowed.stdout)
    assert 0 < len(shown) < 294
    assert '<span id="count">' + str(len(shown)) + "</span>" in narrowed.stdout


@needs_browser
def test_a_screenshot_of_the_report_is_not_blank(pdf_build, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    result = _chromium(
        f"--user-data-dir={tmp_path / 'c'}",
        "--window-size=1280,1600",
        f"--screenshot={shot}",
        (pdf_build / "report.html").as_uri(),
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20  # text, tables and links: not one flat colour


@needs_browser
def test_the_diff_page_opens_with_no_error(tmp_path):
    page = tmp_path / "diff.html"
    assert main(["diff", str(SEED), str(FIXTURES / "reportlab_grid.pdf"), "--html", str(page)]) == 0
    result = _chromium(f"--user-data-dir={tmp_path / 'd'}", "--dump-dom", page.as_uri())
    assert result.returncode == 0 and not _console_errors(result.stderr)
    assert "qingdan diff" in result.stdout
