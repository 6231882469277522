"""departments: department names → canonical names through the registry (pipeline/data), and the
cross-check of the departments the lists name against the counts the preface states.

The registry is generic: 县 stands for the county's own name, so 阿合奇县文旅局 is looked up as
县文旅局, an alias of 县文化体育广播电视和旅游局, and shown as 阿合奇县文化体育广播电视和旅游局.
A name the registry does not know is kept as printed and reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .layouts import PREFACE_LIST_NAMES
from .model import Check, Finding, graded
from .validate import where

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "departments.json"
HEADED_HABIT = 0.9  # share of a list's rows naming departments that makes one naming none a finding


@dataclass(frozen=True)
class Registry:
    canonical: dict[str, str]  # generic name or alias → generic canonical name
    kinds: dict[str, str]  # generic canonical name → kind


@cache
def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    data = json.loads(path.read_text(encoding="utf-8"))
    canonical, kinds = {}, {}
    for entry in data["departments"]:
        kinds[entry["name"]] = entry["kind"]
        for name in (entry["name"], *entry["aliases"]):
            if canonical.setdefault(name, entry["name"]) != entry["name"]:
                raise ValueError(f"{path.name}: {name} names two departments")
    return Registry(canonical, kinds)


def _generic(name: str, county: str | None, registry: Registry) -> str | None:
    """The registry's generic canonical name for a printed name, or None."""
    generic = name.replace(county, "县") if county else name
    return next((registry.canonical[k] for k in (generic, "县" + generic) if k in registry.canonical), None)


def canonical(name: str, county: str | None, registry: Registry) -> tuple[str, bool]:
    """(canonical name as the county prints it, whether the registry knows it)."""
    found = _generic(name, county, registry)
    if found is None:
        return name, False
    return (found.replace("县", county, 1) if county else found), True


def kind(name: str, county: str | None, registry: Registry) -> str | None:
    """The kind of department (党委部门, 政府部门 …) the registry gives a printed name."""
    found = _generic(name, county, registry)
    return registry.kinds[found] if found else None


def _names(record: dict, field: str) -> list[str]:
    if field == "upstream_by_department":
        return [e["department"] for e in record[field] if e["department"]]
    return list(record[field])


def department_summary(records: dict[str, list[dict]], county: str | None) -> dict[str, dict]:
    """Per list: the distinct canonical departments it names, and the names the registry lacks."""
    registry = load_registry()
    fields = {"cooperative": ("departments", "upstream_by_department"), "withdrawn": ("handler_departments",)}
    out = {}
    for key, names_from in fields.items():
        found, unknown, kinds = set(), set(), {}
        for record in records[key]:
            for field in names_from:
                for printed in _names(record, field):
                    name, known = canonical(printed, county, registry)
                    found.add(name)
                    if known:
                        kinds[name] = kind(printed, county, registry)
                    else:
                        unknown.add(name)
        out[key] = {
            "count": len(found),
            "names": sorted(found),
            "kinds": dict(sorted(kinds.items())),
            "not_in_registry": sorted(unknown),
        }
    return out


def row_discrepancies(records: list[dict], county: str | None) -> list[Finding]:
    """Cooperative rows whose duty text names departments their department cell lacks, or the
    reverse; a heading with no duty under it; and, where the list organises its duty texts under
    department headings (most rows do), a row whose text has none."""
    registry = load_registry()
    findings = []
    headed = sum(bool(_names(r, "upstream_by_department")) for r in records)
    habit = records and headed >= HEADED_HABIT * len(records)
    for record in records:
        cell = {canonical(n, county, registry)[0] for n in record["departments"]}
        text = {canonical(n, county, registry)[0] for n in _names(record, "upstream_by_department")}

        def note(message: str, record=record) -> None:
            findings.append(Finding("warn", message, "cooperative", record["seq"], where(record)))

        for entry in record["upstream_by_department"]:
            if entry["department"] and not entry["text"]:
                note(f"the heading {entry['department']}： has no duty text under it")
        if not text:
            if habit and cell:
                note(f"duty text has no department heading; its department cell names {'、'.join(sorted(cell))}")
            continue
        if text - cell:
            note(f"duty text names {'、'.join(sorted(text - cell))}, not in its department cell")
        if cell - text:
            note(f"department cell names {'、'.join(sorted(cell - text))}, which its duty text does not")
    return findings


def handler_discrepancies(records: list[dict]) -> list[Finding]:
    """Withdrawn rows whose handler names no department, where (nearly) every other row does."""
    named = sum(bool(r["handler_departments"]) for r in records)
    if not records or named < HEADED_HABIT * len(records):
        return []
    return [
        Finding("warn", "the handler text names no department before a ：", "withdrawn", r["seq"], where(r))
        for r in records
        if not r["handler_departments"]
    ]


def check_departments(records: dict[str, list[dict]], stated: dict, county: str | None) -> tuple[Check, dict]:
    """Distinct departments per list against the preface's count, and per-row agreement."""
    summary = department_summary(records, county)
    findings = []
    for key, found in summary.items():
        want = stated[key]["department_count"]
        if want is not None and want != found["count"]:
            text = f"preface states {want} departments, the list names {found['count']}: " + "、".join(found["names"])
            findings.append(Finding("warn", text, key))
        if found["not_in_registry"]:
            findings.append(
                Finding("warn", f"not in the department registry: {'、'.join(found['not_in_registry'])}", key)
            )
    findings += row_discrepancies(records["cooperative"], county)
    findings += handler_discrepancies(records["withdrawn"])
    counts = ", ".join(
        f"{PREFACE_LIST_NAMES[k]} {v['count']}/{stated[k]['department_count']}" for k, v in summary.items()
    )
    return graded("departments", findings, f"departments named/stated: {counts}"), summary
