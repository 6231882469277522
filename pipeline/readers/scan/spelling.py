"""spelling: a character the model read unsurely → its next choice, where only that makes a word.

At 200 dpi two characters can differ by a stroke or two (竣 峻, 抬 拾), and the model's first choice
is then as often the one that makes no word with its neighbours. A character read less surely than
ScanSettings.unsure that forms no word of jieba's dictionary with the characters beside it
becomes the first of the model's next choices that does. It stays flagged: its confidence is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.text import is_han


def _makes_word(chars: list[str], k: int, is_word: Callable[[str], bool], longest: int = 4) -> bool:
    """Whether character k is part of a word of 2 to `longest` Han characters in `chars`."""
    for size in range(2, longest + 1):
        for first in range(max(0, k - size + 1), min(k, len(chars) - size) + 1):
            window = chars[first : first + size]
            if all(is_han(c) for c in window) and is_word("".join(window)):
                return True
    return False


def lexical_choice(
    text: str, confidences: list[float], alternatives, low: float, is_word: Callable[[str], bool]
) -> str:
    chars = list(text)
    for k, ch in enumerate(chars):
        if confidences[k] >= low or not is_han(ch) or k >= len(alternatives) or not alternatives[k]:
            continue
        if _makes_word(chars, k, is_word):
            continue
        for other in alternatives[k]:
            if is_han(other) and _makes_word([*chars[:k], other, *chars[k + 1 :]], k, is_word):
                chars[k] = other
                break
    return "".join(chars)
