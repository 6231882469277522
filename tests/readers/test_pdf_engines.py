"""The two PDF engines: pdfium (the default, fast) and pdfplumber (the reference) give the same records
and checks on every PDF fixture; pdfium's coordinates are pdfplumber's, its spaces the printed ones."""

from dataclasses import replace

import pytest

from pipeline.extract import extract
from pipeline.readers.pdf import pdfium
from pipeline.readers.pdf.load import Glyph, load_pdf
from pipeline.settings import DEFAULT
from tests.helpers import FIXTURES, PDFS, content, one_page_pdf, run_cli


def _engine(name: str):
    return replace(DEFAULT, pdf=replace(DEFAULT.pdf, engine=name))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_both_engines_give_the_same_records_and_checks(pdf):
    fast, reference = extract(pdf, settings=_engine("pdfium")), extract(pdf, settings=_engine("pdfplumber"))
    for table, records in reference.edition.records.items():
        assert [content(r) for r in fast.edition.records[table]] == [content(r) for r in records], table
    as_found = [(c.name, c.status, c.details) for c in reference.edition.checks]
    assert [(c.name, c.status, c.details) for c in fast.edition.checks] == as_found


def test_the_default_engine_is_pdfium_and_pdfplumber_can_be_asked_for(tmp_path):
    assert DEFAULT.pdf.engine == "pdfium"
    pdf = FIXTURES / "reportlab_grid.pdf"
    result = run_cli(["build", str(pdf), "--out", str(tmp_path / "out"), "--pdf-engine", "pdfplumber"])
    assert result.returncode == 0, result.stderr
    refused = run_cli(["build", str(pdf), "--out", str(tmp_path / "other"), "--pdf-engine", "ghostscript"])
    assert refused.returncode == 2 and not (tmp_path / "other").exists()


def _near(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance


def _middle(glyph: Glyph) -> float:
    return (glyph.top + glyph.bottom) / 2


@pytest.mark.parametrize("name", ["reportlab_grid.pdf", "print/word_rotated.pdf", "print/wps_rects.pdf"])
def test_glyphs_and_rules_stand_where_pdfplumber_puts_them(name):
    """Across, a glyph starts at its origin, as pdfminer's; down, only its middle matters to the stages
    after, and it stays within a quarter of the glyph's size of pdfminer's (whose box goes by the
    font's declared descent). Rotated pages are turned as displayed."""
    pdf = FIXTURES / name
    fast, reference = pdfium.load_pdfium(pdf), load_pdf(pdf, jobs=1)
    for page, expected in zip(fast.pages, reference.pages, strict=True):
        assert _near(page.width, expected.width, 0.01)
        printed: dict[str, list[Glyph]] = {}
        for e in expected.glyphs:
            if not e.text.isspace():
                printed.setdefault(e.text, []).append(e)
        got = [g for g in page.glyphs if not g.text.isspace()]
        assert sorted(g.text for g in got) == sorted(e.text for e in expected.glyphs if not e.text.isspace())
        for g in got:
            assert any(
                _near(g.x0, e.x0, 0.5) and _near(g.size, e.size, 0.01) and _near(_middle(g), _middle(e), g.size / 4)
                for e in printed[g.text]
            ), g
        horizontal = {round(r.top) for r in page.rules if r.horizontal}
        assert horizontal == {round(r.top) for r in expected.rules if r.horizontal}


def test_a_page_whose_spaces_are_in_doubt_is_read_again_by_pdfplumber():
    """libreoffice_grid prints 建筑 ; with a space that pdfium folds into a generated one."""
    pdf = FIXTURES / "libreoffice_grid.pdf"
    fast, reference = pdfium.load_pdfium(pdf), load_pdf(pdf, jobs=1)
    doubtful = [p.number for p in fast.pages if p in reference.pages]
    assert doubtful and len(doubtful) < len(fast.pages) / 4  # only those pages
    page = next(p for p in fast.pages if "建筑 ;" in "".join(g.text for g in p.glyphs))
    assert page.number in doubtful


def _glyph(text: str, x0: float, size: float = 10.0) -> Glyph:
    width = size if not text.isascii() else size / 2
    return Glyph(text, x0, x0 if text == " " else x0 + width, 0.0, size, size)


def test_generated_spaces_are_layout_and_a_gap_next_to_ascii_text_is_in_doubt():
    low, high = pdfium._SPACE_DOUBT
    # a space pdfium generated between two CJK glyphs: layout, never in doubt
    kept, doubtful = pdfium._printed_spaces([_glyph("甲", 0), _glyph(" ", 10), _glyph("乙", 15)])
    assert [g.text for g in kept] == ["甲", "乙"] and not doubtful
    # next to ASCII, a gap narrower than a printed space (the producers' CJK–Latin space) is layout
    narrow = 10 + (low - 0.05) * 10
    kept, doubtful = pdfium._printed_spaces([_glyph("甲", 0), _glyph(" ", 10), _glyph("A", narrow)])
    assert [g.text for g in kept] == ["甲", "A"] and not doubtful
    # a gap as wide as a printed space: only the PDF's own text can tell
    for gap in (low + 0.01, (low + high) / 2, high - 0.01):
        _, doubtful = pdfium._printed_spaces([_glyph("甲", 0), _glyph(" ", 10), _glyph("A", 10 + gap * 10)])
        assert doubtful
    # far apart (cells side by side): layout
    _, doubtful = pdfium._printed_spaces([_glyph("甲", 0), _glyph(" ", 10), _glyph("A", 10 + (high + 0.5) * 10)])
    assert not doubtful


@pytest.mark.parametrize(
    ("rotation", "expected"),
    # a point 10 right of and 20 above the lower left corner of a 100 × 200 page, as displayed
    [(0, ((10, 180), 100, 200)), (1, ((20, 10), 200, 100)), (2, ((90, 20), 100, 200)), (3, ((180, 90), 200, 100))],
)
def test_user_space_maps_to_the_page_as_displayed(rotation, expected):
    to_display, width, height = pdfium._display(rotation, (0.0, 0.0, 100.0, 200.0))
    assert (to_display(10.0, 20.0), width, height) == expected


def test_upright_is_pdfminers_on_the_page_as_displayed():
    assert pdfium._upright(0, 1.0, 0.0, 0.0, 1.0)
    assert not pdfium._upright(0, 0.0, 1.0, -1.0, 0.0)  # turned a quarter: a vertical label
    assert pdfium._upright(1, 0.0, 1.0, -1.0, 0.0)  # drawn turned on a page displayed turned back
    assert pdfium._upright(0, -1.0, 0.0, 0.0, -1.0)  # upside down: pdfminer calls it upright too
    assert not pdfium._upright(0, -1.0, 0.0, 0.0, 1.0)  # mirrored


@pytest.mark.parametrize(
    ("mediabox", "inherited"),
    [((100, 50, 695, 892), False), ((0, 0, 595, 842), True), ((0, 0, 420, 595), True)],
    ids=["corner-not-at-origin", "inherited-a4", "inherited-a5"],
)
def test_page_boxes_and_matrix_scaled_text_stand_where_pdfplumber_puts_them(tmp_path, mediabox, inherited):
    """A MediaBox off the origin or inherited from /Pages, text set as `1 Tf` scaled 12 by its
    matrix (as cairo writes it): both engines give the same page, glyphs and rules."""
    content = b"200 400 m 380 400 l S BT /F1 1 Tf 12 0 0 12 150 350 Tm (Hello) Tj ET"
    pdf = one_page_pdf(tmp_path / "page.pdf", content, mediabox, inherited)
    (fast,), (reference,) = pdfium.load_pdfium(pdf).pages, load_pdf(pdf, jobs=1).pages
    assert _near(fast.width, reference.width, 0.01)
    assert [g.text for g in fast.glyphs] == [g.text for g in reference.glyphs] == list("Hello")
    for g, e in zip(fast.glyphs, reference.glyphs, strict=True):
        assert _near(g.x0, e.x0, 0.2) and _near(g.size, e.size, 0.01) and _near(_middle(g), _middle(e), g.size / 4)
    assert [(r.horizontal, round(r.x0), round(r.top)) for r in fast.rules] == [
        (r.horizontal, round(r.x0), round(r.top)) for r in reference.rules
    ]
