"""html: an Edition → report.html, one self-contained page a person checks in minutes — stated
against extracted, every check, each finding linked to its row, and each row named in a check
shown as the document printed it: a PDF's stretch of page with the row's cells outlined and
named by column, a text's source lines with those the finding names marked. Below, the three
lists to browse, with a filter (any text, category, department) in a few lines of JavaScript.
Images are embedded; nothing is fetched, so the page works offline and can be mailed."""

from __future__ import annotations

import base64
import html
import json
from contextlib import ExitStack
from pathlib import Path

import regex

from ..model import Edition, InputError, Status
from ..settings import DEFAULT, PictureSettings
from ..spec import BOXES, BY_KEY, CATEGORY, EXTRA, FIRST_LINE, KEYS, LAST_LINE, NAMES, REFS, SEQ, SOURCE
from .flat import extra_labels, flat_columns, flat_row

_LINES = regex.compile(r"lines? (\d+)(?:-(\d+))?")
_MARK = {Status.PASS: "pass", Status.WARN: "warn", Status.FAIL: "fail"}
_FILTER_LIMIT = 400  # characters of a cell shown in the browse tables (the whole text is in the datasets)

# what every page qingdan writes looks like (report.html, diff --html)
BASE_STYLE = """
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f2f2f2}
"""
_STYLE = (
    BASE_STYLE
    + """
.pass{color:#176b2c}.warn{color:#9a6700}.fail{color:#b00020;font-weight:bold}
.row{border-left:4px solid #9a6700;padding:4px 12px;margin:16px 0}.row img{max-width:100%;border:1px solid #999}
pre{background:#f7f7f7;padding:6px;overflow-x:auto}pre mark{background:#ffe08a}
.cell{white-space:pre-wrap;max-width:36em}#filters{position:sticky;top:0;background:#fff;padding:6px 0}
"""
)

_SCRIPT = """
(function () {
  var q = document.getElementById('q'), cat = document.getElementById('cat'),
      dep = document.getElementById('dep'), count = document.getElementById('count');
  function apply() {
    var text = q.value.trim(), c = cat.value, d = dep.value, shown = 0;
    document.querySelectorAll('tr.record').forEach(function (tr) {
      var ok = (!text || tr.textContent.indexOf(text) >= 0) && (!c || tr.dataset.category === c) &&
               (!d || (tr.dataset.departments || '').split('、').indexOf(d) >= 0);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown;
  }
  var start = new URLSearchParams(location.hash.slice(1));
  if (start.get('q')) q.value = start.get('q');
  [q, cat, dep].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
"""


def escape(value) -> str:
    """Text for HTML, in an element or a single-quoted attribute."""
    return html.escape("" if value is None else str(value))


def _anchor(key: str, seq: int) -> str:
    return f"row-{key}-{seq}"


def render_html(edition: Edition, pdf: Path | None = None, settings: PictureSettings = DEFAULT.pictures) -> str:
    """`pdf`: the input, when it is a PDF whose pages can be drawn."""
    parts = [
        "<!doctype html><html lang=zh><head><meta charset=utf-8>",
        f"<title>qingdan report: {escape(edition.source.name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>qingdan report: {escape(edition.source.name)}</h1>",
        f"<p>township {escape(edition.township or '?')}; county {escape(edition.county or '?')}; "
        f"sha256 <code>{escape(edition.source.sha256)}</code> ({escape(edition.source.form)}); "
        f"result <b class={_MARK[edition.status]}>{escape(edition.status)}</b></p>",
        _counts(edition),
        _checks(edition),
        _rows_named(edition, pdf, settings),
        _lists(edition),
        f"<script>{_SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts)


def _counts(edition: Edition) -> str:
    out = ["<h2>Stated against extracted</h2><table><tr><th>list<th>items stated<th>items extracted"]
    out.append("<th>categories stated<th>categories extracted<th>departments stated<th>departments extracted")
    for key in KEYS:
        s, e = edition.stated[key], edition.extracted[key]
        departments = e.get("departments", {}).get("count")
        cells = (s["count"], e["count"], s["category_count"], len(e["categories"]), s["department_count"], departments)
        out.append(f"<tr><td>{escape(NAMES[key])}" + "".join(f"<td>{escape('—' if v is None else v)}" for v in cells))
    out.append(f"<tr><td>total<td>{escape(edition.stated['total'])}<td>{edition.extracted['total']}<td><td><td><td>")
    return "".join(out) + "</table>"


def _checks(edition: Edition) -> str:
    out = ["<h2>Checks</h2><table><tr><th>check<th>status<th>result"]
    for check in edition.checks:
        mark = _MARK[check.status]
        out.append(f"<tr><td><a href='#check-{escape(check.name)}'>{escape(check.name)}</a><td class={mark}>{mark}")
        out.append(f"<td>{escape(check.message)}")
    out.append("</table>")
    problems = [c for c in edition.checks if c.status != Status.PASS and c.findings]
    if problems:
        out.append("<h2>Warnings and failures</h2>")
    for check in problems:
        name, mark = escape(check.name), _MARK[check.status]
        out.append(f"<h3 id='check-{name}' class={mark}>{name} ({check.status})</h3><ul>")
        for finding in check.findings:
            where = f" ({escape(finding.where)})" if finding.where else ""
            if finding.list in BY_KEY and finding.row is not None:
                name = f"{NAMES[finding.list]} row {finding.row}"
                link = f"<a href='#{_anchor(finding.list, finding.row)}'>{escape(name)}</a>{where}: "
            else:
                link = f"{escape(where.strip(' ()'))}: " if where else ""
            out.append(f"<li class={_MARK[finding.status]}>{link}{escape(finding.text)}</li>")
        out.append("</ul>")
    return "".join(out)


def _named_rows(edition: Edition) -> dict[tuple[str, int], list]:
    """(list, row) → its findings, in the order the checks name them."""
    named: dict[tuple[str, int], list] = {}
    for check in edition.checks:
        for finding in check.findings:
            if finding.list in BY_KEY and finding.row is not None:
                named.setdefault((finding.list, finding.row), []).append(finding)
    return named


def _rows_named(edition: Edition, pdf: Path | None, settings: PictureSettings) -> str:
    named = _named_rows(edition)
    if not named:
        return ""
    records: dict[str, dict[int, dict]] = {}
    for key, rows in edition.records.items():  # a number printed twice (a finding itself): its first row
        for record in rows:
            records.setdefault(key, {}).setdefault(record[SEQ], record)
    out = ["<h2>Rows named in checks</h2>"]
    drawn = list(named)[: settings.rows_drawn]
    with ExitStack() as stack:
        opened = None
        if pdf is not None and any(records.get(k, {}).get(s, {}).get(SOURCE, {}).get(BOXES) for k, s in drawn):
            from .pictures import open_pages

            try:
                opened = stack.enter_context(open_pages(pdf, settings))
            except InputError:
                opened = None  # a file pdfium cannot open (read by the other engine): rows listed, not drawn
        for key, seq in named:
            record = records.get(key, {}).get(seq)
            out.append(f"<div class=row id='{_anchor(key, seq)}'><h3>{escape(NAMES[key])} row {seq}</h3><ul>")
            out += [f"<li class={_MARK[f.status]}>{escape(f.text)}</li>" for f in named[(key, seq)]]
            out.append("</ul>")
            if record is not None and (key, seq) in drawn:
                out.append(_as_printed(edition, key, record, named[(key, seq)], opened))
            out.append("</div>")
    if len(named) > len(drawn):
        out.append(f"<p>{len(named) - len(drawn)} more rows are named; they are listed, not drawn.</p>")
    return "".join(out)


def _as_printed(edition: Edition, key: str, record: dict, findings: list, pages) -> str:
    """The row as the document printed it: a PDF's page stretch with its cells, a text's lines,
    or a file's cell references."""
    source = record[SOURCE]
    if source.get(BOXES) and pages is not None:
        from .pictures import cell_names, png

        columns = cell_names(edition.templates.get(key))

        try:
            pictures = pages.row(source[BOXES], columns)
        except Exception as exc:  # noqa: BLE001 — a page pdfium cannot draw leaves the report without it, never the build
            return f"<p>the row could not be drawn ({escape(type(exc).__name__)}: {escape(exc)})</p>"
        out = []
        for number, picture in pictures:
            data = base64.b64encode(png(picture)).decode("ascii")
            out.append(f"<p>page {number}</p><img alt='page {number}' src='data:image/png;base64,{data}'>")
        more = len({box["page"] for box in source[BOXES]}) - len(pictures)
        if more > 0:
            out.append(f"<p>{more} more pages of this row are not drawn.</p>")
        return "".join(out)
    if source.get(FIRST_LINE) is not None and edition.source.lines:
        marked = set()
        for finding in findings:
            for match in _LINES.finditer(finding.where):
                first = int(match[1])
                marked.update(range(first, int(match[2] or first) + 1))
        lines = edition.source.lines[source[FIRST_LINE] - 1 : source[LAST_LINE]]
        shown = []
        for number, text in enumerate(lines, start=source[FIRST_LINE]):
            line = f"{number:>6}  {escape(text)}"
            shown.append(f"<mark>{line}</mark>" if number in marked else line)
        return "<pre>" + "\n".join(shown) + "</pre>"
    if source.get(REFS):
        return "<p>cells: " + escape(json.dumps(source[REFS], ensure_ascii=False)) + "</p>"
    return ""


def _lists(edition: Edition) -> str:
    categories = sorted({r[CATEGORY] for rows in edition.records.values() for r in rows if r[CATEGORY]})
    departments = sorted({d for key, rows in edition.records.items() for r in rows for d in _departments_of(key, r)})
    out = [
        "<h2>The lists</h2><div id=filters>",
        "<input id=q type=search placeholder='any text' size=30> ",
        "<select id=cat><option value=''>every category</option>",
        "".join(f"<option value='{escape(c)}'>{escape(c)}</option>" for c in categories),
        "</select> <select id=dep><option value=''>every department</option>",
        "".join(f"<option value='{escape(d)}'>{escape(d)}</option>" for d in departments),
        "</select> <span id=count></span> rows</div>",
    ]
    for key in KEYS:
        extras = extra_labels(edition.records[key])
        every = flat_columns(key, extras)
        printed = {c["field"] for c in (edition.templates.get(key) or {}).get("columns", ())}
        # the columns the edition prints (its extra ones among them), in the spec's order
        columns = [c for c in every if c[0] in printed or c[0].startswith(EXTRA + ".") or c[0] == SEQ]
        out.append(f"<h3>{escape(NAMES[key])}</h3><table class=list data-list={key}><tr>")
        out.append("".join(f"<th>{escape(title)}" for _, title, _, _ in columns))
        for record in edition.records[key]:
            values = dict(zip([c[0] for c in every], flat_row(key, record, extras), strict=True))
            depts = "、".join(_departments_of(key, record))
            out.append(
                f"<tr class=record data-category='{escape(record[CATEGORY] or '')}' data-departments='{escape(depts)}'>"
            )
            out.append(
                "".join(f"<td class=cell>{escape(str(values[f] or '')[:_FILTER_LIMIT])}" for f, _, _, _ in columns)
            )
        out.append("</table>")
    return "".join(out)


def _departments_of(key: str, record: dict) -> list[str]:
    """The departments a record names, in the fields the spec says name them."""
    out: list[str] = []
    for field in BY_KEY[key].department_fields:
        for value in record.get(field) or []:
            name = value.get("department") if isinstance(value, dict) else value
            if name and name not in out:
                out.append(name)
    return out
