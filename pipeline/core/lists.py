"""lists: recognising the three lists in a document — their title lines and header labels — and the
one policy every reader follows when they are not all there.

No list title at all, a list missing or a list titled twice: the input is not such a list (InputError,
exit status 2, nothing written). A list that is there but whose table does not fit a known layout
(LayoutError): a failed `layout` check (exit status 1) with that table left empty, the outputs written.
"""

from __future__ import annotations

import regex

from ..model import Finding, InputError, Status
from ..spec import LISTS, ListSpec
from .text import squash


class LayoutError(Exception):
    """A recognised list whose table does not fit a known layout: the reader leaves it empty and the
    `layout` check fails with this message."""


# A township of every kind as a title or the preface names it: 某某乡, 某某民族乡, 某某镇, 某某街道
# (办事处), 某某苏木, 某某镇（街道）; group "kind" is the kind, as edition.json says it.
TOWNSHIP_NAME = (
    r"\p{Han}{1,14}?(?P<kind>民族乡|街道(?=办事处)|街道|苏木|乡|镇)(?:办事处)?"
    r"(?:[（(](?:街道|乡镇|镇|乡|苏木)[）)])?"
)
# What may stand before a list's title on its line: 附件2：, 二、, the township's name (某某乡, 某某街道).
_TITLE_PREFIX = rf"(?:附件\d{{0,2}}[:：]?)?(?:[一二三四五六七八九十]{{1,3}}[、.．])?(?P<township>{TOWNSHIP_NAME})?"
_TITLES = tuple((spec, regex.compile(_TITLE_PREFIX + regex.escape(title))) for spec in LISTS for title in spec.titles)
_TITLE_ENDS = tuple({title[-2:] for spec in LISTS for title in spec.titles})


def title_spec(text: str) -> ListSpec | None:
    """The list whose title the line is (spaces ignored; 附件2：哈拉奇乡基本履职事项清单 counts)."""
    squashed = squash(text)
    if not squashed.endswith(_TITLE_ENDS):  # most lines: no need to try the patterns
        return None
    return next((spec for spec, pattern in _TITLES if pattern.fullmatch(squashed)), None)


def title_township(text: str) -> str | None:
    """The township a list's title line is prefixed with (团结街道基本履职事项清单 → 团结街道)."""
    squashed = squash(text)
    for _, pattern in _TITLES:
        match = pattern.fullmatch(squashed)
        if match:
            return match["township"]
    return None


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
