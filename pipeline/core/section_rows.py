"""section_rows: the rows that span a table with a category heading (一、党的建设, （一）基层组织建设)
→ the categories of the rows under them, for a template that prints its categories so instead of in
a column. Every reader finds its section rows (a row of one cell across the table; a heading line
between rows of converter text) and gives them here with the index of the first row under each.

The table's distinct heading levels fill, upper first, the category fields no column prints —
category_group, then category — so that one level of headings gives the category and two give the
group and the category. A heading with no row under it before the next of its level belongs to no
row: it is reported as text outside every row.
"""

from __future__ import annotations

from ..model import Line, SectionHeading, Template
from .grammar import section_row_heading
from .lists import LayoutError


def heading_of(line: Line, bare: bool = True) -> SectionHeading | None:
    """The section heading a line is, or None (`bare`: a category word with no number counts)."""
    found = section_row_heading(line.text, bare)
    return None if found is None else SectionHeading(line, found[0], found[1])


def categories_under(
    headings: list[tuple[int, SectionHeading]], rows: int, template: Template
) -> tuple[list[dict[str, SectionHeading]], list[Line]]:
    """(per row, each category field a section row gives it; the heading lines with no row under
    them). headings: (index of the first row under it, heading), in order."""
    if not headings:
        return [{} for _ in range(rows)], []
    free = template.free_category_fields()
    levels = sorted({heading.level for _, heading in headings})
    if len(levels) > len(free):
        printed = "、".join(heading.line.text for _, heading in headings[:3])
        raise LayoutError(
            f"section rows in {len(levels)} levels ({printed} …) but only {len(free)} category fields unprinted"
        )
    field_of = dict(zip(levels, free[len(free) - len(levels) :], strict=True))
    order = list(field_of.values())
    current: dict[str, SectionHeading] = {}
    out: list[dict[str, SectionHeading]] = []
    used: set[int] = set()
    position = 0
    for row in range(rows):
        while position < len(headings) and headings[position][0] <= row:
            heading = headings[position][1]
            field = field_of[heading.level]
            for deeper in order[order.index(field) :]:
                current.pop(deeper, None)
            current[field] = heading
            position += 1
        used.update(id(h) for h in current.values())
        out.append(dict(current))
    unused = [heading.line for _, heading in headings if id(heading) not in used]
    return out, unused
