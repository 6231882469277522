"""web: a web page (.html, .htm) → its paragraphs and tables in document order (readers/blocks.py
makes the Document of them), read with lxml's HTML parser. The bytes are decoded as the page declares
them (a page declaring GB2312 or GBK is read as GB18030, their superset, as browsers do: county sites
print characters GB2312 lacks). A table holding tables is layout; the tables it holds are read. In a
cell, <br> and block elements (<p>, <div>, <li>) part its paragraphs; rowspan and colspan make a
cell stand in every place it covers. Scripts, styles and the site's navigation hold no paragraphs of
the lists; text after the last list is the site's, not the edition's.
"""

from __future__ import annotations

import regex

from ..model import InputError
from ..settings import DEFAULT, FileSettings
from .blocks import Cell, FileCells, Grid, Paragraph

_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", regex.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "dt", "dd", "blockquote", "section"}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "select", "button", "iframe"}


def decode_page(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a page's bytes: as its <meta> declares, GB names as GB18030; else UTF-8,
    else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    declared = _CHARSET.search(data[:4096])
    names = []
    if declared:
        name = declared[1].decode("ascii", errors="ignore").lower()
        names.append("gb18030" if name in _GB else name)
    for name in [*names, "utf-8", "gb18030"]:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("undecodable web page: neither its declared encoding, UTF-8 nor GB18030")


def is_html(head: bytes) -> bool:
    return (
        regex.search(rb"<(?:!doctype\s+html|html|head|body|table)\b", head[:4096], flags=regex.IGNORECASE) is not None
    )


def _text(node) -> str:
    """A node's text as paragraphs ("\\n" between them): <br> and block elements part them."""
    out: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            if element.tail:
                out.append(element.tail)
            return
        if tag == "br":
            out.append("\n")
        else:
            if tag in _BLOCKS:
                out.append("\n")
            if element.text:
                out.append(element.text)
            for child in element:
                walk(child)
            if tag in _BLOCKS:
                out.append("\n")
        if element.tail:
            out.append(element.tail)

    if node.text:
        out.append(node.text)
    for child in node:
        walk(child)
    return "".join(out)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part for part in (" ".join(p.split()) for p in text.split("\n")) if part)


def _grid(table, number: int, settings: FileSettings) -> Grid:
    rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
    grid: dict[tuple[int, int], Cell] = {}
    for r, tr in enumerate(rows):
        c = 0
        for index, td in enumerate(tr.iterchildren("td", "th"), start=1):
            while (r, c) in grid:
                c += 1
            cell = Cell(_paragraphs(_text(td)), f"table {number} row {r + 1} cell {index}")
            # rowspan=0 and spans past the table's end reach its last row, as browsers draw them
            rowspan = len(rows) - r if td.get("rowspan") == "0" else min(_span(td.get("rowspan")), len(rows) - r)
            colspan = _span(td.get("colspan"))
            if len(grid) + rowspan * colspan > settings.max_cells:
                raise InputError(f"table {number} is too large to read: over {settings.max_cells} cells")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell
            c += colspan
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    empty = Cell((), f"table {number}")
    cells = tuple(tuple(grid.get((r, c), empty) for c in range(width)) for r in range(height))
    return Grid(cells, f"table {number}")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _owner(tr):
    """The table a row belongs to (not a table nested in one of its cells)."""
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _blocks(root, settings: FileSettings) -> list[Paragraph | Grid]:
    """Paragraphs and leaf tables in document order."""
    blocks: list[Paragraph | Grid] = []
    tables = 0
    pending: list[str] = []

    def flush() -> None:
        for text in "".join(pending).split("\n"):
            if text.strip():
                blocks.append(Paragraph(text, f"paragraph {len(blocks) + 1}"))
        pending.clear()

    def walk(element) -> None:
        nonlocal tables
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            pending.append(element.tail or "")
            return
        if tag == "table" and element.find(".//table") is None:
            flush()
            tables += 1
            blocks.append(_grid(element, tables, settings))
            pending.append(element.tail or "")
            return
        if tag in _BLOCKS or tag == "br":
            pending.append("\n")
        pending.append(element.text or "")
        for child in element:
            walk(child)
        if tag in _BLOCKS:
            pending.append("\n")
        pending.append(element.tail or "")

    body = root.find(".//body")
    walk(body if body is not None else root)
    flush()
    return blocks


def read_web_cells(data: bytes, settings: FileSettings = DEFAULT.files) -> FileCells:
    import lxml.html

    text, encoding = decode_page(data)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types for pages it cannot parse
        raise InputError(f"not a web page lxml can read: {exc}") from None
    return FileCells(_blocks(root, settings), (), encoding)
