"""segments: a ruled page → the stretches of text to recognise, each one line within one cell.

Each region the rules enclose (a cell; a merged cell is one region; the page around the table is
another) is cut into lines where a row of pixels holds no ink, and each line into segments where a
gap is wider than a character (ScanSettings.segment_gap): text never crosses a rule, so a line
of one cell is never read with its neighbour's (whole-page detection joins them across the rule).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ...settings import ScanSettings
from .rules import RuledPage


@dataclass(frozen=True)
class Segment:
    """A stretch of one line of text, in pixels of the straightened page. A stretch narrower than
    a character or two (a mark wrapped alone onto the next line, a colon a gap set apart) is read
    after the text before it in its cell, `context`, the model being a reader of lines; `band`: the
    rows its line takes, where the line above in its cell says so."""

    x0: int
    top: int
    x1: int
    bottom: int
    region: int = 0  # the cell (or the page round the table) it is in
    context: Segment | None = None
    band: tuple[int, int] | None = None


def _runs(profile: np.ndarray, gap: int = 1) -> list[tuple[int, int]]:
    """(start, end) of the runs where `profile` is nonzero, runs closer than `gap` joined."""
    on = np.flatnonzero(profile)
    if not on.size:
        return []
    breaks = np.flatnonzero(np.diff(on) > gap)
    starts = np.concatenate(([on[0]], on[breaks + 1]))
    ends = np.concatenate((on[breaks], [on[-1]]))
    return [(int(a), int(b) + 1) for a, b in zip(starts, ends, strict=True)]


def _lines(ink: np.ndarray, line_height: float) -> list[tuple[int, int]]:
    """Rows of a region's ink: runs of inked rows (two parts of a character joined); a run as tall
    as two lines (a blur joined them) cut where it holds least ink."""
    out = []
    profile = ink.sum(axis=1)
    runs: list[tuple[int, int]] = []
    for top, bottom in _runs(profile):
        # a character whose strokes leave a blank row (会: 人 over 云) is one line, not two
        if runs and line_height and bottom - runs[-1][0] <= 1.2 * line_height:
            if min(runs[-1][1] - runs[-1][0], bottom - top) < 0.7 * line_height:
                runs[-1] = (runs[-1][0], bottom)
                continue
        runs.append((top, bottom))
    for top, bottom in runs:
        stack = [(top, bottom)]
        while stack:
            a, b = stack.pop()
            low, high = a + int(0.3 * (b - a)), a + int(0.7 * (b - a))
            cut = low + int(np.argmin(profile[low:high])) if high > low else a
            # a valley all but empty across the middle: two lines; a large title has none
            if line_height and b - a > 1.7 * line_height and profile[cut] < 0.1 * np.median(profile[a:b]):
                stack += [(cut, b), (a, cut)]
            else:
                out.append((a, b))
    return sorted(out)


def page_segments(ruled: RuledPage, dpi: float, settings: ScanSettings) -> tuple[list[Segment], float]:
    """Every segment of text on the page, top to bottom, and the page's usual line height in pixels."""
    ink = ruled.ink
    regions = (ruled.rule_mask == 0).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(regions, connectivity=4)
    speck = max(2, int(dpi / 100))  # smaller ink is dust or JPEG noise, not print
    pieces: list[tuple[np.ndarray, int, int]] = []
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if w <= speck or h <= speck:
            continue
        inside = (labels[y : y + h, x : x + w] == k) & (ink[y : y + h, x : x + w] > 0)
        if inside.sum() > speck * speck:
            pieces.append((inside, x, y))
    heights = [b - a for inside, _, _ in pieces for a, b in _runs(inside.sum(axis=1)) if b - a > speck]
    line_height = float(np.median(heights)) if heights else 0.0
    lined = [(piece, _lines(piece[0], line_height)) for piece in pieces]
    steps = [
        b[0] - a[0]
        for _, lines in lined
        for a, b in zip(lines, lines[1:], strict=False)
        if min(a[1] - a[0], b[1] - b[0]) >= 0.8 * line_height
    ]
    pitch = int(np.median(steps)) if steps else int(1.5 * line_height)
    segments = []
    for region, ((inside, x, y), lines) in enumerate(lined):
        before: Segment | None = None  # the last segment read in this region
        for top, bottom in lines:
            if bottom - top <= speck:
                continue
            row = inside[top:bottom]
            gap = max(speck, int(settings.segment_gap * max(line_height, bottom - top)))
            for left, right in _runs(row.sum(axis=0), gap):
                if right - left <= speck and row[:, left:right].sum() <= speck * speck:
                    continue
                rows = np.flatnonzero(row[:, left:right].sum(axis=1))
                if rows[-1] + 1 - rows[0] < settings.flat * line_height:
                    continue  # a sliver, not print: what is left of a rule or a seal's ring
                x0, x1, top0 = int(x + left), int(x + right), int(y + top)  # plain ints, as for rules
                segment = Segment(x0, top0 + int(rows[0]), x1, top0 + int(rows[-1]) + 1, region)
                if before is not None and right - left < settings.lone * line_height:
                    band = None
                    if segment.top >= before.bottom:  # on a line of its own: where the line above says
                        band = (before.top + pitch, min(before.bottom + pitch, inside.shape[0] + y))
                        if not (band[0] - speck <= segment.top and segment.bottom <= band[1] + speck):
                            band = None  # not the next line: no context either (a page number below the text)
                    if band is not None or segment.top < before.bottom:
                        segment = Segment(segment.x0, segment.top, segment.x1, segment.bottom, region, before, band)
                segments.append(segment)
                before = segment
    return sorted(segments, key=lambda s: (s.top, s.x0)), line_height
