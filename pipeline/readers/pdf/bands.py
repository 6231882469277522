"""bands: a page → its bands, the strips between horizontal table rules (each a row, a row's
fragment or a header), plus the text under the last rule that a page break cut off."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...core.grammar import footer_numbers
from ...core.lists import title_spec
from ...settings import DEFAULT, PdfSettings
from .lines import VisualLine, group_lines
from .load import Glyph, PdfPage


@dataclass
class Band:
    page: int
    top: float
    bottom: float
    glyphs: list[Glyph]
    open: bool = False  # no rule under it: a row the page break cut, or text after the table
    _lines: tuple[PdfSettings, list[VisualLine]] | None = field(default=None, compare=False, repr=False)

    def lines(self, settings: PdfSettings = DEFAULT.pdf) -> list[VisualLine]:
        """Its glyphs grouped into lines (once per settings: the document, its header and its rows all ask)."""
        if self._lines is None or self._lines[0] != settings:
            self._lines = (settings, group_lines(self.page, self.glyphs, settings))
        return self._lines[1]


def distinct(positions, gap: float) -> list[float]:
    """Sorted positions with those within `gap` of the one before dropped (a rule drawn twice)."""
    merged: list[float] = []
    for position in sorted(positions):
        if not merged or position - merged[-1] > gap:
            merged.append(position)
    return merged


def horizontal_rules(page: PdfPage, settings: PdfSettings = DEFAULT.pdf) -> list[float]:
    """The heights of the rules that part a table's rows: across a share of the page's width. A rule
    may be drawn in pieces, cell by cell (WPS and Word draw each cell's border as its own thin
    rectangle), with holes where a cell is merged with the one below: the pieces at one height
    count together when they cover a good part of the stretch they span."""
    pieces = sorted((r.top, r.x0, r.x1) for r in page.rules if r.horizontal)
    spanning: list[float] = []
    group: list[tuple[float, float, float]] = []
    for piece in pieces + [(float("inf"), 0.0, 0.0)]:
        if group and piece[0] - group[0][0] > settings.rule_merge:
            extent = max(x1 for _, _, x1 in group) - min(x0 for _, x0, _ in group)
            if extent >= settings.rule_share * page.width and _covered(group) >= settings.rule_cover * extent:
                spanning.append(group[0][0])
            group = []
        group.append(piece)
    return distinct(spanning, settings.rule_merge)


def _covered(pieces: list[tuple[float, float, float]]) -> float:
    """The length the pieces (y, x0, x1) cover, overlaps counted once."""
    total, reach = 0.0, float("-inf")
    for _, x0, x1 in sorted(pieces, key=lambda p: p[1]):
        if x1 > reach:
            total += x1 - max(x0, reach)
            reach = x1
    return total


def page_bands(page: PdfPage, settings: PdfSettings = DEFAULT.pdf) -> list[Band]:
    rules = horizontal_rules(page, settings)
    bands: list[Band] = []
    by_middle = sorted(((g.top + g.bottom) / 2, i) for i, g in enumerate(page.glyphs))
    middles = [middle for middle, _ in by_middle]
    for top, bottom in zip(rules, rules[1:], strict=False):
        inside = by_middle[bisect_left(middles, top) : bisect_right(middles, bottom)]
        members = [page.glyphs[i] for i in sorted(i for _, i in inside)]  # in the page's order
        if members:
            bands.append(Band(page.number, top, bottom, members))
    # a row cut by the page end has no rule under it: the text between the last rule and the
    # footer is one more band
    if rules:
        below = [g for g in page.glyphs if (g.top + g.bottom) / 2 > rules[-1]]
        lines = [line for line in group_lines(page.number, below, settings) if not footer_numbers(line.text)]
        if lines and not any(title_spec(line.text) for line in lines):
            glyphs = [g for line in lines for g in line.glyphs]
            bands.append(Band(page.number, rules[-1], max(g.bottom for g in glyphs), glyphs, open=True))
    return bands
