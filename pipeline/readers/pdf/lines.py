"""lines: a page's glyphs → visual lines (glyphs on one baseline, left to right) with their text."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ...settings import DEFAULT, PdfSettings
from .load import Glyph


def line_text(glyphs: tuple[Glyph, ...], ascii_gap: float) -> str:
    """A line's text. A space is kept where the PDF prints one next to ASCII text, or where two
    ASCII words stand apart (`ascii_gap` of a glyph's size); other gaps are justification and are
    dropped, and so is a space between two CJK characters, as on the text path."""
    out = ""
    previous = None
    spaced = False
    for glyph in glyphs:
        if glyph.text.isspace():
            spaced = True
            continue
        if previous is not None:
            ascii_pair = previous.text.isascii() and glyph.text.isascii()
            gap = glyph.x0 - previous.x1 > ascii_gap * glyph.size
            if (spaced and (previous.text.isascii() or glyph.text.isascii())) or (ascii_pair and gap):
                out += " "
        out += glyph.text
        previous, spaced = glyph, False
    return out


@dataclass(frozen=True)
class VisualLine:
    """Glyphs on one baseline, left to right."""

    page: int
    glyphs: tuple[Glyph, ...]
    text: str

    @property
    def size(self) -> float:
        return median(g.size for g in self.glyphs)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)


def group_lines(page: int, glyphs: list[Glyph], settings: PdfSettings = DEFAULT.pdf) -> list[VisualLine]:
    """Glyphs → lines: a glyph joins a line whose vertical middle it shares."""
    lines: list[list[Glyph]] = []
    slack = settings.line_slack
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        middle = (glyph.top + glyph.bottom) / 2
        for line in lines[-3:]:  # sorted by top: a glyph's line is one of the last begun
            if line[0].top - slack <= middle <= line[0].bottom + slack:
                line.append(glyph)
                break
        else:
            lines.append([glyph])
    out = []
    for line in lines:
        ordered = tuple(sorted(line, key=lambda g: g.x0))
        text = line_text(ordered, settings.ascii_gap)
        if text:
            out.append(VisualLine(page, ordered, text))
    return out
