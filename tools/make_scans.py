"""Scans of the PDF fixtures, as a scanner makes them: each page rendered, turned a fraction of a
degree, blurred slightly, JPEG-compressed and wrapped in an image-only PDF (or saved as images);
optionally the township's red seal stamped over text. Deterministic: the same arguments give the
same bytes, so tests and `make bench` make their scans as they run instead of committing them.

Run: .venv/bin/python tools/make_scans.py SOURCE.pdf OUT.pdf [--dpi 200] [--pages 1-3] [--colour] [--seal]
"""

from __future__ import annotations

import argparse
import io
import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter


@dataclass(frozen=True)
class ScannerSettings:
    dpi: int = 200
    colour: bool = False  # grayscale unless set
    skews: tuple[float, ...] = (0.3, -0.2, 0.1, -0.3)  # degrees, page by page in turn
    blur: float = 0.5  # Gaussian radius in pixels at 200 dpi
    quality: int = 80  # JPEG
    seal: bool = False  # a red seal stamped over text
    seal_page: int = 1  # on this page of the scan (1-based)
    pages: tuple[int, ...] | None = None  # 1-based page numbers; None: every page


def _seal(image: Image.Image) -> Image.Image:
    """A red seal, its ring and star and arc of text, multiplied over the page (ink over ink), where
    a stamp goes: over the text near the top right."""
    width, height = image.size
    radius = int(min(width, height) * 0.12)
    layer = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(layer)
    cx, cy = int(width * 0.72), int(height * 0.3)
    red = (214, 40, 40)
    for r in range(radius - radius // 14, radius):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red)
    star = [
        (
            cx + (radius * (0.35 if k % 2 == 0 else 0.14)) * math.sin(math.pi * k / 5),
            cy - (radius * (0.35 if k % 2 == 0 else 0.14)) * math.cos(math.pi * k / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    for k in range(14):  # the arc of the seal's legend, as strokes
        angle = math.pi * (0.8 + 1.4 * k / 13)
        x, y = cx + 0.72 * radius * math.cos(angle), cy + 0.72 * radius * math.sin(angle)
        draw.rectangle((x - radius // 14, y - radius // 14, x + radius // 14, y + radius // 14), outline=red, width=3)
    from PIL import ImageChops

    return ImageChops.multiply(image.convert("RGB"), layer)


def scan_pages(source: Path, settings: ScannerSettings = ScannerSettings()) -> list[Image.Image]:
    """The pages of a PDF as scanned images."""
    document = pdfium.PdfDocument(source)
    numbers = settings.pages or tuple(range(1, len(document) + 1))
    images = []
    for k, number in enumerate(numbers):
        page = document[number - 1]
        image = page.render(scale=settings.dpi / 72).to_pil().convert("RGB")
        page.close()
        if settings.seal and k + 1 == settings.seal_page:
            image = _seal(image)
        if not settings.colour:
            image = image.convert("L")
        skew = settings.skews[k % len(settings.skews)]
        fill = 255 if image.mode == "L" else (255, 255, 255)
        image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=fill)
        image = image.filter(ImageFilter.GaussianBlur(settings.blur * settings.dpi / 200))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=settings.quality)  # the scanner's compression, then read back
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    document.close()
    return images


def write_scan(source: Path, target: Path, settings: ScannerSettings = ScannerSettings()) -> Path:
    """An image-only PDF (.pdf), a multi-page TIFF (.tif) or one image (.png, .jpg: the first page)."""
    images = scan_pages(source, settings)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=settings.dpi)
    elif suffix in (".tif", ".tiff"):
        images[0].save(target, "TIFF", save_all=True, append_images=images[1:], dpi=(settings.dpi, settings.dpi))
    else:
        images[0].save(target, dpi=(settings.dpi, settings.dpi))
    return target


def _pages(text: str) -> tuple[int, ...]:
    first, _, last = text.partition("-")
    return tuple(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--pages", type=_pages)
    parser.add_argument("--colour", action="store_true")
    parser.add_argument("--seal", action="store_true")
    args = parser.parse_args()
    settings = ScannerSettings(dpi=args.dpi, colour=args.colour or args.seal, seal=args.seal, pages=args.pages)
    write_scan(args.source, args.target, settings)


if __name__ == "__main__":
    main()
