"""template: a table's header as printed → its Template — which field each column fills, which columns
are kept as `extra` under their printed label, how many rows the header takes. Every reader reads its
header through here (a file of cells and a PDF give each column's labels top to bottom; converter
text gives the header's words in reading order, which `segment_header` cuts into labels).

A label names a field when it fullmatches one of the field's patterns in the spec, compared after NFKC
with white space removed (事 项 名 称, 乡镇（街道）配合职责 and 乡镇(街道)配合职责 are one label). A
two-row header's upper label is context: 上级部门 over 职责 names what 上级部门职责 names.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from ..model import Template, TemplateColumn
from ..spec import BY_KEY, ListSpec
from .lists import LayoutError

# A header label is short: longer text in a header's place is a body row or a note.
LONGEST_LABEL = 20


def normal(label: str) -> str:
    """A label as it is compared: NFKC (full-width brackets and letters as ASCII), no white space."""
    return "".join(unicodedata.normalize("NFKC", label).split())


def printed(label: str) -> str:
    """A label as it is kept: as printed, without the white space a cell wrapped or spaced it with."""
    return "".join(label.split())


@cache
def _patterns(key: str) -> tuple[tuple[str, regex.Pattern], ...]:
    spec = BY_KEY[key]
    return tuple((column.field, regex.compile("|".join(f"(?:{p})" for p in column.labels))) for column in spec.columns)


def field_of(label: str, spec: ListSpec) -> str | None:
    """The field a header label names in `spec`'s table, or None (an extra column's label)."""
    text = normal(label)
    if not text or len(text) > LONGEST_LABEL:
        return None
    return next((field for field, pattern in _patterns(spec.key) if pattern.fullmatch(text)), None)


def is_label_like(text: str) -> bool:
    """Whether text could be a header cell: short, not a number, not a sentence."""
    text = normal(text)
    return 0 < len(text) <= LONGEST_LABEL and not text.isdigit() and not regex.search(r"[。；;，,！!？?]", text)


def shown(labels) -> str:
    """A header for a message: its labels as printed, parted by |."""
    return " | ".join(label or "（空）" for label in labels)


def read_template(spec: ListSpec, cells: list[tuple[str, ...]], header_rows: int = 1) -> Template:
    """The template of a header: `cells` holds each column's labels top to bottom (a two-row
    header's upper label repeated over the columns it spans). Refuses, naming the header as printed,
    a header without a column that can be the item's name or its number, and two columns that claim
    one field."""
    columns: list[TemplateColumn] = []
    for index, stack in enumerate(cells, start=1):
        texts = [printed(text) for text in stack if printed(text)]
        texts = [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]]  # a label merged down: once
        label = texts[-1] if texts else ""
        parent = "".join(texts[:-1])
        field = (field_of(parent + label, spec) if parent else None) or field_of(label, spec)
        if field is None and not label:
            label = f"（第{index}列）"  # a column the header leaves blank: kept, and named by its place
        columns.append(TemplateColumn(label, field or label, parent))
    columns = _compose(spec, columns)
    header = shown(c.label for c in columns)
    for field in spec.required:
        if field not in [c.role for c in columns]:
            what = spec.column(field).title
            raise LayoutError(f"{spec.title}: no column can be its {what} (header as printed: {header})")
    seen: dict[str, str] = {}
    for index, column in enumerate(columns):
        if column.role in seen and not column.extra:
            raise LayoutError(
                f"{spec.title}: {seen[column.role]} and {column.label} both name its "
                f"{spec.column(column.role).title} (header as printed: {header})"
            )
        if column.role in seen:  # an unknown label printed twice: both kept, the second by its place
            column = columns[index] = TemplateColumn(column.label, f"{column.label}（第{index + 1}列）", column.parent)
        seen[column.role] = column.label
    return Template(spec.key, tuple(columns), header_rows)


def _compose(spec: ListSpec, columns: list[TemplateColumn]) -> list[TemplateColumn]:
    """A composed field's first part printed alone (承接部门 with no 工作方式 beside it) is the field."""
    roles = [c.role for c in columns]
    out = []
    for column in columns:
        composed = spec.composed_of(column.role)
        if composed and column.role == composed.parts[0] and composed.parts[1] not in roles:
            if composed.field not in roles:
                column = TemplateColumn(column.label, composed.field, column.parent)
        out.append(column)
    return out


def segment_header(words: list[str], spec: ListSpec) -> list[str] | None:
    """A header's words in reading order (converter text: a label may be cut over words and lines,
    事项 / 类别) → its labels: known labels may span words, an unknown one is whole words; the fewest
    labels, an unknown one costing more for every word it takes. None if it cannot be cut so (a word
    too long for a label)."""
    text = "".join(words)
    bounds = {0}
    for word in words:
        bounds.add(max(bounds) + len(word))
    n = len(text)
    unknown = 10  # an extra column is the last explanation of a stretch of words
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0)
    for start in range(n):
        if best[start] is None:
            continue
        for end in range(start + 1, min(n, start + LONGEST_LABEL) + 1):
            piece = text[start:end]
            if field_of(piece, spec) is not None:
                cost = 1.0
            elif start in bounds and end in bounds and is_label_like(piece):
                cost = unknown * len([b for b in bounds if start < b <= end])  # each word it swallows
            else:
                continue
            total = best[start][0] + cost
            if best[end] is None or total < best[end][0]:
                best[end] = (total, start)
    if best[n] is None:
        return None
    labels, end = [], n
    while end:
        start = best[end][1]
        labels.append(text[start:end])
        end = start
    return labels[::-1]
