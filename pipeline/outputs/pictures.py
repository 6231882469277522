"""pictures: a PDF's pages with a row's cell boxes drawn and labelled by column — for report.html and
`explain --png`. Pages are rendered by pdfium (pypdfium2, which pdfplumber installs) in the
coordinates the readers give boxes in (points from the displayed page's top left)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..model import InputError
from ..settings import DEFAULT, PictureSettings

# one colour per column, in the order a list's columns come (a sixth column takes the first again)
_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b")


class Pages:
    """An open PDF whose pages are rendered once each (a row's page is often another row's too)."""

    def __init__(self, document, settings: PictureSettings):
        self.document, self.settings = document, settings
        self.render = lru_cache(maxsize=settings.pages_kept)(self._render)

    def _render(self, number: int):
        page = self.document[number - 1]
        try:
            return page.render(scale=self.settings.scale).to_pil().convert("RGB")
        finally:
            page.close()

    def row(self, boxes: list[dict], columns: list[str]) -> list[tuple[int, object]]:
        """(page, picture) for each page a row's boxes are on: the row's stretch of the page, its
        cells outlined and named; `columns`: the list's fields in order (they pick the colours)."""
        from PIL import ImageDraw

        scale, margin = self.settings.scale, self.settings.margin
        out = []
        for number in sorted({box["page"] for box in boxes}):
            on_page = [box for box in boxes if box["page"] == number]
            image = self.render(number).copy()
            draw = ImageDraw.Draw(image)
            for box in on_page:
                colour = _COLOURS[columns.index(box["cell"]) % len(_COLOURS)] if box["cell"] in columns else "#000"
                x0, top, x1, bottom = (box[k] * scale for k in ("x0", "top", "x1", "bottom"))
                draw.rectangle((x0, top, x1, bottom), outline=colour, width=2)
                label = box["cell"]  # above the box, where it hides none of the cell's text
                width = draw.textlength(label)
                draw.rectangle((x0, top - 11, x0 + width + 4, top), fill=colour)
                draw.text((x0 + 2, top - 11), label, fill="#fff")
            top = max(0, min(box["top"] for box in on_page) * scale - margin)
            bottom = min(image.height, max(box["bottom"] for box in on_page) * scale + margin)
            out.append((number, image.crop((0, int(top), image.width, int(bottom)))))
        return out


@contextmanager
def open_pages(pdf: Path, settings: PictureSettings = DEFAULT.pictures) -> Iterator[Pages]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except (pdfium.PdfiumError, OSError) as exc:
        raise InputError(f"cannot render {pdf}: {exc}") from None
    try:
        yield Pages(document, settings)
    finally:
        document.close()


def png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def stacked(pictures: list) -> object:
    """Pictures one under the other (a row over several pages in one image)."""
    from PIL import Image

    width = max(p.width for p in pictures)
    out = Image.new("RGB", (width, sum(p.height for p in pictures) + 4 * (len(pictures) - 1)), "#888")
    y = 0
    for picture in pictures:
        out.paste(picture, (0, y))
        y += picture.height + 4
    return out
