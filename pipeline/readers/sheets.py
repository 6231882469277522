"""sheets: a workbook (.xlsx with openpyxl, .xls with xlrd) → its sheets' paragraphs and tables in
order (readers/blocks.py makes the Document of them). A row holding one text only — a title merged
across the columns, a line of the 说明 sheet — is a paragraph; a run of rows with several cells is a
table. A sheet named by a list's title begins that list. A merged range is one cell in each place it
covers; a line break inside a cell (Alt+Enter) parts its paragraphs; a number is its digits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.lists import title_spec
from ..core.text import squash
from ..model import InputError
from ..settings import DEFAULT, FileSettings
from ..spec import LISTS, ListSpec
from .blocks import Cell, FileCells, Grid, Paragraph


def _value_text(value) -> str:
    """A cell's value as the sheet shows it: whole numbers without their .0, text as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_blocks(
    name: str, values: list[list], merges: list[tuple[int, int, int, int]], settings: FileSettings = DEFAULT.files
) -> list[Paragraph | Grid]:
    """One sheet's blocks. values: rows of cell values; merges: (first row, last row, first column,
    last column), 0-based and inclusive, of every merged range."""
    width = max((len(row) for row in values), default=0)
    if width * len(values) > settings.max_cells:
        raise InputError(f"sheet {name} is too large to read: {len(values)} rows × {width} columns")
    cells: list[list[Cell]] = []
    for r, row in enumerate(values):
        texts = [_value_text(v) for v in row] + [""] * (width - len(row))
        cells.append(
            [
                Cell(tuple(t.split("\n")) if t else (), f"{name}!{_column_letters(c + 1)}{r + 1}")
                for c, t in enumerate(texts)
            ]
        )
    for top, bottom, left, right in merges:  # a merged range: its top-left cell in every place
        origin = cells[top][left]
        for r in range(top, min(bottom, len(cells) - 1) + 1):
            for c in range(left, min(right, width - 1) + 1):
                cells[r][c] = origin
    blocks: list[Paragraph | Grid] = []
    spec = sheet_spec(name)
    if spec and not any(title_spec(_row_text(row)) for row in cells):
        blocks.append(Paragraph(spec.title, f"sheet {name}"))  # the sheet's name is the list's title
    table: list[list[Cell]] = []

    def flush() -> None:
        if table:
            blocks.append(Grid(tuple(tuple(row) for row in table), f"{name}!{table[0][0].ref.split('!')[1]}"))
            table.clear()

    for row in cells:
        distinct = _distinct_texts(row)
        if not distinct:
            flush()
        elif len(distinct) == 1 and (not table or title_spec(distinct[0])):
            flush()
            blocks.append(Paragraph(distinct[0], row[0].ref))
        else:
            table.append(row)
    flush()
    return blocks


def sheet_spec(name: str) -> ListSpec | None:
    """The list a sheet's name names: its title, or its name (基本履职事项) as a short sheet name."""
    return title_spec(name) or next((spec for spec in LISTS if squash(name) == spec.name), None)


def _distinct_texts(row: list[Cell]) -> list[str]:
    seen: list[Cell] = []
    for cell in row:
        if cell.paragraphs and not any(cell is other for other in seen):
            seen.append(cell)
    return ["\n".join(cell.paragraphs) for cell in seen]


def _row_text(row: list[Cell]) -> str:
    return "".join(_distinct_texts(row))


@dataclass(frozen=True)
class _Sheet:
    name: str
    hidden: bool
    size: int  # rows × columns
    values: Callable[[], list[list]]  # read when the sheet is
    merges: Callable[[], list[tuple[int, int, int, int]]]  # (first row, last row, first column, last column)


def _xlsx_sheets(path: Path) -> Iterator[_Sheet]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=False, data_only=True)
    for sheet in book.worksheets:
        yield _Sheet(
            sheet.title,
            sheet.sheet_state != "visible",
            sheet.max_row * sheet.max_column,
            lambda sheet=sheet: [list(row) for row in sheet.iter_rows(values_only=True)],
            lambda sheet=sheet: [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
                                 for m in sheet.merged_cells.ranges],
        )  # fmt: skip


def _xls_sheets(path: Path) -> Iterator[_Sheet]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    for sheet in book.sheets():
        yield _Sheet(
            sheet.name,
            sheet.visibility != 0,
            sheet.nrows * sheet.ncols,
            lambda sheet=sheet: [sheet.row_values(r) for r in range(sheet.nrows)],
            lambda sheet=sheet: [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells],
        )


def read_sheet_cells(path: Path, form: str, settings: FileSettings = DEFAULT.files) -> FileCells:
    """form: xlsx or xls. A hidden sheet is not read (an old version, a lookup list): a note says so."""
    try:
        sheets = list(_xlsx_sheets(path) if form == "xlsx" else _xls_sheets(path))
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise InputError(f"damaged Excel file: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - xlrd and openpyxl raise many types for broken files
        raise InputError(f"damaged Excel file: {type(exc).__name__}: {exc}") from None
    blocks: list[Paragraph | Grid] = []
    notes = []
    for sheet in sheets:
        if sheet.hidden:
            notes.append((f"sheet {sheet.name}", "a hidden sheet, not read"))
            continue
        if sheet.size > settings.max_cells:
            raise InputError(f"sheet {sheet.name} is too large to read: {sheet.size} cells")
        blocks += sheet_blocks(sheet.name, sheet.values(), sheet.merges(), settings)
    return FileCells(blocks, tuple(notes), "utf-8" if form == "xlsx" else "biff8")
