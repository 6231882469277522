"""lines: a page's glyphs → visual lines (glyphs on one baseline, left to right) with their text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
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

    # computed once: every stage after this one asks for them, many times over
    @cached_property
    def size(self) -> float:
        return median(g.size for g in self.glyphs)

    @cached_property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @cached_property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @cached_property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @cached_property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)


_BY_TOP = attrgetter("top", "x0")
_BY_X0 = attrgetter("x0")


def group_lines(page: int, glyphs: list[Glyph], settings: PdfSettings = DEFAULT.pdf) -> list[VisualLine]:
    """Glyphs → lines: a glyph joins a line whose vertical middle it shares."""
    lines: list[list[Glyph]] = []
    reach: list[tuple[float, float]] = []  # the span of each line's first glyph, slack added
    slack = settings.line_slack
    for glyph in sorted(glyphs, key=_BY_TOP):
        middle = (glyph.top + glyph.bottom) / 2
        count = len(lines)
        for index in range(count - 3 if count > 3 else 0, count):  # sorted by top: one of the last begun
            low, high = reach[index]
            if low <= middle <= high:
                lines[index].append(glyph)
                break
        else:
            lines.append([glyph])
            reach.append((glyph.top - slack, glyph.bottom + slack))
    out = []
    for line in lines:
        ordered = tuple(sorted(line, key=_BY_X0))
        text = line_text(ordered, settings.ascii_gap)
        if text:
            out.append(VisualLine(page, ordered, text))
    return out
