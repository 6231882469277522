"""load: a PDF file → PdfDocument (glyphs and ruling lines with positions, per page).

pdfplumber (pdfminer) reads the pages; parsing is nearly all the cost, so long documents are
read in a few processes at once, page ranges apiece. Unreadable PDFs — not a PDF, truncated
or corrupt, encrypted, or without a text layer (a scan) — are refused with a one-line reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ...core.text import strip_controls
from ...model import InputError, NoTextLayer
from ...processes import quiet_worker
from ...settings import DEFAULT


@dataclass(frozen=True, slots=True)  # tens of thousands a document: no __dict__ each
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    confidence: float | None = None  # a scan's: how sure recognition was of it (None: printed text)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line or a rectangle's edge: horizontal when `horizontal`, else vertical."""

    horizontal: bool
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    controls: str = ""  # code points of control characters the text layer held (dropped)
    notes: tuple[str, ...] = ()  # what reading repaired or could not do on this page (pdfminer's, a scan's)


@dataclass(frozen=True)
class PdfDocument:
    name: str
    sha256: str
    pages: tuple[PdfPage, ...]

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """(where, what) of what reading repaired or dropped: control characters, pdfminer's repairs."""
        out = []
        for page in self.pages:
            where = f"page {page.number}"
            if page.controls:
                out.append((where, f"control characters {page.controls} removed"))
            out += [(where, note) for note in page.notes]
        return tuple(out)


class _Notes(logging.Handler):
    """pdfminer's warnings, kept for the report instead of printed on the terminal."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = strip_controls(record.getMessage())[0][:200]
        if message not in self.messages:
            self.messages.append(message)


def _page(number: int, page, notes: _Notes) -> PdfPage:
    notes.messages = []
    glyphs, controls = [], []
    for c in page.chars:
        text, codes = strip_controls(c["text"])
        controls += codes.split()
        if text and c.get("upright", True):
            glyphs.append(Glyph(text, c["x0"], c["x1"], c["top"], c["bottom"], c["size"]))
    rules = tuple(
        Rule(e["orientation"] == "h", e["x0"], e["x1"], e["top"], e["bottom"])
        for e in page.edges
        if e.get("orientation") in ("h", "v")
    )
    codes = " ".join(sorted(set(controls)))
    return PdfPage(
        number, float(page.width), tuple(glyphs), rules, codes, tuple(f"pdfminer: {m}" for m in notes.messages)
    )


def load_pdf(
    path: Path, jobs: int | None = None, while_waiting=None, pages_per_process: int = DEFAULT.pdf.pages_per_process
) -> PdfDocument:
    """jobs: processes to parse with (default: the cores, one per `pages_per_process` pages);
    while_waiting: work for this process while the others parse (called once in any case)."""
    count = read_pages(path, None)
    jobs = max(1, min(jobs or os.cpu_count() or 1, count // pages_per_process))
    bounds = [round(i * count / jobs) for i in range(jobs + 1)]
    spans = [(path, range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    if jobs == 1:
        pages = _read_span(spans[0])
        if while_waiting:
            while_waiting()
    else:
        with ProcessPoolExecutor(jobs, initializer=quiet_worker) as pool:
            chunks = pool.map(_read_span, spans)  # submitted now; this process is free meanwhile
            if while_waiting:
                while_waiting()
            pages = tuple(page for chunk in chunks for page in chunk)
    if not pages:
        raise InputError("PDF has no pages")
    if not any(page.glyphs for page in pages):
        raise NoTextLayer("no text layer: a scan")
    return PdfDocument(path.name, hashlib.sha256(path.read_bytes()).hexdigest(), pages)


def _read_span(span: tuple[Path, range]) -> tuple[PdfPage, ...]:
    return read_pages(*span)


def read_pages(path: Path, indexes: range | list[int] | None):
    """The pages at `indexes` (0-based), or with None only how many pages there are."""
    import pdfplumber  # imported here: the text path does not need it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    # pdfminer logs what it repairs (a missing CropBox, a bad xref): into the report, not onto
    # the terminal; what stops it is refused below
    logger = logging.getLogger("pdfminer")
    logger.propagate, notes = False, _Notes()
    logger.addHandler(notes)
    try:
        with warnings.catch_warnings(), pdfplumber.open(path) as pdf:
            warnings.simplefilter("ignore")
            if indexes is None:
                return len(pdf.pages)
            return tuple(_page(i + 1, pdf.pages[i], notes) for i in indexes)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(cause).lower():
            raise InputError("encrypted PDF: it needs a password to be read") from None
        raise InputError(f"corrupt or truncated PDF: {cause}") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError("encrypted PDF: it needs a password to be read") from None
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputError(f"corrupt or truncated PDF: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(notes)
