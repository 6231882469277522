"""glyphs: a recognised segment → the PDF reader's glyphs, so that its table stages read a scan as
they read a printed PDF.

The characters are laid across the segment's ink by their printed widths (a CJK character one em,
ASCII half), the em being the segment's width over its text's: a line's ends, and so the room it
leaves in its cell, are where the ink is. Each glyph keeps its recognition confidence.
"""

from __future__ import annotations

from statistics import median

from ...core.text import text_width
from ..pdf.load import Glyph
from .segments import Segment

_BODY_EM = 10.5  # points: 五号, the body size of Chinese official documents, for a page too short to measure


def segment_glyphs(segment: Segment, text: str, confidences: list[float], scale: float, em: float) -> list[Glyph]:
    """scale: points a pixel; em: the page's usual em in points, for a segment too short to
    measure its own."""
    widths = [text_width(ch) for ch in text]
    total = sum(widths)
    if not total:
        return []
    width = (segment.x1 - segment.x0) * scale
    size = width / total if total >= 3 else em
    step = width / total  # the ink's own measure, so that the last glyph ends where the ink does
    top, bottom = segment.top * scale, segment.bottom * scale
    x = segment.x0 * scale
    glyphs = []
    for ch, w, confidence in zip(text, widths, confidences, strict=True):
        glyphs.append(Glyph(ch, round(x, 2), round(x + w * step, 2), round(top, 2), round(bottom, 2), size, confidence))
        x += w * step
    return glyphs


def page_glyphs(segments: list[Segment], texts: list[tuple[str, list[float]]], scale: float) -> list[Glyph]:
    """Every segment's glyphs; the page's usual em (points), for segments too short to measure it,
    from those of three ems or more."""
    ems = [
        (s.x1 - s.x0) * scale / w for s, (text, _) in zip(segments, texts, strict=True) if (w := text_width(text)) >= 3
    ]
    em = median(ems) if ems else _BODY_EM
    glyphs: list[Glyph] = []
    for segment, (text, confidences) in zip(segments, texts, strict=True):
        glyphs += segment_glyphs(segment, text, confidences, scale, em)
    return glyphs
