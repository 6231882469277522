"""grammar: how the lists' text is written, kept as data and small predicates — punctuation, the
numbered-item grammar, headings, organisation names, page footers, category words.

One grammar for every stage and reader: the numerals and delimiters are defined once, and each
matcher below is built from them.
"""

from __future__ import annotations

import regex

# ---------------------------------------------------------------- punctuation

# Punctuation that cannot start a table cell: it always continues the text before it.
NO_START = "、，。；：？！）》”’,.;:?!)]}%"
# Marks that may not end a line: typesetters move them to the next line with what they open.
NO_END = "（《“‘「『【〔([{"
# Quotation marks glue to both neighbours (Unicode line breaking, class QU): 审核“三定”规定 breaks
# neither before nor after a quote.
QUOTES = "“”‘’\"'"
_PAIRS = ("——", "……")


def _breakable(before: str, after: str) -> bool:
    """Whether a line may break between two characters."""
    if after in NO_START or before in NO_END or before in QUOTES or after in QUOTES:
        return False
    if before + after in _PAIRS:
        return False
    return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())


def first_unit(text: str) -> str:
    """The start of a line that no typesetter parts: up to the first place a line may break (an
    ASCII word whole, a character with the punctuation that may not start a line, 款，; opening
    marks and quotes with what they hold on to, “三定”规)."""
    for i in range(1, len(text)):
        if _breakable(text[i - 1], text[i]):
            return text[:i]
    return text


# Punctuation that closes a sentence or item inside a cell.
SENTENCE_END = "。；：;:！？!?"
# What ends a sentence for good (a cell's last one): not ；, after which more items follow.
SENTENCE_FINAL = "。！？!?"
# What a finished sentence or item ends with (a heading's colon is judged apart).
CLOSING = "。；;.!?！？）)”》"
# Marks that come in pairs inside a cell (opening, closing).
PAIRED_MARKS = (("（", "）"), ("(", ")"), ("“", "”"), ("‘", "’"), ("《", "》"), ("【", "】"), ("[", "]"))
# Marks that can stand alone on a line as converter debris (an opening quote with nothing after it).
LONE_MARKS = "“‘「『（(《"
# Two stops in a row (；。): a line lost or moved between them.
DOUBLED_STOPS = regex.compile(r"[，、；。：！？,;]{2}")

# ---------------------------------------------------------------- numbers

_ARABIC = r"\d{1,2}"  # an item's number (a row's sequence number may have four digits)
_HAN = "一二三四五六七八九十"
_HAN_NUMBER = f"[{_HAN}]{{1,3}}"
_DOT = "[.．、]"

# A numbered item at a line's start in every form the lists use: 1. 1．1、 "1 text" 一、 （一）(1) ①.
ITEM_START = regex.compile(
    rf"^(?:{_ARABIC}\s*{_DOT}|{_ARABIC} (?=\S)|{_HAN_NUMBER}、|[（(][{_HAN}\d]{{1,3}}[）)]|[①-⑳])"
)
# The first item of a list in any of those forms.
FIRST_ITEM = regex.compile(rf"^(?:1\s*{_DOT}|一、|[（(][1一][）)]|①)")
# An arabic-numbered item whose number the walk counts (1. 2、 "3 text").
NUMBERED = regex.compile(rf"^{_ARABIC}(?:\s*{_DOT}| (?=\S))")
# The number of a numbered paragraph as the numbering check counts it (the dot may be missing).
COUNTED_ITEM = regex.compile(rf"^({_ARABIC})\s*{_DOT}?(?=\D)")
# Where an item runs on after a ； on the same line: 1.甲；2.乙
ITEM_AFTER_SEMICOLON = regex.compile(r"\n|(?<=；)(?=\d{1,2}\s*[.．])")
# A section heading inside a duty cell: 一、扬尘综合治理
SECTION_HEADING = regex.compile(rf"^{_HAN_NUMBER}、")
# A table row's first line: its sequence number, alone or with the category after it.
ROW_START = regex.compile(r"^(\d{1,4})(?:\s+(\S+))?")


# A row spanning a table whose heading names the category of the rows under it: 一、党的建设 ·
# （一）基层组织建设 · 第一类 党的建设 · 党的建设 alone; a count after it (（共5项）) is the heading's.
_SECTION_ROW = regex.compile(
    rf"^(?P<number>第{_HAN_NUMBER}(?:类|部分|章)\s*[、.．:：]?|{_HAN_NUMBER}\s*[、.．]|[（(]{_HAN_NUMBER}[）)])?\s*"
    r"(?P<name>\p{Han}[\p{Han}（）()、]{1,24}?)\s*(?:[（(]共?\s*\d+\s*项[）)])?$"
)


def section_row_heading(text: str, bare: bool = True) -> tuple[int, str] | None:
    """(level, category) if a row's whole text is a category heading: 第一类 → 0, 一、 → 1 (as a
    category word alone, where `bare` allows one: a row that spans the table), （一） → 2; None if it
    is not one."""
    match = _SECTION_ROW.match(text.strip())
    if match is None:
        return None
    number = (match["number"] or "").strip()
    if not number and not (bare and CATEGORY_LIKE.match(match["name"])):
        return None
    level = 0 if number.startswith("第") else 2 if number and number[0] in "（(" else 1
    return level, match["name"]


def section_number(heading: str) -> int | None:
    """一、 → 1, 十二、 → 12: the number of a section heading, or None."""
    match = SECTION_HEADING.match(heading)
    if not match:
        return None
    digits = match[0][:-1]
    if digits == "十":
        return 10
    if "十" in digits:
        tens, _, units = digits.partition("十")
        return (_HAN.index(tens) + 1 if tens else 1) * 10 + (_HAN.index(units) + 1 if units else 0)
    return _HAN.index(digits) + 1 if len(digits) == 1 else None


def is_section_heading(text: str) -> bool:
    """一、扬尘综合治理: a numbered section's title, not ending like a sentence."""
    return SECTION_HEADING.match(text) is not None and text[-1] not in SENTENCE_END + "，、"


def is_heading(text: str) -> bool:
    """A department heading (某某局：) or a section heading (一、扬尘综合治理)."""
    return text.endswith(("：", ":")) or (SECTION_HEADING.match(text) is not None and text[-1] not in SENTENCE_END)


# ---------------------------------------------------------------- organisations

# Endings of organisation names (县委组织部, 县统计局, 县红十字会, 办公室, 支行 …). Used to tell a
# department cell from a duty name and to find department headings (某某局：) in duty text.
ORG_SUFFIXES = (
    "局",
    "部",
    "委",
    "办",
    "会",
    "室",
    "院",
    "所",
    "站",
    "中心",
    "公司",
    "行",
    "队",
    "处",
    "组",
    "厅",
    "署",
    "社",
    "馆",
    "单位",
    "指挥部",
)
_PARENTHETICAL = regex.compile(r"[（(][^（()）]*[）)]$")
# A department named at a paragraph's start: 某某局：对…的处罚
LEADING_NAME = regex.compile(r"^([^：:，。；;,\n]{2,80}?)[：:]")


def is_org_name(item: str) -> bool:
    """One organisation's name: three characters or more, ending as organisations' do (a trailing
    bracketed second name aside)."""
    name = _PARENTHETICAL.sub("", item.strip())
    return len(name) >= 3 and name.endswith(ORG_SUFFIXES)


def is_org_list(text: str) -> bool:
    """True if text reads as 、-separated organisation names (阿合奇县委组织部、县统计局)."""
    return all(is_org_name(item) for item in text.split("、"))


def is_org_heading(text: str) -> bool:
    """某某局： — a whole line naming one organisation, as duty text is organised under."""
    return text.endswith(("：", ":")) and "、" not in text and is_org_list(text[:-1])


# ---------------------------------------------------------------- page furniture and categories

# Page footers as producers print them: 第 N 页，共 M 页 · 第 N 页 共 M 页 · N/M · 第 N 页 · - N -
FOOTERS = (
    regex.compile(r"^第\s*(\d+)\s*页\s*[，,]?\s*共\s*(\d+)\s*页$"),
    regex.compile(r"^(\d+)\s*/\s*(\d+)$"),
    regex.compile(r"^第\s*(\d+)\s*页$"),
    regex.compile(r"^[-－—–]\s*(\d+)\s*[-－—–]$"),
)
# A cell that says "nothing here": /, —, 无.
PLACEHOLDER = regex.compile(r"^[\s/／\\\-－—–无]*$")
# What a category cell can hold (社会保障, 应急管理及消防, 综合政务（其他）).
CATEGORY_LIKE = regex.compile(r"^[\p{Han}（）()]{2,16}$")


def footer_numbers(text: str) -> tuple[int, int | None] | None:
    """(N, M) when the line is a page footer (M None where it states no total)."""
    for pattern in FOOTERS:
        match = pattern.match(text.strip())
        if match:
            return int(match[1]), int(match[2]) if match.lastindex == 2 else None
    return None


# ---------------------------------------------------------------- the sign-off after the last table

_HAN_DIGIT = "〇○零一二三四五六七八九"
SIGN_OFF_DATE = regex.compile(
    rf"^(?:\d{{4}}|[{_HAN_DIGIT}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_HAN}]{{1,3}})\s*月"
    rf"(?:\s*(?:\d{{1,2}}|[{_HAN}]{{1,3}})\s*日)?$"
)
_SIGNER = regex.compile(r"^[\p{Han}（）()]{2,30}?(?:人民政府|委员会|党委|政府|办事处|人大|乡|镇)$")
_SEAL = regex.compile(r"^[（(]?(?:盖章|公章|印章)[）)]?$")


def is_sign_off(lines: list[str]) -> bool:
    """Whether lines are a document's sign-off: who issued it (an office or a government) and
    when (a date; its seal may be noted), one to four lines, at least one of them the date."""
    squashed = ["".join(line.split()) for line in lines]
    if not 1 <= len(squashed) <= 4 or not any(SIGN_OFF_DATE.match(line) for line in squashed):
        return False
    return all(SIGN_OFF_DATE.match(t) or _SIGNER.match(t) or is_org_list(t) or _SEAL.match(t) for t in squashed)


def sign_off_lines(texts: list[str], at_end: bool = True) -> int:
    """How many of the last lines (at_end) or of the first are the document's sign-off (0 if none)."""
    for k in range(min(4, len(texts)), 0, -1):
        if is_sign_off(texts[-k:] if at_end else texts[:k]):
            return k
    return 0
