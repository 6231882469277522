"""pages: SourceText → PagedText. Places every line on its page.

A layout-unaware converter marks a new page in one of two ways: the page's first line
starts with a space or form feed, or the previous page ended with a footer
(第 N 页，共 M 页). Consecutive marked lines are one page start (a header split in two).
"""

from __future__ import annotations

from ...core.grammar import footer_numbers
from ...model import Line, PagedText, SourceText

_PAGE_MARKS = (" ", "\f", "\t", "\u3000")


def paginate(source: SourceText, unmarked_starts: frozenset[int] = frozenset()) -> PagedText:
    """unmarked_starts: line numbers known to begin a page although nothing marks them
    (a repeated table header found by the furniture stage)."""
    lines: list[Line] = []
    page_starts: list[int] = []
    footers: list[tuple[int, int, int]] = []
    page = 0
    pending = True  # the next printed line starts a page
    previous_marked = False
    for number, raw in enumerate(source.lines, start=1):
        text = raw.strip()
        if not text:
            lines.append(Line(number, max(page, 1), ""))
            continue
        marked = raw.startswith(_PAGE_MARKS)
        if pending or (marked and not previous_marked) or number in unmarked_starts:
            page += 1
            page_starts.append(number)
            pending = False
        previous_marked = marked
        lines.append(Line(number, page, text))
        printed = footer_numbers(text)
        if printed:
            footers.append((number, *printed))
            pending = True
    return PagedText(source, tuple(lines), tuple(page_starts), tuple(footers))
