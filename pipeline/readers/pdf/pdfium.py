"""pdfium: a PDF file → PdfDocument through pdfium (pypdfium2), the default engine.

The same PdfDocument load.py makes with pdfplumber, about ten times faster: pdfium parses a page
in C, and only what the stages after read crosses into Python — each glyph's text and box, each
path's straight segments. The coordinates are pdfplumber's: the page as displayed (its /Rotate
applied), the origin at the top left, a glyph's box its advance across and its font's height.

Spaces. pdfium's text page adds spaces of its own where glyphs stand apart ("generated"), and now
and then folds a space the PDF does print into one of them, with no width (a printed space after
a kerned glyph). Neither its flag, nor its boxes, nor the text object's text (which includes the
generated ones) tells them apart, and gaps alone cannot either: LibreOffice's space between CJK
and Latin text and a printed Latin space both measure about a quarter of the font size. Only a
space next to ASCII text reaches a record (lines.line_text), so a page with a gap in doubt there
is read again by pdfplumber, which sees the printed glyphs; every other page is pdfium's alone.
"""

from __future__ import annotations

import ctypes
import hashlib
import math
from pathlib import Path

from ...core.text import CONTROLS
from ...model import InputError, NoTextLayer
from ...settings import DEFAULT
from .load import Glyph, PdfDocument, PdfPage, Rule, load_pdf, read_pages

_ROUND = 4  # decimals kept of a coordinate: pdfium computes in single precision
_DESCENT = 0.2  # of the font size: how far a glyph's box reaches below its baseline
_SPACE_DOUBT = (0.2, 1.25)  # of the font size: a gap this wide next to ASCII may be a printed space
_MOST_IN_DOUBT = 0.5  # share of pages in doubt past which pdfplumber reads the whole file
_FLAT = 0.01  # points: a segment whose ends differ less than this across is horizontal (or vertical)


def _display(rotation: int, box: tuple[float, float, float, float]):
    """The map from PDF user space to the displayed page, as pdfplumber reports it: (x, y) →
    (x, top), top measured down from the displayed page's upper edge; and that page's width and
    height. Like pdfplumber, a MediaBox whose corner is not at (0, 0) moves nothing but the size:
    x stays as drawn, top is the box's height less y."""
    width, height = box[2] - box[0], box[3] - box[1]
    x0, y0, x1, y1 = 0.0, 0.0, width, height
    if rotation == 1:  # /Rotate 90: the page turned clockwise
        return (lambda x, y: (y - y0, x - x0)), height, width
    if rotation == 2:
        return (lambda x, y: (x1 - x, y - y0)), width, height
    if rotation == 3:
        return (lambda x, y: (y1 - y, x1 - x)), height, width
    return (lambda x, y: (x - x0, y1 - y)), width, height


_TURNS = {0: (1, 0, 0, 1), 1: (0, -1, 1, 0), 2: (-1, 0, 0, -1), 3: (0, 1, -1, 0)}  # pdfminer's, per /Rotate


def _upright(rotation: int, a: float, b: float, c: float, d: float) -> bool:
    """pdfminer's `upright` of a glyph whose matrix is (a, b, c, d), the page turned as displayed:
    its axes neither swapped nor sheared (pdfplumber keeps only these glyphs; so do we)."""
    r0, r1, r2, r3 = _TURNS[rotation]
    a, b, c, d = a * r0 + b * r2, a * r1 + b * r3, c * r0 + d * r2, c * r1 + d * r3
    return a * d > 0 and b * c <= 0


_GENERATED = frozenset((0x20, 0x0D, 0x0A))  # what pdfium's text page adds of its own
_CONTROLS = frozenset(c for c in range(0xA0) if CONTROLS.match(chr(c)))  # as core.text strips them


def _glyphs(raw, textpage, to_display, rotation: int) -> tuple[list[Glyph], list[str], bool]:
    """(the page's glyphs, the control characters dropped, whether a space is in doubt)."""
    count = raw.FPDFText_CountChars(textpage)
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buffer)  # every code at once: one call, not one a glyph
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    glyphs: list[Glyph] = []
    controls: list[str] = []
    previous = -1  # the index of the last glyph kept
    for i in range(count):
        code = buffer[i]
        if code in _GENERATED and raw.FPDFText_IsGenerated(textpage, i):
            if code == 0x20 and previous == i - 1:  # a gap within a line: maybe a printed space
                last = glyphs[-1]
                glyphs.append(Glyph(" ", last.x1, last.x1, last.top, last.bottom, last.size))
            continue
        if code in _CONTROLS:
            controls.append(f"U+{code:04X}")
            continue
        if 0xDC00 <= code < 0xE000:  # the second half of a character beyond the BMP, joined below
            continue
        text = chr(code)
        if 0xD800 <= code < 0xDC00:  # pdfium gives a character beyond the BMP as two UTF-16 units
            low = buffer[i + 1] if i + 1 < count else 0
            text = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) if 0xDC00 <= low < 0xE000 else ""
            if not text:
                continue
        raw.FPDFText_GetMatrix(textpage, i, matrix)
        if not _upright(rotation, matrix.a, matrix.b, matrix.c, matrix.d):
            continue
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        (ax, _), (bx, _) = to_display(box.left, box.top), to_display(box.right, box.bottom)
        # across: from the glyph's origin (pdfium's loose box may start at an outline reaching
        # left of it) to the end of its advance; down: pdfminer's box, the font size high with a
        # typical descent below the baseline (pdfium's boxes follow each glyph's outline, and a
        # line's glyphs would not line up)
        raw.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y)
        x0, baseline = to_display(origin_x.value, origin_y.value)
        x1 = ax if ax > bx else bx
        # the size as printed: Tf's size times the text matrix's scale (1 Tf and a matrix of 12 is 12 pt)
        size = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
        if size <= 0:
            continue  # a glyph of no size prints nothing
        top, bottom = baseline - (1 - _DESCENT) * size, baseline + _DESCENT * size
        glyphs.append(Glyph(text, x0, x1, top, bottom, size))
        previous = i
    kept, doubtful = _printed_spaces(glyphs)
    return kept, controls, doubtful


def _printed_spaces(glyphs: list[Glyph]) -> tuple[list[Glyph], bool]:
    """(the glyphs without the spaces pdfium generated — those of no width — that are layout, not
    print; whether one could be either). A gap next to ASCII text of _SPACE_DOUBT (from a fifth of
    the font size, where the space producers add between CJK and Latin text ends, to beyond the
    widest printed space) may hold a printed space: only a reader of the PDF's own text can tell."""
    low, high = _SPACE_DOUBT
    out: list[Glyph] = []
    doubtful = False
    for k, glyph in enumerate(glyphs):
        if glyph.text == " " and glyph.x0 == glyph.x1:
            after = glyphs[k + 1] if k + 1 < len(glyphs) else None
            if after is None or after.text == " " or not out:
                continue
            gap = (after.x0 - out[-1].x1) / glyph.size
            if low <= gap <= high and (out[-1].text.isascii() or after.text.isascii()):
                doubtful = True
            continue  # the stages after see the gap itself
        out.append(glyph)
    return out, doubtful


def _paths(raw, container, count, get, matrix: tuple[float, ...]):
    """(path object, its matrix to user space) of every path, in form XObjects too."""
    for i in range(count(container)):
        obj = get(container, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        own = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(obj, own)
        combined = _compose((own.a, own.b, own.c, own.d, own.e, own.f), matrix)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, combined
        else:
            yield from _paths(raw, obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, combined)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner`, then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _rules(raw, page, to_display) -> list[Rule]:
    """Every horizontal or vertical straight segment of every path, as pdfplumber's edges: a
    rectangle gives its four sides, a polyline each of its segments."""
    rules: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for obj, (a, b, c, d, e, f) in _paths(raw, page, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, identity):
        points: list[tuple[float, float]] = []
        start = None
        for k in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = to_display(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO or start is None:
                start = point
            else:
                _add_rule(rules, points[-1], point)
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment):
                _add_rule(rules, point, start)
    return rules


def _add_rule(rules: list[Rule], p: tuple[float, float], q: tuple[float, float]) -> None:
    (px, ptop), (qx, qtop) = p, q
    x0, x1, top, bottom = (round(v, _ROUND) for v in (min(px, qx), max(px, qx), min(ptop, qtop), max(ptop, qtop)))
    if bottom - top < _FLAT and x1 - x0 >= _FLAT:
        rules.append(Rule(True, x0, x1, top, top))
    elif x1 - x0 < _FLAT and bottom - top >= _FLAT:
        rules.append(Rule(False, x0, x0, top, bottom))


def _open(data: bytes):
    """The document parsed from the bytes whose hash the build reports."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError("encrypted PDF: it needs a password to be read") from None
        raise InputError(f"corrupt or truncated PDF: {exc}") from None


def load_pdfium(
    path: Path, jobs: int | None = None, while_waiting=None, pages_per_process: int = DEFAULT.pdf.pages_per_process
) -> PdfDocument:
    """The same call as load.load_pdf; pdfium reads in this one process (it is fast enough that
    starting others costs more); `jobs` and `pages_per_process` serve pdfplumber when most pages
    are in doubt."""
    import pypdfium2.raw as raw

    data = _read_bytes(path)
    document = _open(data)
    pages: list[PdfPage] = []
    in_doubt: list[int] = []
    try:
        for index in range(len(document)):
            page, doubtful = _page(raw, document, index)
            pages.append(page)
            if doubtful:
                in_doubt.append(index)
    finally:
        document.close()
    if len(in_doubt) > len(pages) * _MOST_IN_DOUBT:  # pdfplumber's own reader, with its processes
        return load_pdf(path, jobs, while_waiting, pages_per_process)
    for index, page in zip(in_doubt, read_pages(path, in_doubt) if in_doubt else (), strict=True):
        pages[index] = page  # the printed glyphs, spaces too, as pdfplumber reads them
    if while_waiting:
        while_waiting()
    if not pages:
        raise InputError("PDF has no pages")
    if not any(page.glyphs for page in pages):
        raise NoTextLayer("no text layer: a scan")
    return PdfDocument(path.name, hashlib.sha256(data).hexdigest(), tuple(pages))


def _page(raw, document, index: int) -> tuple[PdfPage, bool]:
    """One page, and whether a space on it is in doubt."""
    import pypdfium2 as pdfium

    try:
        page = document[index]
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt PDF: page {index + 1} cannot be read ({exc})") from None
    try:
        rotation = raw.FPDFPage_GetRotation(page)
        # a MediaBox the page inherits from its parent pdfium's own call does not see; the page's
        # bounding box (MediaBox within CropBox) is the size it is shown at
        box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
        to_display, width, _ = _display(rotation, tuple(box))
        textpage = page.get_textpage()
        try:
            glyphs, controls, doubtful = _glyphs(raw, textpage, to_display, rotation)
            rules = _rules(raw, page, to_display)
        finally:
            textpage.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupt PDF: page {index + 1} cannot be read ({exc})") from None
    finally:
        page.close()
    codes = " ".join(sorted(set(controls)))
    return PdfPage(index + 1, width, tuple(glyphs), tuple(rules), codes), doubtful


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
