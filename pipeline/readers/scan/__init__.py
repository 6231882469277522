"""The scan reader: a scanned edition (an image-only PDF, PNG, JPEG, TIFF) → Document, by OCR.

images (each page's pixels) → rules (ink, the page turned straight, the ruling lines) → segments
(each line of text within its cell) → reading (crops → recognize, PP-OCRv4: characters, their
confidences and next choices → marks, spelling: the punctuation and words Chinese text prints) →
glyphs (placed across their ink) → the PDF reader's own table stages (readers/pdf.read_loaded):
bands, headers, columns, merged cells, rows over page breaks, furniture. A scan is a PDF whose
glyphs were read from pixels, each with the confidence it was read with; the boxes of the records
carry the lowest, and the `ocr` check names every cell read less surely than the setting.

Needs the extra qingdan[ocr] (rapidocr-onnxruntime, OpenCV); without it a scan is refused saying so.
Pages are read in parallel processes (`jobs`), each process one thread of inference.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ...model import Document, InputError
from ...processes import quiet_worker
from ...settings import DEFAULT, ScanSettings, Settings
from ..pdf import read_loaded
from ..pdf.load import PdfDocument, PdfPage
from .recognize import EXTRA, ocr_available

if TYPE_CHECKING:  # segments.py needs OpenCV, which only a scan may import
    from .segments import Segment

__all__ = ["read_scan", "ocr_available", "EXTRA"]


def ocr_page(path: Path, form: str, index: int, settings: ScanSettings, threads: int = -1) -> PdfPage:
    """One page read: its glyphs (with confidences) and rules, in points as a PDF's."""
    from .glyphs import page_glyphs
    from .images import page_image
    from .reading import read_segments
    from .rules import ruled_page, rules_in_points
    from .segments import page_segments

    image = page_image(path, form, index, settings)
    dpi = image.dpi
    ruled = ruled_page(image, settings)
    segments, line_height = page_segments(ruled, dpi, settings)
    if len(segments) > settings.max_segments:  # noise, or a picture: reading it would take hours
        raise InputError(f"page {index + 1}: {len(segments)} stretches of ink, more than a list prints: not text")
    texts = read_segments(ruled, segments, line_height, settings, threads)
    scale = 72 / dpi  # points a pixel
    glyphs = page_glyphs(segments, texts, scale)
    rules = tuple(rules_in_points(ruled, scale))
    notes = _page_notes(ruled.skew, segments, texts, scale, settings)
    return PdfPage(index + 1, ruled.gray.shape[1] * scale, tuple(glyphs), rules, notes=notes)


def _page_notes(
    skew: float, segments: list[Segment], texts: list[tuple[str, list[float]]], scale: float, settings: ScanSettings
) -> tuple[str, ...]:
    """What reading the page could not do, for the `reading` check: a turn too far to take out, and
    ink the model read as no text at all (where nothing was read, no confidence can flag it)."""
    notes = []
    if abs(skew) > settings.max_skew:
        notes.append(f"the page is turned {skew:.1f}°, more than a scanner's skew: read as it is")
    for s, (text, _) in zip(segments, texts, strict=True):
        if not text:
            at = f"({s.x0 * scale:.0f}, {s.top * scale:.0f})–({s.x1 * scale:.0f}, {s.bottom * scale:.0f})"
            notes.append(f"ink read as no text at {at}")
    return tuple(notes)


def _ocr_task(task: tuple[Path, str, int, ScanSettings]) -> PdfPage:
    return ocr_page(*task, threads=1)


def read_scan(
    path: Path,
    form: str,
    settings: Settings = DEFAULT,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """form: pdf or image. progress(done, pages) after each page."""
    if not ocr_available():
        raise InputError(f"a scan (no text layer): reading it needs OCR, the extra {EXTRA}")
    from .images import page_count

    count = page_count(path, form)
    if not count:
        raise InputError("the scan has no pages")
    jobs_asked, jobs = jobs, max(1, min(jobs or os.cpu_count() or 1, count))
    tasks = [(path, form, index, settings.scan) for index in range(count)]
    pages: list[PdfPage] = []
    if jobs == 1:  # asked for one process (a batch's worker): one thread; else onnxruntime takes the cores
        threads = 1 if jobs_asked is not None else -1
        for task in tasks:
            pages.append(ocr_page(*task, threads=threads))
            if progress:
                progress(len(pages), count)
    else:
        with ProcessPoolExecutor(jobs, initializer=quiet_worker) as pool:
            for page in pool.map(_ocr_task, tasks):
                pages.append(page)
                if progress:
                    progress(len(pages), count)
    if not any(page.glyphs for page in pages):
        raise InputError("no text found on the scan")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return read_loaded(PdfDocument(path.name, digest, tuple(pages)), settings, form="scan")
