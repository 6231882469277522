"""marks: what the model read → the punctuation Chinese text prints.

The model reads a Chinese mark as often as not as the ASCII mark of the same shape (：as :, “ as "),
and a document may print either. Where the characters either side were read, the room between
their middles tells: a full-width mark takes an em, an ASCII one a quarter or so (the em: the
median step between two Han characters of the same reading). Where nothing measures it — the mark
ends the line, or the reading is too short to give an em — an ASCII mark next to Chinese text is
taken for the Chinese one, its confidence at most ScanSettings.guessed, so that its cell is flagged.
A quote mark is the opening one where none is open and text follows, else the closing one.
"""

from __future__ import annotations

from statistics import median

from ...core.grammar import COUNTED_ITEM
from ...core.text import is_han
from .recognize import Reading

_QUOTES = {'"': "“”", "'": "‘’", "“": "“”", "”": "“”", "‘": "‘’", "’": "‘’"}  # a mark → its pair
_CLOSES_BEFORE = frozenset("，。、；：！？）》」』…—,.;:!?)")
_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_ASCII = {full: ascii for ascii, full in _FULL.items()}
_TAIL = 0.85  # ems from the last character's middle to the end of the ink (0.3–0.65 measured): past this, unread ink
_LOOKALIKES = {"丶": "、"}  # what the model reads for a mark: a radical no running text prints alone
_NARROW, _WIDE = 1.6, 1.75  # ems between the middles of a mark's neighbours: an ASCII mark, a full-width one


def _cjk(ch: str) -> bool:
    return is_han(ch) or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def _han(ch: str) -> bool:
    return is_han(ch) and ch not in _LOOKALIKES  # 丶 is a mark's lookalike, not a character of the text


def _em(reading: Reading, least: bool = False) -> float | None:
    """The median step between two Han characters read side by side; `least`: the shortest,
    where two steps are all there is (a gap only lengthens a step)."""
    text, centers = reading.text, reading.centers
    steps = [centers[k + 1] - centers[k] for k in range(len(text) - 1) if _han(text[k]) and _han(text[k + 1])]
    if len(steps) >= 3:
        return median(steps)
    return min(steps) if least and len(steps) == 2 else None


def _room(reading: Reading, k: int, em: float | None) -> float | None:
    """Ems between the middles of the characters either side of character k (spaces skipped)."""
    if em is None:
        return None
    text, centers = reading.text, reading.centers
    left = next((j for j in range(k - 1, -1, -1) if not text[j].isspace()), None)
    right = next((j for j in range(k + 1, len(text)) if not text[j].isspace()), None)
    if left is None or right is None or not (is_han(text[left]) and is_han(text[right])):
        return None  # only between two Han characters is the room known: each an em wide
    return (centers[right] - centers[left]) / em


def chinese_marks(
    reading: Reading, guessed: float, opened: int = 0, start: float = 0.0
) -> tuple[str, list[float], int]:
    """(the text with each mark as printed, its characters' confidences, the double quotes left
    open). `opened`: those the cell's lines before left open (a quote closed on the next line);
    `start`: where the segment's own part of the reading begins (what is before it was counted)."""
    text = reading.text
    em = _em(reading)
    out: list[str] = []
    sure = list(reading.confidences)
    for k, ch in enumerate(text):
        own = reading.centers[k] >= start
        before = next((c for c in reversed(out) if not c.isspace()), "")
        after = next((c for c in text[k + 1 :] if not c.isspace()), "")
        if ch in _QUOTES:
            opening, closing = _QUOTES[ch]
            balance = (opened if own else 0) + sum(
                1 if c == opening else -1 if c == closing else 0
                for j, c in enumerate(out)
                if (reading.centers[j] >= start) == own
            )
            mark = closing if balance > 0 or not after or after in _CLOSES_BEFORE else opening
            # read as ASCII, which of the pair it is is a guess; read as one the text cannot have
            # (a closing mark with none open and text after it), the other
            impossible = (ch == closing and balance <= 0 and mark == opening) or (
                ch == opening and balance > 0 and mark == closing and (not after or after in _CLOSES_BEFORE)
            )
            if ch not in (opening, closing) or impossible:
                ch, sure[k] = mark, min(sure[k], guessed)
        elif ch in _LOOKALIKES:
            ch = _LOOKALIKES[ch]
        elif ch in _FULL or ch in _ASCII:
            room = _room(reading, k, em)
            wide = _FULL.get(ch, ch)
            read = ch
            if room is not None and room >= _WIDE:
                ch = wide
            elif room is not None and room < _NARROW:
                ch = _ASCII.get(ch, ch)
            elif ch in _FULL and (_cjk(before) or _cjk(after)):
                ch = wide
            if ch != read:  # measured or guessed, not read: its cell is read against the page
                sure[k] = min(sure[k], guessed)
        out.append(ch)
    left_open = opened + sum(
        1 if c == "“" else -1 if c == "”" else 0 for j, c in enumerate(out) if reading.centers[j] >= start
    )
    return "".join(out), sure, max(left_open, 0)


def unread_between(
    reading: Reading, text: str, confidences: list[float], guessed: float, start: float = 0.0, end: float | None = None
) -> list[float]:
    """The confidences with two Han characters read side by side at most `guessed` where the room
    between their middles holds another character (a full-width mark or a character the model did
    not read: it drops a small 、 now and then, sure of the rest), and the last character so where
    its ink goes on more than a third of an em past it (`end`: where the ink ends, in the reading's
    pixels) — a 、 ending a line. `text`: the reading with its marks as printed (丶 is 、 there);
    `start`: where the segment's own part begins (the gap before it is the crop's, not the page's)."""
    em = _em(reading, least=True)
    centers = reading.centers
    out = list(confidences)
    for k in range(len(text) - 1) if em else ():
        if centers[k] < start <= centers[k + 1]:
            continue
        if is_han(text[k]) and is_han(text[k + 1]) and centers[k + 1] - centers[k] >= _WIDE * em:
            out[k], out[k + 1] = min(out[k], guessed), min(out[k + 1], guessed)
    last = len(text) - 1
    if em and end is not None and text and is_han(text[last]) and end - centers[last] > _TAIL * em:
        out[last] = min(out[last], guessed)
    return out


def mark_before_item(text: str, confidences: list[float], following: str, low: float) -> str:
    """A line ending in a colon or semicolon read unsurely (the two differ by a tail a few pixels
    long), the cell's next line starting a numbered item: before item 1 a list begins (：), before
    any other an item ends (；)."""
    item = COUNTED_ITEM.match(following)
    if not text or text[-1] not in "：；" or confidences[-1] >= low or item is None:
        return text
    return text[:-1] + ("：" if int(item[1]) == 1 else "；")
