"""sections: PagedText → Sections. The preface and the three tables, split at their titles.

A table's first lines after its title are its header; they must spell one of the known
header variants (layouts.py), which fixes the column roles. Anything else is refused.
"""

from __future__ import annotations

from ...core.grammar import footer_numbers, sign_off_lines
from ...core.lists import LONGEST_LABEL, LayoutError, header_labels, list_order, second_title, title_spec
from ...core.text import squash
from ...model import Line, PagedText, Section, Sections
from ...spec import BY_KEY, CATEGORY, KEYS, LABELS, SEQ, ListSpec
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


def read_header(lines: list[Line], start: int, layout: ListSpec) -> tuple[int, tuple[str, ...]]:
    """(index of the first body line, labels) for the header beginning at `start`.

    The header's lines must spell the layout's column labels (in any order, under any of their
    known names) and nothing else; its first two columns must be 序号 and 事项类别, which the
    rows are found by.
    """
    longest = LONGEST_LABEL * len(layout.roles)
    spelled = ""
    index = start
    while index < len(lines) and len(spelled) < longest:
        spelled += squash(lines[index].text)
        index += 1
        labels = header_labels(spelled, layout)
        if labels is not None:
            if [LABELS[label] for label in labels[:2]] != [SEQ, CATEGORY]:
                raise LayoutError(
                    f"line {lines[start].number}: {layout.title} must begin with 序号, 事项类别: {labels}"
                )
            return index, labels
    first = lines[start].number if start < len(lines) else "end"
    raise LayoutError(
        f"line {first}: the header of {layout.title} is not a known layout "
        f"(read {spelled[:60]!r}; expected the columns {', '.join(layout.roles)} under known labels)"
    )


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
            body_start, labels = read_header(lines[:end], start, layout)
        except LayoutError as exc:  # a list whose table does not fit: a failed check, not a refusal
            footer_lines = tuple(f for f in footers if first < f.number < last)
            tables.append(Section(key, lines[title_index], (), tuple(lines[start:end]), footer_lines, problem=str(exc)))
            continue
        body, removed = split_repeated_headers(lines[body_start:end], page_starts, labels)
        tables.append(
            Section(
                key=key,
                title=lines[title_index],
                labels=labels,
                lines=tuple(body),
                removed=tuple(removed) + tuple(f for f in footers if first < f.number < last),
            )
        )
    preface = Section("preface", None, (), tuple(lines[: titles[order[0]]]), ())
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
