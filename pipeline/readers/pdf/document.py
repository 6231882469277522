"""document: a PdfDocument's pages in order → the page text (preface lines, list titles, footers,
text outside every row) and, per list, the bands of its table.

Every line gets a running number, so PDF lines can be cited in checks and explain like text lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.grammar import footer_numbers, sign_off_lines
from ...core.grid import Numberer
from ...core.lists import second_title, title_spec
from ...model import Line, Template
from ...settings import DEFAULT, PdfSettings
from ...spec import ListSpec
from .bands import Band, page_bands
from .headers import split_header
from .lines import VisualLine, group_lines
from .load import PdfDocument


@dataclass
class TableBuild:
    """A list's table as its pages show it: title, bands in page order, what else its pages print."""

    spec: ListSpec
    title: Line
    template: Template | None = None  # the columns its header prints
    bands: list[Band] = field(default_factory=list)
    removed: list[Line] = field(default_factory=list)  # the title repeated on the list's next pages
    unplaced: list[Line] = field(default_factory=list)  # text on its pages outside every row
    # text in a row's band but in no column: past the table's outer edges (a table wider than the page,
    # printed clipped, has its cells' ends there) — unplaced too, never dropped
    outside: list[VisualLine] = field(default_factory=list)


def visual_line(numberer: Numberer, visual: VisualLine) -> Line:
    return numberer.line(visual.text, visual.page, key=visual)


@dataclass
class PageText:
    preface: list[Line]
    footers: list[tuple[int, int, int | None]]  # (line number, printed page N, printed total M)
    tables: list[TableBuild]
    numberer: Numberer
    sign_off: list[Line] = field(default_factory=list)  # who issued it and when, after the last table


def read_document(doc: PdfDocument, settings: PdfSettings = DEFAULT.pdf) -> PageText:
    """The page text and the tables' bands, in page order. A list titled twice is refused."""
    numberer = Numberer()
    preface: list[Line] = []
    footers: list[tuple[int, int, int]] = []
    tables: list[TableBuild] = []
    for page in doc.pages:
        bands = page_bands(page, settings)
        # text outside the bands, and bands holding a title, are page text
        events: list[tuple[float, object]] = []
        for band in bands:
            lines = band.lines(settings)
            if any(title_spec(line.text) for line in lines):
                events.extend((line.top, line) for line in lines)
            else:
                events.append((band.top, band))
        inside = {id(g) for band in bands for g in band.glyphs}
        outside = [g for g in page.glyphs if id(g) not in inside]
        events.extend((line.top, line) for line in group_lines(page.number, outside, settings))
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, Band) and not tables:  # rules before any list: the preface's
                preface.extend(visual_line(numberer, v) for v in event.lines(settings))
                continue
            if isinstance(event, Band):
                header, body = split_header(event, tables[-1].spec, settings)
                tables[-1].bands.extend(b for b in (header, body) if b is not None)
                continue
            line = visual_line(numberer, event)
            spec = title_spec(event.text)
            printed = footer_numbers(event.text)
            if spec is not None and tables and tables[-1].spec is spec:
                tables[-1].removed.append(line)  # the title repeated on the list's next page
            elif spec is not None:
                if any(t.spec is spec for t in tables):
                    raise second_title(f"page {page.number}", spec.title)
                tables.append(TableBuild(spec, line))
            elif printed:
                footers.append((line.number, *printed))
            elif tables:
                tables[-1].unplaced.append(line)  # text on a table's pages outside its rows
            else:
                preface.append(line)
    for table in tables:  # text under a table's last rule that no later page continues
        if table.bands and table.bands[-1].open:
            last = table.bands.pop()
            table.unplaced.extend(visual_line(numberer, v) for v in last.lines(settings))
    sign_off: list[Line] = []
    if tables:  # the last table's last lines outside its rows may be the document's sign-off
        unplaced = tables[-1].unplaced
        k = sign_off_lines([line.text for line in unplaced])
        if k:
            sign_off, tables[-1].unplaced = unplaced[-k:], unplaced[:-k]
    return PageText(preface, footers, tables, numberer, sign_off)
