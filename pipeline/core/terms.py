"""terms: Chinese text → words (jieba, with the lists' own vocabulary kept whole) and the word
statistics diff and search rank by.

The domain dictionary is data: pipeline/data/terms.txt (policy terms such as 河长制, “一卡通”)
plus every department name of the registry without its county, so 林业和草原局 stays one word
and a search for 草原 does not find every row that names that department.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from pathlib import Path

import regex

from ..spec import EXTRA, LISTS
from .departments import load_registry
from .dictionary import Dictionary, bucket, text_buckets

DATA = Path(__file__).resolve().parent.parent / "data"
_WORD = regex.compile(r"[\p{Han}A-Za-z0-9]")
_BRACKETS = regex.compile(r"[（(][^（）()]{1,4}[）)]")


# jieba.analyse's stop words (its KeywordExtractor.STOP_WORDS), which keywords skip as it does
STOP_WORDS = frozenset(
    "the of is and to in that we for an are by be as on with can if from which you it this then at have all "
    "not one has or".split()
)


class Lexicon:
    """A jieba Tokenizer on the lazily loaded dictionary (dictionary.py), with the lists' own
    vocabulary added as jieba.add_word would: every cut and keyword is jieba's, for a fraction
    of its load time and memory."""

    def __init__(self, folder: Path | None = None):
        import jieba

        self.dictionary = Dictionary(folder)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total, self.tokenizer.initialized = {}, self.dictionary.total, True
        self._loaded: set[int] = set()
        self._idf: dict[str, float] = {}
        self._idf_loaded: set[int] = set()
        for word, freq, tag in _vocabulary():
            self.prepare(word)  # what suggest_freq looks up, and every bucket add_word writes to
            self.tokenizer.add_word(word, freq, tag)

    def prepare(self, text: str) -> str:
        """The text, with every dictionary bucket cutting it may look up loaded."""
        for index in text_buckets(text) - self._loaded:
            self.tokenizer.FREQ.update(self.dictionary.freq_bucket(index))
            self._loaded.add(index)
        return text

    def idf(self, word: str) -> float:
        index = bucket(word)
        if index not in self._idf_loaded:
            self._idf.update(self.dictionary.idf_bucket(index))
            self._idf_loaded.add(index)
        return self._idf.get(word, self.dictionary.median_idf)

    def is_word(self, text: str) -> bool:
        """Whether jieba's dictionary (or the lists' vocabulary) holds `text` as a word."""
        return self.tokenizer.FREQ.get(self.prepare(text), 0) > 0

    def cut(self, text: str) -> list[str]:
        """jieba's words of a text, punctuation and spaces kept (so they join back to it)."""
        return [word for chunk in _chunks(text) for word in self.tokenizer.lcut(self.prepare(chunk))]

    def tags(self, text: str, top: int) -> list[str]:
        """jieba.analyse.extract_tags: the words (two characters or more, no stop words) by term
        frequency times IDF, most weighty first, ties in the order of first use."""
        freq: dict[str, float] = {}
        for word in self.cut(text):
            if len(word.strip()) < 2 or word.lower() in STOP_WORDS:
                continue
            freq[word] = freq.get(word, 0.0) + 1.0
        total = sum(freq.values())
        for word in freq:
            freq[word] *= self.idf(word) / total
        return sorted(freq, key=freq.__getitem__, reverse=True)[:top]


def _vocabulary() -> list[tuple[str, int | None, str | None]]:
    """The lists' own words: pipeline/data/terms.txt, and every department name of the registry
    without its county (县自然资源局（林业和草原局）: both names, without 县)."""
    out = []
    for line in (DATA / "terms.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, *rest = line.split()
            out.append((word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None))
    for name in load_registry().canonical:
        for part in regex.split(r"[（）()]", name):
            if len(part) > 2:
                out.append((part.removeprefix("县"), 2000, "nt"))
    return out


@cache
def lexicon() -> Lexicon:
    return Lexicon()


LONGEST_RUN = 500  # characters without a stop jieba is given at once: its word graph of a run grows fast
_RUN = regex.compile(rf"[^\s，。；：、！？,.;:!?（）()“”]{{{LONGEST_RUN}}}")


def _chunks(text: str) -> list[str]:
    """The text cut after every run of LONGEST_RUN characters without a stop: jieba builds a graph
    of each run between stops, and one of a million characters takes gigabytes."""
    ends = [m.end() for m in _RUN.finditer(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True)]


def warm_up() -> None:
    """Open the dictionary now, e.g. while other processes parse a PDF."""
    lexicon()


def words(text: str) -> list[str]:
    """The words of a text, punctuation and one-character function words dropped."""
    return [w for w in lexicon().cut(text) if len(w) > 1 and _WORD.search(w)]


def keywords(text: str, top: int = 5, ignore: tuple[str, ...] = ()) -> list[str]:
    """The text's top terms by TF-IDF (jieba's IDF table), most weighty first; `ignore`: words
    every record shares (the county's and township's names)."""
    found = lexicon().tags(text, top + len(ignore))
    return [w for w in found if _WORD.search(w) and w not in ignore][:top]


# A record's words to index: its name and duty texts, in the order the lists give them.
SEARCHABLE = tuple(dict.fromkeys(field for spec in LISTS for field in spec.searchable))
# the parts of a field some templates print in two columns: indexed through the field they make
_PARTS = frozenset(part for spec in LISTS for composed in spec.composed for part in composed.parts)


def searchable_text(record: dict) -> str:
    """A record's words to index: its name, duty texts, basis and remarks, and its extra columns."""
    texts = [record[f] for f in SEARCHABLE if record.get(f) and f not in _PARTS]
    return "\n".join(texts + [text for text in (record.get(EXTRA) or {}).values() if text])


@cache
def synonyms() -> dict[str, list[str]]:
    return json.loads((DATA / "synonyms.json").read_text(encoding="utf-8"))["synonyms"]


def query_words(query: str) -> list[list[str]]:
    """A query's words, each with the variants that count as it (河（湖）长制 → 河长制, 湖长制)."""
    out = []
    for chunk in regex.split(r"\s+", query.strip()):
        if chunk in synonyms():
            out.append([chunk, *synonyms()[chunk]])
            continue
        for word in words(_BRACKETS.sub("", chunk)) or [chunk]:
            out.append([word])
    return out


def idf(documents: list[list[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of every word in the documents."""
    frequency = Counter(w for doc in documents for w in set(doc))
    n = len(documents)
    return {w: math.log((n + 1) / (df + 1)) + 1.0 for w, df in frequency.items()}


def weighted_overlap(a: list[str], b: list[str], weights: dict[str, float]) -> float:
    """Token-set overlap weighted by IDF: 1 for the same words, 0 for none in common."""
    sa, sb = set(a), set(b)
    union = sum(weights.get(w, 1.0) for w in sa | sb)
    return sum(weights.get(w, 1.0) for w in sa & sb) / union if union else 1.0


def bigrams(text: str) -> list[str]:
    """The pairs of adjacent characters of a text's words (punctuation and spaces dropped)."""
    chars = "".join(_WORD.findall(text))
    return [chars[i : i + 2] for i in range(len(chars) - 1)] or [chars]


def weighted_dice(a: list[str], b: list[str], weights: dict[str, float]) -> float:
    """Dice coefficient of two sets weighted by IDF: 1 for the same items, 0 for none in common."""
    sa, sb = set(a), set(b)
    total = sum(weights.get(w, 1.0) for w in sa) + sum(weights.get(w, 1.0) for w in sb)
    return 2 * sum(weights.get(w, 1.0) for w in sa & sb) / total if total else 1.0
