"""columns: where a table's columns part on each of its pages — at its vertical rules, or in a table
ruled only horizontally, at the white "river" of the body text between neighbouring header labels."""

from __future__ import annotations

import math

from ...core.lists import LayoutError
from ...model import Template
from ...settings import DEFAULT, PdfSettings
from ...spec import BY_KEY
from .bands import Band, distinct
from .document import TableBuild
from .headers import header_variant, label_cells, label_groups, spell
from .load import Glyph, PdfPage


def vertical_boundaries(
    page: PdfPage, band: Band, ncols: int, settings: PdfSettings = DEFAULT.pdf
) -> list[float] | None:
    """The x of the vertical rules that span the band, if they part it into `ncols` columns."""
    tolerance = settings.rule_span
    spanning = (
        r.x0
        for r in page.rules
        if not r.horizontal and r.top <= band.top + tolerance and r.bottom >= band.bottom - tolerance
    )
    edges = distinct(spanning, settings.rule_merge)
    return edges if len(edges) == ncols + 1 else None


def river(left: float, right: float, body: list[Glyph]) -> float:
    """The middle of the widest stretch of [left, right] that no body glyph covers."""
    spans = sorted((g.x0, g.x1) for g in body if g.x1 > left and g.x0 < right)
    best = (0.0, (left + right) / 2)
    reach = left
    for x0, x1 in spans + [(right, right)]:
        if x0 - reach > best[0]:
            best = (x0 - reach, (reach + x0) / 2)
        reach = max(reach, x1)
    return best[1]


def header_boundaries(
    header: list[Glyph], template: Template, body: list[Glyph], settings: PdfSettings = DEFAULT.pdf
) -> list[float]:
    """Column boundaries of a table without vertical rules: from its header labels and body; the
    first and last columns reach as far as the page goes."""
    cells = label_cells(header, BY_KEY[template.key], settings) or []
    groups = [glyphs for _, _, glyphs in cells]
    if tuple(label for _, label, _ in cells) != template.labels:
        spelled = [spell(group) for group in label_groups(header, settings)]
        raise LayoutError(f"cannot find the columns: header labels read {spelled}, expected {list(template.labels)}")
    edges = [-math.inf]
    for a, b in zip(groups, groups[1:], strict=False):
        edges.append(river(max(g.x1 for g in a), min(g.x0 for g in b), body))
    edges.append(math.inf)
    return edges


def boundaries_by_page(
    table: TableBuild, pages: dict[int, PdfPage], settings: PdfSettings = DEFAULT.pdf
) -> dict[int, list[float]]:
    """Column boundaries for every page the table is on (a page without a header of its own takes
    the last page's header labels)."""
    ncols = len(table.template.columns)
    out: dict[int, list[float]] = {}
    last_header: list[Glyph] | None = None
    for page_number in dict.fromkeys(band.page for band in table.bands):
        bands = [b for b in table.bands if b.page == page_number]
        headers = [b for b in bands if header_variant(b.glyphs, table.spec, settings)]
        body = [g for b in bands if b not in headers for g in b.glyphs]
        page = pages[page_number]
        ruled = next((e for b in bands if (e := vertical_boundaries(page, b, ncols, settings)) is not None), None)
        if ruled is not None:
            out[page_number] = ruled
            continue
        if headers:
            last_header = headers[0].glyphs
        if last_header is None:
            raise LayoutError(f"page {page_number}: a table without vertical rules and without a header row")
        out[page_number] = header_boundaries(last_header, table.template, body, settings)
    return out
