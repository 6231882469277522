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
from .model import Check
from .validate import where

REGISTRY_FILE = Path(__file__).resolve().parent / "data" / "departments.json"


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


def row_discrepancies(records: list[dict], county: str | None) -> list[str]:
    """Cooperative rows whose duty text names departments their department cell lacks, or the reverse."""
    registry = load_registry()
    notes = []
    for record in records:
        cell = {canonical(n, county, registry)[0] for n in record["departments"]}
        text = {canonical(n, county, registry)[0] for n in _names(record, "upstream_by_department")}
        if not text:
            continue  # duty text without department headings: nothing to compare
        row = f"配合履职事项 row {record['seq']} ({where(record)})"
        if text - cell:
            notes.append(f"{row}: duty text names {'、'.join(sorted(text - cell))}, not in its department cell")
        if cell - text:
            notes.append(f"{row}: department cell names {'、'.join(sorted(cell - text))}, which its duty text does not")
    return notes


def check_departments(records: dict[str, list[dict]], stated: dict, county: str | None) -> tuple[Check, dict]:
    """Distinct departments per list against the preface's count, and per-row agreement."""
    summary = department_summary(records, county)
    notes = []
    for key, found in summary.items():
        want = stated[key]["department_count"]
        if want is not None and want != found["count"]:
            notes.append(
                f"{PREFACE_LIST_NAMES[key]}: preface states {want} departments, the list names {found['count']}: "
                + "、".join(found["names"])
            )
        if found["not_in_registry"]:
            notes.append(
                f"{PREFACE_LIST_NAMES[key]}: not in the department registry: {'、'.join(found['not_in_registry'])}"
            )
    notes += row_discrepancies(records["cooperative"], county)
    counts = ", ".join(
        f"{PREFACE_LIST_NAMES[k]} {v['count']}/{stated[k]['department_count']}" for k, v in summary.items()
    )
    message = f"departments named/stated: {counts}"
    return Check("departments", "warn" if notes else "pass", message, tuple(notes)), summary
