"""text: characters as the lists print them — widths in em, spaces converters put anywhere, and
control characters that are never text."""

from __future__ import annotations

import unicodedata

import regex

# C0 controls but tab, line feed, carriage return and form feed (a page mark), DEL and the C1 controls:
# never text, and an Excel cell or a terminal cannot take them.
CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> tuple[str, str]:
    """(text without control characters, the code points removed, e.g. 'U+001A')."""
    found = sorted(set(CONTROLS.findall(text)))
    return CONTROLS.sub("", text), " ".join(f"U+{ord(ch):04X}" for ch in found)


def is_han(ch: str) -> bool:
    """A Han character of the unified blocks (and extension A) — what a model reads and a dictionary holds."""
    return "\u3400" <= ch <= "\u9fff"


def text_width(text: str) -> float:
    """Printed width in em: wide and ambiguous (CJK punctuation) characters 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def squash(text: str) -> str:
    """Text without its spaces: converters put them anywhere in headers and titles."""
    return "".join(text.split())
