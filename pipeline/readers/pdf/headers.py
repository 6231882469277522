"""headers: which bands are a table's header row, and its labels left to right — a label may wrap
in its cell, a repeated header may share its band with the row fragment under it."""

from __future__ import annotations

from itertools import islice

from ...core.lists import LONGEST_LABEL, header_labels
from ...core.text import squash
from ...settings import DEFAULT, PdfSettings
from ...spec import LABELS, PARENT_LABELS, ListSpec
from .bands import Band
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


def label_cells(glyphs: list[Glyph], settings: PdfSettings = DEFAULT.pdf) -> list[tuple[str, list[Glyph]]] | None:
    """(label, its glyphs) of each column of a header, left to right; None if a cell reads as no label.
    A two-level header's upper label (上级部门 over 部门名称 | 部门职责) names no column: the lower
    labels do."""
    cells = []
    for group in label_groups(glyphs, settings):
        text = squash(spell(group))
        if text in LABELS:
            cells.append((text, group))
            continue
        if text in PARENT_LABELS:
            continue
        parent = next((p for p in PARENT_LABELS if text.startswith(p) and text[len(p) :] in LABELS), None)
        if parent is None:
            return None
        top = min(round(g.top) for g in group)  # the upper label overlaps one lower label: its line goes
        cells.append((text[len(parent) :], [g for g in group if round(g.top) != top]))
    return cells


def header_variant(glyphs: list[Glyph], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> tuple[str, ...] | None:
    """The labels, left to right, if the glyphs are a header of `spec`'s table (one label per column)."""
    most = len(spec.roles) * LONGEST_LABEL + max(map(len, PARENT_LABELS))
    printed = list(islice((g for g in glyphs if g.text.strip()), most + 1))  # every band is asked: stop early
    if len(printed) > most:
        return None  # a body row: more text than any header has
    cells = label_cells(printed, settings)
    if cells is None:
        return None
    labels = tuple(label for label, _ in cells)
    return labels if header_labels("".join(labels), spec) == labels else None


def join_split_headers(bands: list[Band], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> list[Band]:
    """Bands with a header that a rule parts in two (a two-level header: 上级部门 above 部门名称 and
    部门职责, parted from them by a rule under it only) joined back into one band."""
    out: list[Band] = []
    for band in bands:
        previous = out[-1] if out else None
        if previous is not None and previous.page == band.page and not header_variant(previous.glyphs, spec, settings):
            joined = Band(band.page, previous.top, band.bottom, previous.glyphs + band.glyphs)
            if header_variant(joined.glyphs, spec, settings):
                out[-1] = joined
                continue
        out.append(band)
    return out


def split_header(band: Band, spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> tuple[Band | None, Band | None]:
    """(header, body) of a band: a repeated header may share its band with the row fragment
    under it when the producer draws no rule between them."""
    lines = band.lines(settings)
    for k in range(1, min(len(lines), settings.header_lines) + 1):
        glyphs = [g for line in lines[:k] for g in line.glyphs]
        if header_variant(glyphs, spec, settings):
            rest = [g for line in lines[k:] for g in line.glyphs]
            bottom = max(g.bottom for g in glyphs)
            header = Band(band.page, band.top, bottom, glyphs)
            return header, (Band(band.page, bottom, band.bottom, rest) if rest else None)
    return None, band
