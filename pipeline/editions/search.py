"""search: find the records whose words match a Chinese query, ranked.

The query is cut into words by jieba with the lists' vocabulary (terms.py); a record matches a
query word when the word is one of its words — so 草原 finds 草原确权 but not every row naming
林业和草原局 — or, for a word jieba cannot keep whole (河（湖）长制), when its text contains it.
Records are ranked by the IDF-weighted count of the query's words they hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.terms import query_words, searchable_text, words
from ..spec import KEYS, NAME, SEQ


@dataclass(frozen=True)
class Hit:
    list: str
    seq: int
    name: str
    score: float
    snippet: str


def _matches(variant: str, text: str, text_words: list[str]) -> int:
    if words(variant) == [variant]:
        return text_words.count(variant)
    return text.count(variant)


def _snippet(text: str, variant: str, width: int = 24) -> str:
    at = text.find(variant)
    start, end = max(0, at - width), min(len(text), at + len(variant) + width)
    flat = text[start:end].replace("\n", " ")
    return ("…" if start else "") + flat + ("…" if end < len(text) else "")


def search(records: dict[str, list[dict]], query: str) -> list[Hit]:
    """Records holding every word of the query (or one of its variants), best first."""
    groups = query_words(query)
    documents = [(key, r, searchable_text(r)) for key, rows in records.items() for r in rows]
    indexed = [(key, r, text, words(text)) for key, r, text in documents]
    n = len(indexed)
    hits = []
    for key, record, text, text_words in indexed:
        score, snippet = 0.0, ""
        for variants in groups:
            counts = {v: _matches(v, text, text_words) for v in variants}
            found = {v: c for v, c in counts.items() if c}
            if not found:
                break
            df = sum(1 for _, _, t, tw in indexed if any(_matches(v, t, tw) for v in variants))
            score += sum(found.values()) * (math.log((n + 1) / (df + 1)) + 1)
            snippet = snippet or _snippet(text, next(iter(found)))
        else:
            hits.append(Hit(key, record[SEQ], record[NAME], round(score, 3), snippet))
    order = {key: index for index, key in enumerate(KEYS)}
    return sorted(hits, key=lambda h: (-h.score, order.get(h.list, 9), h.seq))
