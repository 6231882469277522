"""rows: a table Section → TableRows. Cuts the body at the lines that open a row.

A row opens with its sequence number, alone or followed by the category. The expected
number (previous + 1) opens a row when a category-like word follows; any other number
only when a category the preface names follows — then it is recorded as a gap or repeat,
never silently folded into the row above.
"""

from __future__ import annotations

from ...core.grammar import CATEGORY_LIKE, ROW_START
from ...core.lists import LayoutError, sequence_issue
from ...model import Finding, Line, RowBlock, Section, TableRows


def _is_known(word: str, categories: tuple[str, ...]) -> bool:
    return any(c.startswith(word) for c in categories)


def _category_word(lines: list[Line], index: int) -> str | None:
    """The word after the sequence number on line `index`, or the next line's first word."""
    match = ROW_START.match(lines[index].text)
    if match[2] is not None:
        return match[2]
    if match[0] != lines[index].text:
        return None
    for line in lines[index + 1 :]:
        if not line.blank:
            return line.text.split()[0]
    return None


def row_start(lines: list[Line], index: int, expected: int, categories: tuple[str, ...]) -> int | None:
    """The sequence number if line `index` opens a row, else None."""
    match = ROW_START.match(lines[index].text)
    if not match:
        return None
    word = _category_word(lines, index)
    seq = int(match[1])
    if lines[index].text.isdigit() and seq == expected:
        return seq  # the expected number alone on its line opens a row, category or not
    if word is None or not CATEGORY_LIKE.match(word):
        return None
    if seq == expected or _is_known(word, categories):
        return seq
    return None


def segment_rows(section: Section, categories: tuple[str, ...]) -> TableRows:
    lines = list(section.lines)
    blocks: list[tuple[int, list[Line]]] = []
    issues: list[Finding] = []
    expected = 1
    for index, line in enumerate(lines):
        if line.blank:
            if blocks:
                blocks[-1][1].append(line)
            continue
        seq = row_start(lines, index, expected, categories)
        if seq is not None:
            if issue := sequence_issue(section.key, seq, expected, f"line {line.number}"):
                issues.append(issue)
            blocks.append((seq, [line]))
            expected = seq + 1
        elif blocks:
            blocks[-1][1].append(line)
        else:
            raise LayoutError(
                f"line {line.number}: text before the first row of {section.title.text!r}: {line.text[:30]!r}"
            )
    if not blocks:
        raise LayoutError(f"{section.title.text}: no rows found (line {section.title.number})")
    rows = tuple(RowBlock(section.key, seq, tuple(_trim(block))) for seq, block in blocks)
    return TableRows(section, rows, tuple(issues))


def _trim(block: list[Line]) -> list[Line]:
    while block and block[-1].blank:
        block.pop()
    return block
