"""Readers: one per form an edition reaches us in, each making the same Document of it — the preface
and the three tables, every row's text placed in cells with its provenance — so that what follows
(normalize, validate, departments, outputs, diff, search) never knows the form.

The form is told by the content, not the file name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Document
from ..settings import DEFAULT, Settings
from .pdf import is_pdf, read_pdf
from .text import read_text


def read(
    path: Path, settings: Settings = DEFAULT, pdf_jobs: int | None = None, while_waiting: Callable | None = None
) -> Document:
    """pdf_jobs: processes a PDF's pages are parsed in (default: the reader decides); while_waiting:
    work for this process while they parse (called once in any case)."""
    if is_pdf(path):
        return read_pdf(path, settings, pdf_jobs, while_waiting)
    document = read_text(path, settings)
    if while_waiting:
        while_waiting()
    return document
