"""furniture: remove what the page prints around the table — footers and repeated headers.

Both are recognised by content and position only: a footer anywhere, a header only as the
first lines of a page, and only when those lines spell the table's header labels in order
up to the last label (a lone 门 or 部 at the top of a page is body text unless it does).
"""

from __future__ import annotations

from ...core.grammar import footer_numbers
from ...model import Line


def split_footers(lines: tuple[Line, ...]) -> tuple[list[Line], list[Line]]:
    """(kept, footers)."""
    kept, footers = [], []
    for line in lines:
        (footers if line.text and footer_numbers(line.text) else kept).append(line)
    return kept, footers


def header_run_length(lines: list[Line], start: int, header_text: str, min_start: int | None = None) -> int:
    """How many lines from `start` form a (possibly partial) repeat of the header, 0 if none.

    The lines' tokens must occur in header_text in order and the run must end with its end:
    a page may repeat only the last header line(s), but never stops half-way. The run must
    begin at or before `min_start` in header_text (default: anywhere).
    """
    if min_start is None:
        min_start = len(header_text)
    position = 0
    first = None  # where in header_text the run begins
    index = start
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.blank:
            continue
        for token in line.text.split():
            found = header_text.find(token, position)
            if found < 0:
                return 0
            first = found if first is None else first
            position = found + len(token)
        if position == len(header_text):
            return index - start if first <= min_start else 0
    return 0


def split_repeated_headers(
    lines: list[Line], page_starts: set[int], labels: tuple[str, ...]
) -> tuple[list[Line], list[Line]]:
    """(kept, removed): header repeats removed from a table body.

    At a page top any partial repeat counts; elsewhere it must hold at least the last two
    labels — a converter that marks no page starts still repeats the header, and that
    repeat is a page break too.
    """
    header_text = "".join(labels)
    anywhere = len(header_text) - len(labels[-2]) - len(labels[-1])
    kept: list[Line] = []
    removed: list[Line] = []
    last_page = None  # page of the last printed line before `index`
    index = 0
    while index < len(lines):
        line = lines[index]
        top = line.number in page_starts or (not line.blank and last_page is not None and last_page != line.page)
        run = 0 if line.blank else header_run_length(lines, index, header_text, None if top else anywhere)
        if run:
            removed.extend(x for x in lines[index : index + run] if not x.blank)
        else:
            kept.append(line)
            run = 1
        printed = [x for x in lines[index : index + run] if not x.blank]
        if printed:
            last_page = printed[-1].page
        index += run
    return kept, removed
