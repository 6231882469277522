"""images: a scanned edition → its pages as grayscale pixel arrays, and how many pixels an inch.

An image-only PDF is rendered by pdfium at the resolution its largest image was scanned at, image
files (PNG, JPEG, TIFF, a multi-page TIFF) are read by Pillow at the resolution they state (as A4
when they state none) — kept between ScanSettings.min_dpi and max_dpi: a coarser page is enlarged so
that small print still reaches the recogniser's line height, a finer one reduced; a page larger than
ScanSettings.max_pixels at that resolution is refused. A colour page is read through its red
channel within each red seal (round red ink, an inch or two across), its light reddish pixels made
white: the seal fades, JPEG's fringes round its strokes too, while print over it stays dark; what
is read there is flagged. Elsewhere a colour page is its luminance: red print is print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...model import InputError
from ...settings import ScanSettings

_A4_LONG_INCHES = 11.69


@dataclass(frozen=True)
class PageImage:
    """A page's gray levels (0–255), its dots per inch, and where a seal's ink was taken out (None
    on a page without one): what is read there was read through the seal."""

    gray: np.ndarray
    dpi: float
    sealed: np.ndarray | None = None


def page_count(path: Path, form: str) -> int:
    if form == "pdf":
        document = _open_pdf(path)
        try:
            return len(document)
        finally:
            document.close()

    with _open_image(path) as image:
        return getattr(image, "n_frames", 1)


def page_image(path: Path, form: str, index: int, settings: ScanSettings) -> PageImage:
    """Page `index` (0-based)."""
    if form == "pdf":
        return _pdf_page(path, index, settings)
    with _open_image(path) as image:
        try:
            image.seek(index)
            dpi = _stated_dpi(image.info.get("dpi", (0, 0))[0], image.size)
            _bounded(image.size[0] * image.size[1], dpi, settings, index)
            pixels = _pixels(image)
        except (OSError, ValueError, EOFError) as exc:  # a file cut short or damaged
            raise InputError(f"unreadable image: page {index + 1}: {exc}") from None
    if pixels.ndim == 3:
        return _at_working_dpi(_without_red(pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2], dpi), settings)
    return _at_working_dpi(PageImage(np.ascontiguousarray(pixels), dpi), settings)


def _stated_dpi(stated: float, size: tuple[int, int]) -> float:
    """The resolution an image states, where it makes a sheet of paper of it (A5 to A3); else the
    image is taken for an A4 page (a camera's or an export's 72 or 96 dpi says nothing of the page)."""
    if stated and 4 <= max(size) / float(stated) <= 17:
        return float(stated)
    return max(size) / _A4_LONG_INCHES


def _pixels(image) -> np.ndarray:
    """8-bit gray or RGB pixels of any Pillow mode: 16-bit and float scaled down, not clipped;
    transparency laid on white paper."""
    from PIL import Image

    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = values.max() or 1.0
        return (values * (255.0 / top)).clip(0, 255).astype(np.uint8)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        paper = Image.new("RGBA", image.size, "white")
        return np.asarray(Image.alpha_composite(paper, image.convert("RGBA")).convert("RGB"))
    return np.asarray(image.convert("L") if image.mode in ("L", "1") else image.convert("RGB"))


def _working_dpi(dpi: float, settings: ScanSettings) -> float:
    return min(max(dpi, settings.min_dpi), settings.max_dpi)


def _bounded(pixels: float, dpi: float, settings: ScanSettings, index: int) -> None:
    """Refuses a page that would take more than ScanSettings.max_pixels at the resolution it is read
    at, or to decode (a finer one is decoded whole before it is reduced)."""
    at = pixels * (_working_dpi(dpi, settings) / dpi) ** 2
    if max(at, pixels) > settings.max_pixels:
        raise InputError(
            f"page {index + 1} is too large to read: {at / 1e6:.0f} million pixels at "
            f"{_working_dpi(dpi, settings):.0f} dpi (at most {settings.max_pixels / 1e6:.0f} million)"
        )


_REDDISH = 30  # levels by which red outshines green and blue: a seal's ink, or print seen through it
_BLACK = 160  # a reddish pixel darker than this in red is print over the seal, kept
_SEAL_INCHES = (0.6, 3.0)  # a seal's size: red ink round and this wide (a red title is long and low)


def _without_red(red: np.ndarray, green: np.ndarray, blue: np.ndarray, dpi: float) -> PageImage:
    """The page in gray levels, each red seal on it taken out: within a seal the red channel, in
    which the seal's ink is light and print over it stays dark, its light reddish pixels made white.
    Elsewhere red is print like any colour (a red title stays)."""
    import cv2

    gray = cv2.cvtColor(np.dstack((red, green, blue)), cv2.COLOR_RGB2GRAY)
    reddish = ((red.astype(np.int16) - np.maximum(green, blue)) > _REDDISH).astype(np.uint8)
    blobs = cv2.dilate(reddish, np.ones((max(3, int(dpi / 20)),) * 2, np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    sealed = np.zeros(gray.shape, bool)
    low, high = (inches * dpi for inches in _SEAL_INCHES)
    for x, y, w, h, _ in stats[1:count]:
        if low <= w <= high and low <= h <= high and 0.6 <= w / h <= 1.7:
            sealed[y : y + h, x : x + w] = True
    if not sealed.any():
        return PageImage(gray, dpi)
    gray[sealed] = red[sealed]
    gray[sealed & (reddish > 0) & (red > _BLACK)] = 255
    return PageImage(gray, dpi, sealed)


def _at_working_dpi(page: PageImage, settings: ScanSettings) -> PageImage:
    """A page coarser than min_dpi enlarged (the recogniser needs its line height), one finer than
    max_dpi reduced (more pixels cost time and memory and read no better)."""
    target = _working_dpi(page.dpi, settings)
    if abs(target - page.dpi) < 1:
        return page
    import cv2

    factor = target / page.dpi
    size = (round(page.gray.shape[1] * factor), round(page.gray.shape[0] * factor))
    gray = cv2.resize(page.gray, size, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    sealed = (
        None
        if page.sealed is None
        else cv2.resize(page.sealed.view(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    )
    return PageImage(gray, target, sealed)


def _pdf_page(path: Path, index: int, settings: ScanSettings) -> PageImage:
    import pypdfium2 as pdfium

    document = _open_pdf(path)
    try:
        page = document[index]
        width_pt = page.get_width()
        widest = 0
        for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            widest = max(widest, obj.get_metadata().width)
        scanned = 72 * widest / width_pt if widest else settings.min_dpi
        dpi = _working_dpi(scanned, settings)
        _bounded(width_pt * page.get_height() * (dpi / 72) ** 2, dpi, settings, index)
        bitmap = page.render(scale=dpi / 72, grayscale=False)
        pixels = bitmap.to_numpy()
        page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt PDF: page {index + 1} cannot be read ({exc})") from None
    finally:
        document.close()
    # pdfium renders BGR(A)
    if pixels.ndim == 3:
        return _without_red(pixels[:, :, 2], pixels[:, :, 1], pixels[:, :, 0], dpi)
    return PageImage(np.ascontiguousarray(pixels), dpi)


def _open_pdf(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt or truncated PDF: {exc}") from None


def _open_image(path: Path):
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = 10_000 * 10_000  # twice this is refused as a bomb by Pillow; _bounded refuses less
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(f"unreadable image: {exc}") from None
