"""bands: a page → its bands, the strips between horizontal table rules (each a row, a row's
fragment or a header), plus the text under the last rule that a page break cut off."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.grammar import footer_numbers
from ...core.lists import title_spec
from ...settings import DEFAULT, PdfSettings
from .lines import group_lines
from .load import Glyph, PdfPage


@dataclass
class Band:
    page: int
    top: float
    bottom: float
    glyphs: list[Glyph]
    open: bool = False  # no rule under it: a row the page break cut, or text after the table


def distinct(positions, gap: float) -> list[float]:
    """Sorted positions with those within `gap` of the one before dropped (a rule drawn twice)."""
    merged: list[float] = []
    for position in sorted(positions):
        if not merged or position - merged[-1] > gap:
            merged.append(position)
    return merged


def horizontal_rules(page: PdfPage, settings: PdfSettings = DEFAULT.pdf) -> list[float]:
    """The tops of the rules that span a table's width (a share of the page's)."""
    spanning = (r.top for r in page.rules if r.horizontal and r.x1 - r.x0 >= settings.rule_share * page.width)
    return distinct(spanning, settings.rule_merge)


def page_bands(page: PdfPage, settings: PdfSettings = DEFAULT.pdf) -> list[Band]:
    rules = horizontal_rules(page, settings)
    bands: list[Band] = []
    for top, bottom in zip(rules, rules[1:], strict=False):
        members = [g for g in page.glyphs if top <= (g.top + g.bottom) / 2 <= bottom]
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
