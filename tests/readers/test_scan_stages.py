"""The scan reader's stages one by one, on pages drawn here (no OCR model needed but OpenCV's)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.core.validate import check_ocr
from pipeline.settings import DEFAULT
from pipeline.spec import SEQ, SOURCE

cv2 = pytest.importorskip("cv2", reason="needs the extra qingdan[ocr]")

from pipeline.readers.scan.images import PageImage  # noqa: E402
from pipeline.readers.scan.marks import chinese_marks, unread_between  # noqa: E402
from pipeline.readers.scan.recognize import Reading  # noqa: E402
from pipeline.readers.scan.rules import ink_of, ruled_page, rules_in_points, skew_angle, straightened  # noqa: E402
from pipeline.readers.scan.segments import page_segments  # noqa: E402

SCAN = DEFAULT.scan
DPI = 200


def reading(text: str, widths: dict[str, float] | None = None, em: float = 20.0) -> Reading:
    """A reading whose characters stand as printed: each Han character an em, others as `widths` say."""
    centers, x = [], 0.0
    for ch in text:
        width = (widths or {}).get(ch, 1.0) * em
        centers.append(x + width / 2)
        x += width
    return Reading(text, tuple(0.99 for _ in text), tuple(centers))


def test_a_mark_between_two_han_characters_is_as_wide_as_the_room_they_leave_it():
    narrow = chinese_marks(reading("阿合奇县水利局:对擅自移动", {":": 0.3}), 0.5)
    wide = chinese_marks(reading("阿合奇县水利局:对擅自移动"), 0.5)  # read as ASCII, printed an em wide
    assert narrow[0] == "阿合奇县水利局:对擅自移动" and min(narrow[1]) == 0.99  # as read: as sure
    assert wide[0] == "阿合奇县水利局：对擅自移动" and wide[1][7] == 0.5  # measured, not read: flagged


def test_a_mark_nothing_measures_is_taken_for_the_chinese_one_and_flagged():
    text, sure, _ = chinese_marks(reading("做好入编手续;"), 0.5)
    assert text == "做好入编手续；" and sure[-1] == 0.5
    kept, sure, _ = chinese_marks(reading("做好入编手续；"), 0.5)  # read full-width: the model's own
    assert kept == "做好入编手续；" and min(sure) == 0.99


def test_straight_quotes_pair_up_and_a_quote_the_line_before_opened_is_closed():
    text, sure, still_open = chinese_marks(reading('发展"三资"管理，"两个'), 0.5)
    assert text == "发展“三资”管理，“两个" and still_open == 1
    assert sorted(sure)[:3] == [0.5, 0.5, 0.5]  # which of the pair, a guess: flagged
    text, _, still_open = chinese_marks(reading('维护"等工作'), 0.5, opened=still_open)
    assert text == "维护”等工作" and still_open == 0


def test_the_radical_the_model_reads_for_a_small_enumeration_comma_is_the_comma():
    text, sure, _ = chinese_marks(reading("报县委编办丶县委组织部"), 0.5)
    assert text == "报县委编办、县委组织部" and min(sure) == 0.99


def test_room_for_a_character_nothing_was_read_in_flags_the_characters_either_side():
    # 、 dropped: 办 and 县 two ems apart, the model sure of both
    dropped = reading("报县委编办县委组织部")
    centers = dropped.centers[:5] + tuple(c + 20.0 for c in dropped.centers[5:])
    sure = unread_between(
        Reading(dropped.text, dropped.confidences, centers), dropped.text, list(dropped.confidences), 0.5
    )
    assert sure == [0.99] * 4 + [0.5, 0.5] + [0.99] * 4
    assert (
        unread_between(dropped, dropped.text, list(dropped.confidences), 0.5) == [0.99] * 10
    )  # set solid: nothing missing
    short = Reading("理初审", (0.99,) * 3, (24.0, 80.0, 108.0))  # two steps: the shorter is the em
    assert unread_between(short, short.text, [0.99] * 3, 0.5) == [0.5, 0.5, 0.99]
    # the gap before a narrow segment's own part is the crop's: nothing is missing there
    assert unread_between(short, short.text, [0.99] * 3, 0.5, start=50.0) == [0.99] * 3
    # 丶 read for 、 with room for it: nothing is missing
    comma = Reading("办丶县", (0.99,) * 3, (20.0, 34.0, 60.0))
    assert unread_between(comma, "办、县", [0.99] * 3, 0.5) == [0.99] * 3
    # a 、 ending the line: the ink goes on an em past the last character read
    line = reading("阿合奇县民政局")
    ink_end = line.centers[-1] + 0.5 * 20.0
    assert unread_between(line, line.text, list(line.confidences), 0.5, end=ink_end) == [0.99] * 7
    assert unread_between(line, line.text, list(line.confidences), 0.5, end=ink_end + 20.0)[-1] == 0.5


def grid_page(angle: float = 0.0) -> np.ndarray:
    """A white A4 landscape page at 200 dpi with a ruled table of 3 columns and 4 rows, blocks of
    ink for text, turned `angle` degrees counter-clockwise."""
    page = np.full((1654, 2339), 255, np.uint8)
    xs, ys = [200, 400, 1200, 2100], [300, 360, 460, 560, 660]
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 3)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for top in ys[:-1]:
        for left in xs[:-1]:
            for k in range(5):  # five "characters", 26 px a side, a few pixels apart
                cv2.rectangle(page, (left + 12 + 30 * k, top + 15), (left + 36 + 30 * k, top + 40), 0, -1)
    matrix = cv2.getRotationMatrix2D((page.shape[1] / 2, page.shape[0] / 2), angle, 1.0)
    return cv2.warpAffine(page, matrix, (page.shape[1], page.shape[0]), borderValue=255)


@pytest.mark.parametrize("angle", [0.0, 0.3, -0.8])
def test_the_skew_is_measured_from_the_rules_and_taken_out(angle):
    page = grid_page(angle)
    assert skew_angle(ink_of(page), DPI) == pytest.approx(-angle, abs=0.05)
    assert skew_angle(ink_of(straightened(page, -angle)), DPI) == pytest.approx(0.0, abs=0.05)


def test_rules_are_found_and_each_cell_s_text_is_a_segment_of_its_own():
    ruled = ruled_page(PageImage(grid_page(0.3), DPI), SCAN)
    horizontal = [r for r in ruled.rules if r[4]]
    vertical = [r for r in ruled.rules if not r[4]]
    assert len(horizontal) == 5 and len(vertical) == 4
    segments, line_height = page_segments(ruled, DPI, SCAN)
    assert len(segments) == 12  # one per cell: never two cells' text in one
    assert {s.region for s in segments}.__len__() == 12
    assert 20 <= line_height <= 32
    # plain numbers, for the PDF reader's stages: numpy's compare as numpy bools, which `is True` is not
    assert all(type(v) is int for s in segments for v in (s.x0, s.top, s.x1, s.bottom))
    assert all(type(v) is float for r in rules_in_points(ruled, 0.36) for v in (r.x0, r.x1, r.top, r.bottom))


def test_a_mark_alone_on_the_next_line_is_read_after_the_text_before_it():
    page = np.full((600, 900), 255, np.uint8)
    cv2.rectangle(page, (50, 50), (850, 550), 0, 3)
    for line in range(6):  # full lines of "characters", 26 px high, 36 px apart
        for k in range(20):
            cv2.rectangle(page, (70 + 30 * k, 80 + 36 * line), (94 + 30 * k, 105 + 36 * line), 0, -1)
    cv2.rectangle(page, (70, 303), (75, 308), 0, -1)  # a semicolon wrapped alone: its dot…
    cv2.rectangle(page, (70, 314), (75, 322), 0, -1)  # …and its tail
    for part in ((70, 370, 94, 378), (70, 381, 94, 395)):  # 会: 人 over 云, a blank row between
        cv2.rectangle(page, part[:2], part[2:], 0, -1)
    segments, line_height = page_segments(ruled_page(PageImage(page, DPI), SCAN), DPI, SCAN)
    *lines, mark, character = segments
    assert len(lines) == 6 and line_height == 26
    assert lines[0].context is None and mark.context == lines[-1] and mark.band == (296, 322)
    assert (character.top, character.bottom) == (370, 396)  # one line, not two


def _record(confidences):
    boxes = [
        {"cell": "name", "page": 2, "x0": 10.0, "top": 20.0, "x1": 30.0, "bottom": 40.0, "confidence": c}
        for c in confidences
    ]
    return {SEQ: 7, "name": "农村“三资”管理", SOURCE: {"boxes": boxes}}


def test_the_ocr_check_names_each_cell_read_less_surely_with_its_page_and_box():
    at = SCAN.low_confidence  # read this surely or more: not flagged
    check = check_ocr({"basic": [_record([0.999, 0.62]), {**_record([at]), SEQ: 8}]}, "scan")
    assert check.status == "warn" and len(check.findings) == 1
    (finding,) = check.findings
    assert (finding.list, finding.row, finding.where) == ("basic", 7, "page 2 (10, 20)–(30, 40)")
    assert "name read with confidence 0.62" in finding.text
    assert check_ocr({"basic": [_record([0.999])]}, "scan").status == "pass"
    assert check_ocr({"basic": [_record([None])]}, "pdf").status == "pass"


def _png(path, pixels: np.ndarray, dpi: int) -> str:
    from PIL import Image

    Image.fromarray(pixels).save(path, dpi=(dpi, dpi))
    return str(path)


def _cut_short(path: str) -> str:
    Path(path).write_bytes(Path(path).read_bytes()[:3000])
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        # 9000 pixels a side at 600 dpi: a plausible 15-inch page, but 81 million pixels to decode
        (lambda p: _png(p, np.full((9000, 9000), 255, np.uint8), 600), "too large to read"),
        (lambda p: _cut_short(_png(p, grid_page(), 200)), "unreadable image"),
        # ink in specks, tens of thousands of them: no list prints so many stretches of text
        (
            lambda p: _png(p, np.tile(np.pad(np.zeros((5, 5), np.uint8), 5, constant_values=255), (160, 230)), 200),
            "not text",
        ),
    ],
    ids=["too large", "cut short", "specks"],
)
def test_an_image_that_cannot_be_a_scanned_list_exits_2_with_one_line(make, message, tmp_path, capsys):
    from pipeline.cli import main

    image = make(tmp_path / "page.png")
    out = tmp_path / "out"
    assert main(["build", image, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists()


def test_a_red_seal_is_taken_out_but_red_print_and_print_under_the_seal_stay(tmp_path):
    from PIL import Image

    from pipeline.readers.scan.images import page_image

    page = np.full((1654, 2339, 3), 255, np.uint8)
    cv2.rectangle(page, (200, 100), (1400, 150), (200, 20, 20), -1)  # a red title: long and low
    cv2.rectangle(page, (1500, 500), (1700, 530), (0, 0, 0), -1)  # print the seal is stamped over
    cv2.circle(page, (1600, 515), 150, (214, 40, 40), 12)  # the seal's ring, 1.5 inches across
    path = tmp_path / "page.png"
    Image.fromarray(page).save(path, dpi=(200, 200))
    image = page_image(path, "image", 0, SCAN)
    assert image.sealed is not None and image.sealed[515, 1600] and not image.sealed[125, 800]
    assert image.gray[125, 800] < 128  # the red title is print
    assert image.gray[515, 1550] < 64  # the print under the seal stays
    assert image.gray[515, 1600 - 150] == 255  # the ring is gone


def test_an_image_s_stated_resolution_counts_only_where_it_makes_a_sheet_of_paper():
    from pipeline.readers.scan.images import _stated_dpi

    assert _stated_dpi(200, (2339, 1654)) == 200  # A4 landscape at 200 dpi
    assert _stated_dpi(72, (2339, 1654)) == pytest.approx(2339 / 11.69)  # a camera's 72: taken for A4
    assert _stated_dpi(0, (1654, 2339)) == pytest.approx(2339 / 11.69)


def test_sixteen_bit_and_transparent_images_are_read_as_print_on_paper():
    from PIL import Image

    from pipeline.readers.scan.images import _pixels

    deep = Image.fromarray(np.array([[0, 30000], [60000, 65535]], np.uint16))
    assert _pixels(deep).tolist() == [[0, 116], [233, 255]]  # scaled, not clipped at 255
    clear = Image.new("RGBA", (2, 1), (0, 0, 0, 0))
    assert _pixels(clear).tolist() == [[[255, 255, 255], [255, 255, 255]]]  # transparent: paper


def test_a_box_s_confidence_is_rounded_down_so_that_a_cell_just_below_the_line_is_flagged():
    from pipeline.readers.pdf.lines import VisualLine
    from pipeline.readers.pdf.load import Glyph
    from pipeline.readers.pdf.rows import box

    line = VisualLine(1, (Glyph("农", 0, 10, 0, 10, 10, 0.99), Glyph("村", 10, 20, 0, 10, 10, 0.8996)), "农村")
    assert box("name", [line])["confidence"] == 0.899
