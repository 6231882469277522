"""diff_html: a diff (diff.diff_editions) → one self-contained page: both editions side by side,
item by item, the words that changed marked (jieba's words, as the diff compares them), an item
moved between lists linked to where it was and where it went."""

from __future__ import annotations

from ..outputs.html import BASE_STYLE, escape
from ..spec import BY_KEY, EXTRA, KEYS, NAMES, SEQ
from . import LoadedEdition
from .diff import CLASSES, word_runs

_STYLE = (
    BASE_STYLE
    + """
table{width:100%}td.side{width:45%;white-space:pre-wrap}del{background:#ffd7d5;text-decoration:line-through}
ins{background:#ccf5d3;text-decoration:none}.field{color:#666;font-size:12px}:target{outline:3px solid #f0b400}
"""
)


def marked(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, the words only the old has in <del>, those only the new has in <ins>."""
    left, right = [], []
    for tag, was, now in word_runs(old, new):
        before, after = escape(was), escape(now)
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return "".join(left), "".join(right)


def _text(record: dict | None, field: str) -> str:
    if record is None:
        return ""
    if field.startswith(EXTRA + "."):  # an extra column, by its label
        value = (record.get(EXTRA) or {}).get(field[len(EXTRA) + 1 :])
    else:
        value = record.get(field)
    return "、".join(value) if isinstance(value, list) else "" if value is None else str(value)


def _ref(side: str, ref: dict | None, other: tuple[str, dict] | None = None) -> str:
    """An item's place, anchored; `other`: the place to link it to (a moved item's other side)."""
    if ref is None:
        return "—"
    link = f" href='#{other[0]}-{other[1]['list']}-{other[1]['seq']}'" if other else ""
    return f"<a id='{side}-{ref['list']}-{ref['seq']}'{link}>{escape(NAMES[ref['list']])} {ref['seq']}</a>"


def render_diff_html(result: dict, old: LoadedEdition, new: LoadedEdition) -> str:
    records = {
        side: {(key, r[SEQ]): r for key in KEYS for r in edition.records.get(key, [])}
        for side, edition in (("old", old), ("new", new))
    }
    title = f"qingdan diff: {escape(result['old'])} → {escape(result['new'])}"
    out = [
        "<!doctype html><html lang=zh><head><meta charset=utf-8>",
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        "<table><tr><th>class" + "".join(f"<th>{escape(NAMES[t])}" for t in KEYS) + "<th>total",
    ]
    for kind in CLASSES:
        counts = [result["summary"][kind][t] for t in KEYS]
        link = f"<a href='#{kind}'>{kind}</a>" if kind != "unchanged" and sum(counts) else kind
        out.append(f"<tr><td>{link}" + "".join(f"<td>{c}" for c in counts) + f"<td>{sum(counts)}")
    out.append("</table>")
    for kind in CLASSES[1:]:
        items = [item for item in result["items"] if item["class"] == kind]
        if not items:
            continue
        out.append(f"<h2 id='{kind}'>{kind} ({len(items)})</h2><table><tr><th>old<th>new")
        for item in items:
            out.append(_item(item, records))
        out.append("</table>")
    if result["layout_only"]:
        out.append(f"<p>{len(result['layout_only'])} unchanged items differ only in layout.</p>")
    return "\n".join(out) + "</body></html>"


def _item(item: dict, records: dict) -> str:
    old_ref, new_ref = item["old"], item["new"]
    old = records["old"].get((old_ref["list"], old_ref["seq"])) if old_ref else None
    new = records["new"].get((new_ref["list"], new_ref["seq"])) if new_ref else None
    key = (new_ref or old_ref)["list"]
    moved = item["class"] == "moved"  # linked both ways: where it was, where it went
    head = (
        f"<tr><td>{_ref('old', old_ref, ('new', new_ref) if moved else None)}"
        f"<td>{_ref('new', new_ref, ('old', old_ref) if moved else None)}"
    )
    if moved:
        head += f" (moved from {escape(NAMES[old_ref['list']])})"
    rows = [head]
    shown = old or new or {}
    fields = item.get("fields") or [
        c.field for c in BY_KEY[key].columns if c.field != SEQ and shown.get(c.field) is not None
    ]
    for field in fields:
        left, right = marked(_text(old, field), _text(new, field))
        rows.append(f"<tr><td class=side><span class=field>{escape(field)}</span>\n{left}")
        rows.append(f"<td class=side><span class=field>{escape(field)}</span>\n{right}")
    return "".join(rows)
