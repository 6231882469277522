"""images: a scanned edition → its pages as grayscale pixel arrays, and how many pixels an inch.

An image-only PDF is rendered by pdfium at the resolution its largest image was scanned at (between
ScanSettings.min_dpi and max_dpi: a page no finer than that holds no more, and a coarser one is
enlarged so that small print still reaches the recogniser's line height); image files (PNG, JPEG,
TIFF, a multi-page TIFF) are read by Pillow at the resolution they state, or as A4 when they state
none. A colour page is read through its red channel, its reddish pixels made white: the red seal
stamped over the text fades, JPEG's pink fringes round its strokes too, while black print (over the
seal too) stays black.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...model import InputError
from ...settings import ScanSettings

_A4_LONG_INCHES = 11.69


def page_count(path: Path, form: str) -> int:
    if form == "pdf":
        document = _open_pdf(path)
        try:
            return len(document)
        finally:
            document.close()

    with _open_image(path) as image:
        return getattr(image, "n_frames", 1)


def page_image(path: Path, form: str, index: int, settings: ScanSettings) -> tuple[np.ndarray, float]:
    """(page `index` (0-based) in gray levels 0–255, its dots per inch)."""
    if form == "pdf":
        return _pdf_page(path, index, settings)

    with _open_image(path) as image:
        image.seek(index)
        frame = image.convert("RGB") if image.mode not in ("L", "1", "I;16") else image.convert("L")
        stated = image.info.get("dpi", (0, 0))[0]
        dpi = float(stated) if stated and stated > 30 else max(frame.size) / _A4_LONG_INCHES
        pixels = np.asarray(frame)
    gray = _without_red(pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2]) if pixels.ndim == 3 else pixels
    return _to_working_dpi(np.ascontiguousarray(gray), dpi, settings)


_REDDISH = 30  # levels by which red outshines green and blue: a seal's ink, or print seen through it
_BLACK = 160  # a reddish pixel darker than this in red is print over the seal, kept


def _without_red(red: np.ndarray, green: np.ndarray, blue: np.ndarray) -> np.ndarray:
    gray = red.copy()
    gray[(red.astype(np.int16) - np.maximum(green, blue) > _REDDISH) & (red > _BLACK)] = 255
    return gray


def _to_working_dpi(gray: np.ndarray, dpi: float, settings: ScanSettings) -> tuple[np.ndarray, float]:
    """A page coarser than min_dpi enlarged to it (the recogniser needs its line height)."""
    if dpi >= settings.min_dpi:
        return gray, dpi
    import cv2

    factor = settings.min_dpi / dpi
    size = (round(gray.shape[1] * factor), round(gray.shape[0] * factor))
    return cv2.resize(gray, size, interpolation=cv2.INTER_CUBIC), settings.min_dpi


def _pdf_page(path: Path, index: int, settings: ScanSettings) -> tuple[np.ndarray, float]:
    import pypdfium2 as pdfium

    document = _open_pdf(path)
    try:
        page = document[index]
        width_pt = page.get_width()
        widest = 0
        for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            widest = max(widest, obj.get_metadata().width)
        scanned = 72 * widest / width_pt if widest else settings.min_dpi
        dpi = min(max(scanned, settings.min_dpi), settings.max_dpi)
        bitmap = page.render(scale=dpi / 72, grayscale=False)
        pixels = bitmap.to_numpy()
        page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt PDF: page {index + 1} cannot be read ({exc})") from None
    finally:
        document.close()
    # pdfium renders BGR(A)
    gray = _without_red(pixels[:, :, 2], pixels[:, :, 1], pixels[:, :, 0]) if pixels.ndim == 3 else pixels
    return np.ascontiguousarray(gray), dpi


def _open_pdf(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt or truncated PDF: {exc}") from None


def _open_image(path: Path):
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = 20_000 * 20_000  # a page at 600 dpi is far less: larger is a bomb
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(f"unreadable image: {exc}") from None
