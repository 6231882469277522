"""reading: a page's segments → their text and each character's confidence.

Each segment is cropped (crops.py) and recognised (recognize.py); its marks are told Chinese or
ASCII, its quotes paired over the lines of its cell (marks.py), an unsure character that makes no
word given the model's next choice that does (spelling.py); then, bottom up, a colon or semicolon
ending a line is decided by the numbered item the cell's next line starts (marks.mark_before_item).
"""

from __future__ import annotations

import math

import numpy as np

from ...settings import ScanSettings
from .crops import own_part, segment_crop
from .marks import mark_before_item
from .recognize import recognize
from .rules import RuledPage
from .segments import Segment


def read_segments(
    ruled: RuledPage, segments: list[Segment], line_height: float, settings: ScanSettings, threads: int = -1
) -> list[tuple[str, list[float]]]:
    crops = [segment_crop(ruled.gray, segment, line_height) for segment in segments]
    readings = recognize([crop for crop, _, _ in crops], threads, settings.unsure)
    opened: dict[int, int] = {}  # quotes each cell's lines so far left open (one closed on the next line)
    texts = []
    for segment, reading, (_, start, end) in zip(segments, readings, crops, strict=True):
        room = 1 + math.ceil((segment.x1 - segment.x0) / (0.4 * line_height)) if line_height else 1  # half-width marks
        text, confidences, opened[segment.region] = own_part(
            reading, start, end, opened.get(segment.region, 0), settings, room
        )
        texts.append((text, confidences))
    following: dict[int, str] = {}  # each cell's next line, going bottom up
    for k in range(len(segments) - 1, -1, -1):
        text, confidences = texts[k]
        region = segments[k].region
        text = mark_before_item(text, confidences, following.get(region, ""), settings.unsure)
        texts[k] = (text, confidences)
        following[region] = text
    return [_through_seal(ruled.sealed, s, t, settings.guessed) for s, t in zip(segments, texts, strict=True)]


def _through_seal(sealed: np.ndarray | None, segment: Segment, text: tuple[str, list[float]], guessed: float):
    """A segment a seal's ink crossed was read with part of its strokes taken out with the seal's:
    each of its characters at most `guessed` sure, so that its cell is read against the page."""
    if sealed is None or not sealed[segment.top : segment.bottom, segment.x0 : segment.x1].any():
        return text
    return text[0], [min(c, guessed) for c in text[1]]
