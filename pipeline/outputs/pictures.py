"""pictures: a PDF's pages with a row's cell boxes drawn and labelled by column — for report.html and
`explain --png`. Pages are rendered by pdfium (pypdfium2, which pdfplumber installs) in the
coordinates the readers give boxes in (points from the displayed page's top left)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import InputError
from ..settings import DEFAULT, PictureSettings
from ..spec import EXTRA

# one colour per column, in the order a list's columns come (a sixth column takes the first again)
_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b")


def cell_names(template: dict | None) -> list[str]:
    """The names a row's boxes give their cells, in the order the list's template prints its columns
    (an extra column's box is named by its label): they pick the colours."""
    return [c["label"] if c["field"] == EXTRA else c["field"] for c in (template or {}).get("columns", ())]


class Pages:
    """An open PDF, of whose pages only the stretch a row takes is rendered (fast, small in memory)."""

    def __init__(self, document, settings: PictureSettings):
        self.document, self.settings = document, settings

    def _strip(self, number: int, top: float, bottom: float):
        """(the page's full width between `top` and `bottom`, in the readers' coordinates, its top
        and left in them). Those coordinates are pdfplumber's — x as drawn, top the MediaBox's height
        less y — and pdfium renders the page's visible box: on an unrotated page the two may be
        apart by the boxes' corners."""
        page = self.document[number - 1]
        try:
            left, shift = 0.0, 0.0
            if page.get_rotation() == 0:
                media = page.get_mediabox(fallback_ok=False) or page.get_bbox()
                shown = page.get_bbox()
                left, shift = shown[0], (media[3] - media[1]) - shown[3]
            _, height = page.get_size()  # as displayed: /Rotate applied, as the boxes are
            top, bottom = max(0.0, top - shift), min(height, bottom - shift)
            if bottom <= top:
                return None, 0.0, 0.0
            crop = (0, height - bottom, 0, top)
            return page.render(scale=self.settings.scale, crop=crop).to_pil().convert("RGB"), top + shift, left
        finally:
            page.close()

    def row(self, boxes: list[dict], columns: list[str]) -> list[tuple[int, object]]:
        """(page, picture) for each page a row's boxes are on: the row's stretch of the page, its
        cells outlined and named; `columns`: the names of its cells in print order (`cell_names`)."""
        from PIL import ImageDraw

        scale, margin = self.settings.scale, self.settings.margin / self.settings.scale
        out = []
        for number in sorted({box["page"] for box in boxes})[: self.settings.pages_per_row]:
            on_page = [box for box in boxes if box["page"] == number]
            top = min(box["top"] for box in on_page) - margin
            image, top, left = self._strip(number, top, max(box["bottom"] for box in on_page) + margin)
            if image is None:
                continue  # the boxes lie off the page shown
            draw = ImageDraw.Draw(image)
            for box in on_page:
                colour = _COLOURS[columns.index(box["cell"]) % len(_COLOURS)] if box["cell"] in columns else "#000"
                x0, y0 = (box["x0"] - left) * scale, (box["top"] - top) * scale
                x1, y1 = (box["x1"] - left) * scale, (box["bottom"] - top) * scale
                draw.rectangle((x0, y0, x1, y1), outline=colour, width=2)
                label = box["cell"]  # above the box, where it hides none of the cell's text
                width = draw.textlength(label)
                draw.rectangle((x0, y0 - 11, x0 + width + 4, y0), fill=colour)
                draw.text((x0 + 2, y0 - 11), label, fill="#fff")
            out.append((number, image))
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
