"""report: an Edition → report.md, for a person: stated against extracted per list, every check,
and for each warning or failure the rows and source lines involved."""

from __future__ import annotations

from ..model import Edition, Status
from ..spec import KEYS, NAMES

_MARK = {Status.PASS: "✅ pass", Status.WARN: "⚠️ warn", Status.FAIL: "❌ fail"}


def _cell(value) -> str:
    return "—" if value is None else str(value)


def render_report(edition: Edition, strict: bool = False) -> str:
    stated, extracted = edition.stated, edition.extracted
    out = [
        f"# qingdan report: {edition.source.name}",
        "",
        f"- township: {edition.township or '?'}; county: {edition.county or '?'}",
        f"- source sha256: `{edition.source.sha256}` ({edition.source.encoding})",
        f"- result: **{edition.status}**" + (" (strict: warnings fail)" if strict else ""),
        "",
        "## Stated against extracted",
        "",
        "| list | items stated | items extracted | categories stated | categories extracted "
        "| departments stated | departments extracted |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key in KEYS:
        s, e = stated[key], extracted[key]
        departments = e.get("departments", {}).get("count")
        out.append(
            f"| {NAMES[key]} | {_cell(s['count'])} | {e['count']} | {_cell(s['category_count'])} "
            f"| {len(e['categories'])} | {_cell(s['department_count'])} | {_cell(departments)} |"
        )
    out.append(f"| total | {_cell(stated['total'])} | {extracted['total']} | | | | |")
    out += ["", "## Checks", "", "| check | status | result |", "| --- | --- | --- |"]
    for check in edition.checks:
        out.append(f"| {check.name} | {_MARK[check.status]} | {check.message} |")
    problems = [c for c in edition.checks if c.status != Status.PASS and c.details]
    if problems:
        out += ["", "## Warnings and failures"]
        for check in problems:
            out += ["", f"### {check.name} ({check.status})", ""]
            out += [f"- {detail}" for detail in check.details]
    return "\n".join(out) + "\n"
