"""headers: which bands are a table's header row, and its labels left to right — a label may wrap
in its cell, a repeated header may share its band with the row fragment under it."""

from __future__ import annotations

from ...core.lists import LONGEST_LABEL, header_labels
from ...core.text import squash
from ...settings import DEFAULT, PdfSettings
from ...spec import LABELS, ListSpec
from .bands import Band
from .lines import group_lines
from .load import Glyph


def label_groups(glyphs: list[Glyph], settings: PdfSettings = DEFAULT.pdf) -> list[list[Glyph]]:
    """Header glyphs grouped into labels by horizontal overlap (a label may wrap in its cell)."""
    groups: list[list[Glyph]] = []
    reach = float("-inf")  # right edge of the current group
    for glyph in sorted(glyphs, key=lambda g: g.x0):
        if groups and glyph.x0 <= reach + settings.label_gap * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            reach = glyph.x1
        reach = max(reach, glyph.x1)
    return groups


def spell(group: list[Glyph]) -> str:
    """A header cell's text: its lines top to bottom, each left to right."""
    return "".join(g.text for g in sorted(group, key=lambda g: (round(g.top), g.x0)))


def header_variant(glyphs: list[Glyph], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> tuple[str, ...] | None:
    """The labels, left to right, if the glyphs are a header of `spec`'s table (one label per column)."""
    printed = [g for g in glyphs if g.text.strip()]
    if len(printed) > len(spec.roles) * LONGEST_LABEL:
        return None  # a body row: more text than any header has
    labels = tuple(squash(spell(group)) for group in label_groups(printed, settings))
    if any(label not in LABELS for label in labels):
        return None
    return labels if header_labels("".join(labels), spec) == labels else None


def split_header(band: Band, spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> tuple[Band | None, Band | None]:
    """(header, body) of a band: a repeated header may share its band with the row fragment
    under it when the producer draws no rule between them."""
    lines = group_lines(band.page, band.glyphs, settings)
    for k in range(1, min(len(lines), settings.header_lines) + 1):
        glyphs = [g for line in lines[:k] for g in line.glyphs]
        if header_variant(glyphs, spec, settings):
            rest = [g for line in lines[k:] for g in line.glyphs]
            bottom = max(g.bottom for g in glyphs)
            header = Band(band.page, band.top, bottom, glyphs)
            return header, (Band(band.page, bottom, band.bottom, rest) if rest else None)
    return None, band
