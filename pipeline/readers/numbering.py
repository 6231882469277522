"""numbering: Word's automatic numbering (w:numPr) → the number text Word shows before a paragraph.

A list item typed as 1. 2. 3. is text; one Word or WPS numbers by itself (AutoFormat turns a typed
"1." into it) holds no number in the file — Word computes it while laying out. Left out, the cell
would lose its item numbers and its numbered items would run together, so it is computed the way
Word does (ECMA-376 §17.9): a counter per list and level, counted in document order, levels below
reset when a higher one counts, %1…%9 of the level's text replaced by the counters in their
formats. Lists sharing an abstract definition go on counting unless a start is overridden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"  # ideographDigital: 二〇二五
_COUNTING = "零一二三四五六七八九"  # chineseCounting: 一百零五
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _chinese(n: int, digits: str = _COUNTING, units: str = "十百千") -> str:
    """1 一, 10 十, 11 十一, 20 二十, 105 一百零五 (counting numbers up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit, n = divmod(n, power)
        if digit:
            if zero:
                parts.append(digits[0])
            parts.append(("" if digit == 1 and unit == units[0] and not parts else digits[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _from(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: _from(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _from(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _from(_PARENTHESIZED, n),
    "decimalEnclosedFullstop": lambda n: f"{n}.",
    "upperRoman": lambda n: _roman(n).upper(),
    "lowerRoman": _roman,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerLetter": _letters,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL, "拾佰仟"),
    "ideographLegalTraditional": lambda n: _chinese(n, _LEGAL, "拾佰仟"),
    "ideographTraditional": lambda n: _from(_STEMS, n),
    "ideographZodiac": lambda n: _from(_BRANCHES, n),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # tab | space | nothing
    legal: bool = False  # isLgl: the higher levels' numbers in decimal


def _val(node, name: str, default: str | None = None) -> str | None:
    child = node.find(f"{_W}{name}") if node is not None else None
    return child.get(f"{_W}val", default) if child is not None else default


def _levels(abstract) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.findall(f"{_W}lvl"):
        out[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
            int(_val(lvl, "start", "1") or 1),
            _val(lvl, "numFmt", "decimal") or "decimal",
            _val(lvl, "lvlText", "") or "",
            _val(lvl, "suff", "tab") or "tab",
            lvl.find(f"{_W}isLgl") is not None,
        )
    return out


@dataclass
class Numbering:
    """The numbering definitions of a Word file and the counters of the lists numbered so far."""

    abstracts: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractNumId, overrides)
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # paragraph style → (numId, level)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    numbered: int = 0  # paragraphs numbered
    unknown: set[str] = field(default_factory=set)  # formats shown as decimal

    @classmethod
    def of(cls, numbering_xml, styles_xml) -> Numbering:
        out = cls()
        if numbering_xml is not None:
            for abstract in numbering_xml.findall(f"{_W}abstractNum"):
                out.abstracts[abstract.get(f"{_W}abstractNumId")] = _levels(abstract)
            for num in numbering_xml.findall(f"{_W}num"):
                overrides = {}
                for override in num.findall(f"{_W}lvlOverride"):
                    start = _val(override, "startOverride")
                    if start is not None:
                        overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start)
                out.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId", "") or "", overrides)
        if styles_xml is not None:
            for style in styles_xml.findall(f"{_W}style"):
                props = style.find(f"{_W}pPr")
                num = props.find(f"{_W}numPr") if props is not None else None
                if num is not None and _val(num, "numId"):
                    out.styles[style.get(f"{_W}styleId")] = (_val(num, "numId"), int(_val(num, "ilvl", "0") or 0))
        return out

    def label(self, p) -> str:
        """The number Word shows before paragraph `p` ("" if none), counting it."""
        props = p.find(f"{_W}pPr")
        num = props.find(f"{_W}numPr") if props is not None else None
        style = _val(props, "pStyle")
        num_id, level = None, 0
        if num is not None:
            num_id, level = _val(num, "numId"), int(_val(num, "ilvl", "0") or 0)
        elif style in self.styles:
            num_id, level = self.styles[style]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id, {})
        key = num_id if overrides else abstract_id  # an override starts a list of its own
        counters = self.counters.setdefault(key, {})
        definition = levels.get(level, _Level())
        start = overrides.get(level, definition.start)
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [d for d in counters if d > level]:
            del counters[deeper]
        if definition.fmt == "bullet":
            return ""  # a bullet marks an item but is not text of it
        self.numbered += 1
        text = definition.text
        for shown in range(9):
            if f"%{shown + 1}" in text:
                of = levels.get(shown, _Level())
                value = counters.get(shown, overrides.get(shown, of.start))
                fmt = "decimal" if definition.legal and shown < level else of.fmt
                if fmt not in FORMATS:
                    self.unknown.add(fmt)
                text = text.replace(f"%{shown + 1}", FORMATS.get(fmt, str)(value))
        return text + (" " if definition.suffix == "space" else "")

    def notes(self) -> tuple[tuple[str, str], ...]:
        out = []
        if self.numbered:
            what = f"{self.numbered} paragraphs numbered by Word itself: their numbers computed as Word does"
            out.append(("numbering", what))
        if self.unknown:
            out.append(("numbering", f"number formats shown as 1, 2, 3: {', '.join(sorted(self.unknown))}"))
        return tuple(out)
