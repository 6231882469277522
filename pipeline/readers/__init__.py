"""Readers: one per form an edition reaches us in, each making the same Document of it — the preface
and the three tables, every row's text placed in cells with its provenance — so that what follows
(normalize, validate, departments, outputs, diff, search) never knows the form.

The form is told by the content (readers/forms.py), not the file name. Word, Excel and web pages
hold cells already: their readers give paragraphs and grids, and readers/blocks.py makes the
Document of them; .doc/.wps go through LibreOffice to .docx first (readers/convert.py). A scan — a
PDF without a text layer, or an image — is read by OCR (readers/scan), into the PDF reader's stages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..model import Document, InputError, NoTextLayer, SourceText
from ..settings import DEFAULT, FileSettings, Settings
from .blocks import FileCells, read_blocks
from .convert import converted, has_soffice
from .docx import read_docx_cells
from .forms import sniff
from .pdf import read_pdf
from .scan import read_scan
from .sheets import read_sheet_cells
from .text import read_text
from .web import read_web_cells


def _xls_cells(path: Path, settings: FileSettings) -> FileCells:
    """An Excel 97–2003 workbook by xlrd; one xlrd cannot read (a WPS .et of its own kind) through
    LibreOffice, when it is there."""
    try:
        return read_sheet_cells(path, "xls", settings)
    except InputError:
        if not has_soffice():
            raise
    with converted(path, "xlsx") as xlsx:
        return read_sheet_cells(xlsx, "xlsx", settings)


def read_cells(path: Path, form: str, settings: Settings = DEFAULT) -> Document:
    """A Word, Excel or web-page file (form as sniff tells it) → Document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if form == "doc":
        with converted(path, "docx") as docx:
            cells = read_docx_cells(docx)
    elif form == "docx":
        cells = read_docx_cells(path)
    elif form == "xlsx":
        cells = read_sheet_cells(path, form, settings.files)
    elif form == "xls":
        cells = _xls_cells(path, settings.files)
    else:
        cells = read_web_cells(data, settings.files)
    source = SourceText(path.name, hashlib.sha256(data).hexdigest(), cells.encoding, (), form, cells.notes)
    return read_blocks(cells.blocks, source, settings, web_page=form == "html")


def read(
    path: Path,
    settings: Settings = DEFAULT,
    pdf_jobs: int | None = None,
    while_waiting: Callable | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """pdf_jobs: processes a PDF's (or a scan's) pages are read in (default: the reader decides);
    while_waiting: work for this process while they parse (called once in any case); progress:
    told (pages done, pages) as a scan's pages are recognised."""
    form = sniff(path, settings.files)
    if form == "pdf":
        try:
            return read_pdf(path, settings, pdf_jobs, while_waiting)
        except NoTextLayer:  # a scan wrapped as a PDF: its pages are pictures of text
            return read_scan(path, form, settings, pdf_jobs, progress)
    if form == "image":
        document = read_scan(path, form, settings, pdf_jobs, progress)
    else:
        document = read_text(path, settings) if form == "text" else read_cells(path, form, settings)
    if while_waiting:
        while_waiting()
    return document
