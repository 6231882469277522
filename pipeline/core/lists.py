"""lists: recognising the three lists in a document — their title lines and header labels — and the
one policy every reader follows when they are not all there.

No list title at all, a list missing or a list titled twice: the input is not such a list (InputError,
exit status 2, nothing written). A list that is there but whose table does not fit a known layout
(LayoutError): a failed `layout` check (exit status 1) with that table left empty, the outputs written.
"""

from __future__ import annotations

import regex

from ..model import Finding, InputError, Status
from ..spec import LABELS, LISTS, ListSpec
from .text import squash


class LayoutError(Exception):
    """A recognised list whose table does not fit a known layout: the reader leaves it empty and the
    `layout` check fails with this message."""


# What may stand before a list's title on its line: 附件2：, 二、, the township's name (某某乡).
_TITLE_PREFIX = r"(?:附件\d{0,2}[:：]?)?(?:[一二三四五六七八九十]{1,3}[、.．])?(?:\p{Han}{1,12}?[乡镇])?"
LONGEST_LABEL = max(len(label) for label in LABELS)
_TITLES = tuple((spec, regex.compile(_TITLE_PREFIX + regex.escape(title))) for spec in LISTS for title in spec.titles)
_TITLE_ENDS = tuple({title[-2:] for spec in LISTS for title in spec.titles})


def title_spec(text: str) -> ListSpec | None:
    """The list whose title the line is (spaces ignored; 附件2：哈拉奇乡基本履职事项清单 counts)."""
    squashed = squash(text)
    if not squashed.endswith(_TITLE_ENDS):  # most lines: no need to try the patterns
        return None
    return next((spec for spec, pattern in _TITLES if pattern.fullmatch(squashed)), None)


def segment_labels(text: str) -> list[str] | None:
    """A header's text (spaces removed) cut into known labels, longest first; None if it cannot be."""
    if not text:
        return []
    for label in sorted(LABELS, key=len, reverse=True):
        if text.startswith(label):
            rest = segment_labels(text[len(label) :])
            if rest is not None:
                return [label, *rest]
    return None


def header_labels(text: str, spec: ListSpec) -> tuple[str, ...] | None:
    """The labels of `text` if it is a complete header of `spec`'s table: each of its columns once."""
    labels = segment_labels(text)
    if labels is None:
        return None
    roles = [LABELS[label] for label in labels]
    return tuple(labels) if sorted(roles) == sorted(spec.roles) else None


def second_title(where: str, printed: str) -> InputError:
    """The refusal of a document that titles a list twice (`printed`: the second title)."""
    return InputError(f"{where}: second title {printed!r}; a list may appear once")


def list_order(found: dict[str, float]) -> list[str]:
    """The list keys in the order the document prints them (found: key → position), refusing a
    document with no list title or with a list missing."""
    if not found:
        names = "、".join(spec.title for spec in LISTS)
        raise InputError(f"not a 履职事项清单: none of the list titles ({names}) was found")
    missing = [spec.title for spec in LISTS if spec.key not in found]
    if missing:
        raise InputError(f"missing table: {'、'.join(missing)} (no title line found)")
    return sorted(found, key=found.get)


def sequence_issue(table: str, seq: int, expected: int, where: str) -> Finding | None:
    """How a row's number breaks the run 1, 2, 3 …, or None if it does not."""
    if seq == expected:
        return None
    kind = "repeated" if seq < expected else "missing"
    return Finding(Status.FAIL, f"row {seq} follows row {expected - 1} ({kind} sequence number)", table, seq, where)
