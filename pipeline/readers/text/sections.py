"""sections: PagedText → Sections. The preface and the three tables, split at their titles.

A table's first lines after its title are its header; core/template.py cuts them into labels and
names each column's field (a label naming none is an extra column). A header that cannot be read
so fails the table's layout.
"""

from __future__ import annotations

from ...core.grammar import ROW_START, footer_numbers, section_row_heading, sign_off_lines
from ...core.lists import LayoutError, list_order, second_title, title_spec
from ...core.template import read_template, segment_header, shown
from ...model import Line, PagedText, Section, Sections, Template
from ...spec import BY_KEY, CATEGORY_FIELDS, KEYS, SEQ, ListSpec
from .furniture import split_footers, split_repeated_headers


def find_titles(lines: list[Line]) -> dict[str, int]:
    """Index in `lines` of each table's title line, by list key."""
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        spec = title_spec(line.text)
        if spec is not None:
            if spec.key in found:
                raise second_title(f"line {line.number}", line.text)
            found[spec.key] = index
    return found


HEADER_LINES = 12  # a header printed in more lines than this is no header


def read_header(lines: list[Line], start: int, layout: ListSpec) -> tuple[int, Template]:
    """(index of the first body line, template) for the header beginning at `start`: its lines up to
    the first that opens a row (a number) or is a section row (一、党的建设), cut into labels. The
    walk reads a row's number and categories first: the header must print them first."""
    end = start
    while end < len(lines) and end - start < HEADER_LINES:
        text = lines[end].text
        if ROW_START.match(text) or (text and section_row_heading(text, bare=False)):
            break
        end += 1
    words = [word for line in lines[start:end] for word in line.text.split()]
    labels = segment_header(words, layout) if words else None
    first = lines[start].number if start < len(lines) else "end"
    if labels is None:
        raise LayoutError(
            f"line {first}: the header of {layout.title} cannot be read as labels (read {''.join(words)[:60]!r})"
        )
    template = read_template(layout, [(label,) for label in labels])
    leading = [SEQ, *(role for role in template.roles if role in CATEGORY_FIELDS)]
    if list(template.roles[: len(leading)]) != leading:
        raise LayoutError(
            f"line {first}: {layout.title} must begin with its number and categories to be read from text: "
            f"{shown(template.labels)}"
        )
    return end, template


def split_sign_off(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(lines, sign-off): who issued the document and when, printed after its last table."""
    printed = [line for line in lines if not line.blank]
    k = sign_off_lines([line.text for line in printed])
    if not k:
        return lines, []
    first = printed[-k]
    return lines[: lines.index(first)], printed[-k:]


def split_sections(paged: PagedText) -> Sections:
    lines, footers = split_footers(paged.lines)
    lines, sign_off = split_sign_off(lines)
    titles = find_titles(lines)
    order = list_order(titles)
    page_starts = set(paged.page_starts)
    tables = []
    for position, key in enumerate(order):
        layout = BY_KEY[key]
        title_index = titles[key]
        end = titles[order[position + 1]] if position + 1 < len(order) else len(lines)
        start = title_index + 1
        while start < end and lines[start].blank:
            start += 1
        first = lines[title_index].number
        last = lines[end].number if end < len(lines) else len(paged.lines) + 1
        try:
            body_start, template = read_header(lines[:end], start, layout)
        except LayoutError as exc:  # a list whose table does not fit: a failed check, not a refusal
            footer_lines = tuple(f for f in footers if first < f.number < last)
            tables.append(
                Section(key, lines[title_index], None, tuple(lines[start:end]), footer_lines, problem=str(exc))
            )
            continue
        body, removed = split_repeated_headers(lines[body_start:end], page_starts, template.labels)
        tables.append(
            Section(
                key=key,
                title=lines[title_index],
                template=template,
                lines=tuple(body),
                removed=tuple(removed) + tuple(f for f in footers if first < f.number < last),
            )
        )
    preface = Section("preface", None, None, tuple(lines[: titles[order[0]]]), ())
    tables.sort(key=lambda s: KEYS.index(s.key))
    return Sections(paged, preface, tuple(tables), tuple(sign_off))


def unmarked_page_starts(sections: Sections) -> set[int]:
    """Lines where a repeated header begins a page the converter did not mark."""
    starts = set(sections.paged.page_starts)
    out = set()
    for table in sections.tables:
        for line in table.removed:
            if footer_numbers(line.text):
                continue
            previous = next((x for x in reversed(sections.paged.lines[: line.number - 1]) if x.text), None)
            if line.number not in starts and previous is not None and previous.page == line.page:
                if previous not in table.removed:
                    out.add(line.number)
    return out
