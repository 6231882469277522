"""docx: a Word file (.docx) → its body's paragraphs and tables in order (readers/blocks.py makes the
Document of them). Read with python-docx at the XML level, since the merges are there: a cell
spanning columns (w:gridSpan) stands in each of them, one merged down (w:vMerge) in each row it
spans. A cell's paragraphs — and the lines a manual break (w:br) starts — are its paragraphs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import InputError
from .blocks import Cell, FileCells, Grid, Paragraph
from .numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p, numbering: Numbering) -> str:
    """A w:p's text: the number Word gives it, its runs' text, tabs as spaces, a manual line break
    as a new line."""
    out = [numbering.label(p)]
    for node in p.iter():
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr") and node.get(f"{_W}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _cell_paragraphs(tc, numbering: Numbering) -> tuple[str, ...]:
    texts = []
    for p in tc.iter(f"{_W}p"):
        texts += _paragraph_text(p, numbering).split("\n")
    return tuple(texts)


def _children(node, tags: tuple[str, ...]):
    """The node's children of the tags, looking through content controls (w:sdt) and custom XML,
    which may wrap paragraphs, tables, rows and cells."""
    for child in node.iterchildren():
        if child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tags)
        elif child.tag in tags:
            yield child


def _grid(tbl, number: int, numbering: Numbering) -> Grid:
    rows: list[list[Cell]] = []
    for r, tr in enumerate(_children(tbl, (f"{_W}tr",)), start=1):
        row: list[Cell] = []
        for c, tc in enumerate(_children(tr, (f"{_W}tc",)), start=1):
            props = tc.find(f"{_W}tcPr")
            span = props.find(f"{_W}gridSpan") if props is not None else None
            merge = props.find(f"{_W}vMerge") if props is not None else None
            width = int(span.get(f"{_W}val")) if span is not None else 1
            column = len(row)
            continues = merge is not None and merge.get(f"{_W}val") in (None, "continue")
            if continues and rows and column < len(rows[-1]):
                cell = rows[-1][column]  # the cell above goes on down
            else:
                cell = Cell(_cell_paragraphs(tc, numbering), f"table {number} row {r} cell {c}")
            row += [cell] * width
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    empty = Cell((), f"table {number}")
    return Grid(tuple(tuple(row + [empty] * (width - len(row))) for row in rows), f"table {number}")


def _numbering_xml(document):
    """The numbering part's XML, None where the file has none."""
    try:
        return document.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return None


def read_docx_cells(path: Path) -> FileCells:
    """The body's blocks in order, with a note on what reading computed (Word's own numbering)."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"damaged Word file: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    numbering = Numbering.of(_numbering_xml(document), document.styles.element)
    blocks: list[Paragraph | Grid] = []
    tables = 0
    for node in _children(document.element.body, (f"{_W}p", f"{_W}tbl")):
        if node.tag == f"{_W}p":
            for text in _paragraph_text(node, numbering).split("\n"):
                blocks.append(Paragraph(text, f"paragraph {len(blocks) + 1}"))
        elif node.tag == f"{_W}tbl":
            tables += 1
            blocks.append(_grid(node, tables, numbering))
    return FileCells(blocks, numbering.notes(), "utf-8")
