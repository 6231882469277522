"""The PDF reader: a published PDF → Document, read from the page geometry instead of guessed from
wrap widths.

load (glyphs and ruling lines, pdfplumber) → document (page text; each list's bands between the
horizontal rules, headers among them) → columns (vertical rules, or the river between header
labels) → rows (a band without a number continues the row above; each cell's lines become pieces
whose line breaks core.cells decides, as on the text path).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...core.grid import Numberer
from ...core.lists import LayoutError, list_order
from ...model import AssignedTable, ColumnWidths, Document, PagedText, Section, Sections, SourceText, TableRows
from ...settings import DEFAULT, Settings
from ...spec import KEYS
from .document import TableBuild, read_document
from .headers import header_variant, join_split_headers, read_header
from .load import PdfDocument, load_pdf
from .rows import assemble, build_rows

__all__ = ["read_pdf", "read_loaded"]


def read_pdf(
    path: Path, settings: Settings = DEFAULT, jobs: int | None = None, while_waiting: Callable | None = None
) -> Document:
    if settings.pdf.engine == "pdfium":
        from .pdfium import load_pdfium as load
    else:
        load = load_pdf
    return read_loaded(load(path, jobs, while_waiting, settings.pdf.pages_per_process), settings)


def _read_table(
    table: TableBuild, pages: dict, numberer: Numberer, settings: Settings
) -> tuple[Section, AssignedTable]:
    if not table.bands:
        raise LayoutError(
            f"{table.spec.title}: no ruled rows under the title (PDF tables are read from their ruling lines)"
        )
    table.bands = join_split_headers(table.bands, table.spec, settings.pdf)
    headers = [band for band in table.bands if header_variant(band.glyphs, table.spec, settings.pdf)]
    if not headers:
        refusal = next(
            (
                found
                for band in table.bands[:3]
                if isinstance(found := read_header(band.glyphs, table.spec), LayoutError)
            ),
            None,
        )
        raise refusal or LayoutError(f"{table.spec.title}: no header row above its rows")
    table.template = header_variant(headers[0].glyphs, table.spec, settings.pdf)
    rows, edges_by_page = build_rows(table, pages, settings)
    return assemble(table, rows, edges_by_page, numberer, settings)


def read_loaded(doc: PdfDocument, settings: Settings = DEFAULT, form: str = "pdf") -> Document:
    """The Document of a loaded PDF (or of a scan's recognised pages, form "scan"): a list whose
    table does not fit is left empty, its problem said."""
    text = read_document(doc, settings.pdf)
    list_order({table.spec.key: index for index, table in enumerate(text.tables)})
    pages = {page.number: page for page in doc.pages}
    sections: list[Section] = []
    assigned: dict[str, AssignedTable] = {}
    for table in text.tables:
        try:
            section, result = _read_table(table, pages, text.numberer, settings)
        except LayoutError as exc:
            section = Section(
                table.spec.key, table.title, None, (), tuple(table.removed), tuple(table.unplaced), str(exc)
            )
            result = AssignedTable(TableRows(section, (), ()), ColumnWidths({}), ())
        sections.append(section)
        assigned[table.spec.key] = result
    numbered = text.numberer.lines
    source = SourceText(doc.name, doc.sha256, form, tuple(line.text for line in numbered), form, doc.notes)
    starts = []
    for line in sorted(numbered, key=lambda x: (x.page, x.number)):
        if not starts or numbered[starts[-1] - 1].page != line.page:
            starts.append(line.number)
    paged = PagedText(source, tuple(numbered), tuple(starts), tuple(text.footers))
    preface = Section("preface", None, None, tuple(text.preface), ())
    sections.sort(key=lambda s: KEYS.index(s.key))
    tables = {key: assigned[key] for key in KEYS}
    return Document(paged, Sections(paged, preface, tuple(sections), tuple(text.sign_off)), tables)
