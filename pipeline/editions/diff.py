"""diff: two editions → what changed, item by item.

Items are matched within and across the three lists: first exactly (the same name), then by
similarity — IDF-weighted overlap of jieba words of the name (and, between cooperative items,
of the duty texts) — greedily from the most similar pair down to `DiffSettings.threshold`.
Each item is then unchanged, renumbered, changed (which fields, with a word-level diff),
moved (between lists), added or removed; department changes go through the registry.
"""

from __future__ import annotations

import difflib
import unicodedata

from ..core.departments import canonical, load_registry
from ..core.terms import bigrams, idf, lexicon, weighted_dice, weighted_overlap, words
from ..settings import DEFAULT, DiffSettings
from ..spec import BY_KEY, EXTRA, KEYS, LISTS, NAME, NAMES, SEQ, Derivation, Kind
from . import LoadedEdition

CLASSES = ("unchanged", "renumbered", "changed", "moved", "added", "removed")
# what is compared and word-diffed, in the order the lists give the fields
_FIELDS = tuple(dict.fromkeys(field for spec in LISTS for field in spec.compared))
_TEXT_FIELDS = tuple(dict.fromkeys(field for spec in LISTS for field in spec.searchable))
_DUTIES = tuple(dict.fromkeys(field for spec in LISTS for field in spec.prose))
# fields naming a record's departments as a list (department cells, leading departments)
_DEPARTMENT_LISTS = tuple(
    dict.fromkeys(
        field
        for spec in LISTS
        for field in spec.fields_of(Kind.ORGS) + tuple(d.field for d in spec.derived_of(Derivation.LEADING_DEPARTMENTS))
    )
)
SETTINGS = DEFAULT.diff


def _items(edition: LoadedEdition) -> list[tuple[str, dict]]:
    return [(key, record) for key in KEYS for record in edition.records.get(key, [])]


def _duties(record: dict) -> str:
    return "\n".join(record.get(f) or "" for f in _DUTIES)


def same_name(a: dict, b: dict) -> bool:
    return layout_form(a[NAME]) == layout_form(b[NAME])


def match_items(
    old: LoadedEdition, new: LoadedEdition, settings: DiffSettings = SETTINGS
) -> list[tuple[int | None, int | None, float]]:
    """(old index, new index, similarity) pairs; None on one side for added or removed items."""
    a, b = _items(old), _items(new)
    names = [words(r[NAME]) for _, r in a] + [words(r[NAME]) for _, r in b]
    texts = [words(_duties(r)) for _, r in a] + [words(_duties(r)) for _, r in b]
    weights = idf(names + texts)
    pairs: list[tuple[int | None, int | None, float]] = []
    free_a, free_b = set(range(len(a))), set(range(len(b)))
    # exact names first: the same list and number, then the same list, then any list
    for rank in (
        lambda i, j: a[i][0] == b[j][0] and a[i][1][SEQ] == b[j][1][SEQ],
        lambda i, j: a[i][0] == b[j][0],
        lambda i, j: True,
    ):
        for j in sorted(free_b):
            for i in sorted(free_a):
                if same_name(a[i][1], b[j][1]) and rank(i, j):
                    pairs.append((i, j, 1.0))
                    free_a.discard(i)
                    free_b.discard(j)
                    break
    # jieba may cut a reworded name into other words (档案管理 | 工作 → 档案 | 规范 | 管理工作):
    # its character pairs then still show the likeness
    grams = [bigrams(r[NAME]) for _, r in a] + [bigrams(r[NAME]) for _, r in b]
    gram_weights = idf(grams)
    scored = []
    for i in free_a:
        for j in free_b:
            name = max(
                weighted_overlap(names[i], names[len(a) + j], weights),
                weighted_dice(grams[i], grams[len(a) + j], gram_weights),
            )
            score = name
            if a[i][0] == b[j][0] and BY_KEY[a[i][0]].matched_by_duties:
                text = weighted_overlap(texts[i], texts[len(a) + j], weights)
                score = settings.name_weight * name + (1 - settings.name_weight) * text
            if score >= settings.threshold:
                scored.append((score, i, j))
    for score, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i in free_a and j in free_b:
            pairs.append((i, j, round(score, 3)))
            free_a.discard(i)
            free_b.discard(j)
    pairs += [(i, None, 0.0) for i in sorted(free_a)] + [(None, j, 0.0) for j in sorted(free_b)]
    return pairs


def word_runs(old: str, new: str) -> list[tuple[str, str, str]]:
    """(op, old words, new words) for every run of two texts, equal or not: jieba's words,
    punctuation kept, so that the runs join back to the texts."""
    a, b = lexicon().cut(old), lexicon().cut(new)
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(tag, "".join(a[i1:i2]), "".join(b[j1:j2])) for tag, i1, i2, j1, j2 in opcodes]


def word_diff(old: str, new: str) -> list[dict]:
    """The changed runs of words between two texts."""
    return [{"op": op, "old": a, "new": b} for op, a, b in word_runs(old, new) if op != "equal"]


def _departments(record: dict, county: str | None) -> set[str]:
    registry = load_registry()
    names = [name for field in _DEPARTMENT_LISTS for name in record.get(field) or []]
    return {canonical(n, county, registry)[0] for n in names}


def _ref(key: str, record: dict) -> dict:
    return {"list": key, "seq": record[SEQ], "name": record[NAME]}


def layout_form(value):
    """A value as its content reads: line breaks, spaces and full- or half-width forms are layout
    (the same edition printed by another producer, or read from another form), not content."""
    if isinstance(value, list):
        return [layout_form(v) for v in value]
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split())
    return value


def compared_values(a: dict, b: dict) -> dict[str, tuple]:
    """(old, new) of every field two records both print: a field one template does not print (null)
    is not compared, nor an extra column only one prints (extra.<label> for those both print)."""
    out = {}
    for field in _FIELDS:
        if field == EXTRA:
            ea, eb = a.get(EXTRA) or {}, b.get(EXTRA) or {}
            out.update((f"{EXTRA}.{label}", (ea[label], eb[label])) for label in ea if label in eb)
        elif a.get(field) is not None and b.get(field) is not None:
            out[field] = (a[field], b[field])
    return out


def classify(old: LoadedEdition, new: LoadedEdition, settings: DiffSettings = SETTINGS) -> list[dict]:
    a, b = _items(old), _items(new)
    out = []
    for i, j, score in match_items(old, new, settings):
        if j is None:
            out.append({"class": "removed", "old": _ref(*a[i]), "new": None})
            continue
        if i is None:
            out.append({"class": "added", "old": None, "new": _ref(*b[j])})
            continue
        (ka, ra), (kb, rb) = a[i], b[j]
        values = compared_values(ra, rb)
        differing = [f for f, (x, y) in values.items() if x != y]
        fields = [f for f in differing if layout_form(values[f][0]) != layout_form(values[f][1])]
        renumbered = ra[SEQ] != rb[SEQ]
        kind = "moved" if ka != kb else "changed" if fields else "renumbered" if renumbered else "unchanged"
        item = {"class": kind, "old": _ref(ka, ra), "new": _ref(kb, rb), "similarity": score}
        if len(fields) < len(differing):
            item["layout"] = [f for f in differing if f not in fields]
        if kind != "unchanged":
            item.update(fields=fields, renumbered=renumbered)
            texts = [f for f in fields if f in _TEXT_FIELDS or f.startswith(EXTRA + ".")]
            item["text_changes"] = {f: word_diff(*values[f]) for f in texts}
            before, after = _departments(ra, old.county), _departments(rb, new.county)
            if before != after:
                item["departments"] = {"added": sorted(after - before), "removed": sorted(before - after)}
        out.append(item)
    return out


def diff_editions(old: LoadedEdition, new: LoadedEdition, settings: DiffSettings = SETTINGS) -> dict:
    items = classify(old, new, settings)
    summary = {c: {t: 0 for t in KEYS} for c in CLASSES}
    for item in items:
        side = item["new"] or item["old"]
        summary[item["class"]][side["list"]] += 1
    return {
        "old": old.label,
        "new": new.label,
        "threshold": settings.threshold,
        "summary": summary,
        "changed": any(item["class"] != "unchanged" for item in items),
        "items": [item for item in items if item["class"] != "unchanged"],
        # unchanged items whose texts differ only in layout (line breaks, spaces, character widths)
        "layout_only": [
            {"old": item["old"], "new": item["new"], "fields": item["layout"]}
            for item in items
            if item["class"] == "unchanged" and item.get("layout")
        ],
    }


def render_diff(result: dict, layout: bool = False) -> str:
    """The diff in Markdown; `layout`: also list the items that differ only in layout."""
    out = [f"# qingdan diff: {result['old']} → {result['new']}", ""]
    out += ["| class | " + " | ".join(NAMES[t] for t in KEYS) + " | total |", "| --- |" + " ---: |" * 4]
    for kind in CLASSES:
        counts = [result["summary"][kind][t] for t in KEYS]
        out.append(f"| {kind} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    for kind in CLASSES[1:]:
        items = [item for item in result["items"] if item["class"] == kind]
        if not items:
            continue
        out += ["", f"## {kind} ({len(items)})", ""]
        for item in items:
            old, new = item["old"], item["new"]
            where = (
                (f"{NAMES[old['list']]} {old['seq']}" if old else "")
                + (" → " if old and new else "")
                + (f"{NAMES[new['list']]} {new['seq']}" if new else "")
            )
            out.append(f"- **{where}** {(new or old)['name']}")
            if item.get("fields"):
                out.append(f"  - fields: {', '.join(item['fields'])}")
            for field, ops in item.get("text_changes", {}).items():
                for op in ops[:6]:
                    out.append(f"  - {field}: {op['old'] or '∅'} → {op['new'] or '∅'}")
            if "departments" in item:
                d = item["departments"]
                out.append(f"  - departments: +{'、'.join(d['added']) or '∅'} −{'、'.join(d['removed']) or '∅'}")
    if result["layout_only"]:
        out += ["", f"{len(result['layout_only'])} unchanged items differ only in layout (line breaks, spaces, widths)"]
        if layout:
            out += ["", f"## layout only ({len(result['layout_only'])})", ""]
            for item in result["layout_only"]:
                old = item["old"]
                out.append(f"- **{NAMES[old['list']]} {old['seq']}** {old['name']}: {', '.join(item['fields'])}")
    return "\n".join(out) + "\n"
