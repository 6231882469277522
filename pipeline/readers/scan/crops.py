"""crops: a segment → the pixels the model reads it in, and back from what it read to the segment.

The model reads lines. A segment is given a line's height of white paper round it; a narrow one
(a mark wrapped alone onto the next line, a colon a gap set apart) is read joined to the end of the
text before it in its cell, and keeps only what was read in its own part: alone, a semicolon four
pixels wide is as likely a colon, and next to the words it ends it is not.
"""

from __future__ import annotations

import numpy as np

from ...settings import ScanSettings
from .marks import chinese_marks, unread_between
from .recognize import Reading
from .segments import Segment
from .spelling import lexical_choice


def _rows(gray, top: int, bottom: int, x0: int, x1: int, tall: int):
    """gray[top:bottom, x0:x1] centred in `tall` rows of white paper."""

    height = bottom - top
    out = np.full((max(tall, height), x1 - x0), 255, np.uint8)
    start = (out.shape[0] - height) // 2
    out[start : start + height] = gray[top:bottom, x0:x1]
    return out


def segment_crop(gray, segment: Segment, line_height: float):
    """(the pixels to read a segment in, where its own part begins, where its ink ends): the segment
    on white paper, a line high at least; a narrow one after the end of the text before it in its
    cell, so that a mark alone (a semicolon wrapped to the next line) is read as the end of a line is."""

    tall = max(segment.bottom - segment.top, int(line_height))
    margin = max(4, tall // 4)
    parts, start = [], 0
    if segment.context is not None:
        before = segment.context
        tall = max(tall, before.bottom - before.top)
        parts.append(_rows(gray, before.top, before.bottom, max(before.x0, before.x1 - 4 * tall), before.x1, tall))
        gap = min(segment.x0 - before.x1, tall) if segment.band is None and segment.x0 > before.x1 else tall // 6
        parts.append(np.full((tall, max(gap, 1)), 255, np.uint8))
        start = margin + sum(p.shape[1] for p in parts) - gap / 2
    top, bottom = segment.band or (segment.top, segment.bottom)
    parts.append(_rows(gray, top, bottom, segment.x0, segment.x1, tall))
    tall = max(p.shape[0] for p in parts)
    row = np.hstack([_rows(p, 0, p.shape[0], 0, p.shape[1], tall) if p.shape[0] < tall else p for p in parts])
    crop = np.full((tall + 2 * margin, row.shape[1] + 2 * margin), 255, np.uint8)
    crop[margin:-margin, margin:-margin] = row
    return crop, start, crop.shape[1] - margin


def own_part(
    reading: Reading, start: float, end: float, opened: int, settings: ScanSettings, own_room: int
) -> tuple[str, list[float], int]:
    """The characters read in the segment's own part of its crop — Chinese marks told from ASCII
    ones with what was read before them (marks.chinese_marks), an unsure character that makes no
    word replaced by a next choice that does (spelling.lexical_choice) — their confidences (low
    either side of room for a character nothing was read in: marks.unread_between), and
    the quotes left open after them. `own_room`: how many characters the segment's own part has
    room for (a narrow one read after its context)."""
    from ...core.terms import lexicon

    text, confidences, left_open = chinese_marks(reading, settings.guessed, opened, start)
    text = lexical_choice(text, confidences, reading.alternatives, settings.unsure, lexicon().is_word)
    confidences = unread_between(reading, text, confidences, settings.guessed, start, end)  # flags, never respells
    kept = [k for k, center in enumerate(reading.centers) if center >= start]
    if start and len(kept) > own_room:  # what the model placed past the context's end but cannot fit in the segment
        kept = kept[-own_room:]
    return "".join(text[k] for k in kept), [confidences[k] for k in kept], left_open
