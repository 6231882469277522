"""rules: a page's pixels → ink, the page turned straight, and the table's ruling lines.

Ink is what Otsu's threshold tells from the paper. The page's skew is the median slope of its
long straight ink (rules; on a page without them, its lines of text smeared together), fitted
component by component; the page is turned back by it before anything is measured. A rule is ink
that stays after opening with a line longer than any stroke of a character (ScanSettings
.rule_length): what is left of the page's ink once the rules are taken out is its text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ...settings import ScanSettings
from ..pdf.load import Rule
from .images import PageImage


@dataclass(frozen=True)
class RuledPage:
    """A page turned straight: its gray levels with the rules painted out, its text's ink, its
    rules in pixels (x0, x1, top, bottom, horizontal), the skew measured (turned back when within
    ScanSettings.max_skew), and where a seal's ink was taken out (images.PageImage)."""

    gray: np.ndarray
    ink: np.ndarray
    rule_mask: np.ndarray
    rules: list[tuple[int, int, int, int, bool]]
    skew: float
    sealed: np.ndarray | None = None


def ink_of(gray: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def skew_angle(ink: np.ndarray, dpi: float) -> float:
    """Degrees the page is turned clockwise, its lines falling to the right (0 when nothing straight
    and long is found)."""
    inch = int(dpi)
    straight = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (inch // 8, 1)))
    angles = _slopes(straight, inch)
    if not angles:  # no rules: the lines of text, their characters smeared into bars
        smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (inch // 10, 1)))
        angles = _slopes(cv2.erode(smeared, np.ones((3, 3), np.uint8)), inch)
    if not angles:
        return 0.0
    return float(np.median(angles))


def _slopes(mask: np.ndarray, inch: int) -> list[float]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    angles = []
    for k in range(1, count):
        x, y, w, h, area = stats[k]
        if w < inch or h > w / 8:  # short, or a block rather than a line
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == k)
        slope = np.polyfit(xs, ys, 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
    return angles


def straightened(gray: np.ndarray, angle: float, border: int = 255) -> np.ndarray:
    if abs(angle) < 0.01:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=border)


def ruled_page(page: PageImage, settings: ScanSettings) -> RuledPage:
    dpi = page.dpi
    measured = skew_angle(ink_of(page.gray), dpi)
    angle = measured if abs(measured) <= settings.max_skew else 0.0  # further is no scanner's skew: a note says so
    gray = straightened(page.gray, angle)
    sealed = None if page.sealed is None else straightened(page.sealed.view(np.uint8) * 255, angle, 0) > 127
    ink = ink_of(gray)
    across = max(3, int(settings.rule_length * dpi))
    down = max(3, int(settings.rule_length * dpi * 0.6))  # a one-line row is lower than a rule is long
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    horizontal, vertical = _ruling(horizontal, vertical, 1), _ruling(vertical, horizontal, 0)
    rules = _segments(horizontal, True) + _segments(vertical, False)
    # the rules' blurred edges too: their residue would be read as characters
    mask = cv2.dilate(horizontal, np.ones((5, 1), np.uint8)) | cv2.dilate(vertical, np.ones((1, 5), np.uint8))
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    cleaned = gray.copy()
    cleaned[mask > 0] = 255
    return RuledPage(cleaned, ink & ~mask, mask, rules, measured, sealed)


def _ruling(mask: np.ndarray, across: np.ndarray, axis: int) -> np.ndarray:
    """The straight ink of `mask` that is a table's rule: a quarter of the page long, or meeting a
    rule the other way (a cell's edge meets the edges it joins). A bold title's strokes, run
    together from character to character, can be as long as a short rule, but meet none."""
    long = mask.shape[axis] / 4
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    near = cv2.dilate(across, np.ones((7, 7), np.uint8))
    keep = np.zeros(count, bool)
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        keep[k] = (w if axis == 1 else h) >= long or bool(
            near[y : y + h, x : x + w][labels[y : y + h, x : x + w] == k].any()
        )
    return np.where(keep[labels], mask, 0).astype(np.uint8)


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[int, int, int, int, bool]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    # plain ints: numpy's would make every coordinate after them numpy's, and each comparison of
    # them a numpy bool, which `is True` is not
    return [(int(x), int(x + w), int(y), int(y + h), horizontal) for x, y, w, h, _ in stats[1:count].tolist()]


def rules_in_points(ruled: RuledPage, scale: float) -> list[Rule]:
    """The rules as the PDF reader's: a line through the middle of the ink, in points."""
    out = []
    for x0, x1, top, bottom, horizontal in ruled.rules:
        if horizontal:
            middle = (top + bottom) / 2 * scale
            out.append(Rule(True, round(x0 * scale, 2), round(x1 * scale, 2), round(middle, 2), round(middle, 2)))
        else:
            middle = round((x0 + x1) / 2 * scale, 2)
            out.append(Rule(False, middle, middle, round(top * scale, 2), round(bottom * scale, 2)))
    return out
