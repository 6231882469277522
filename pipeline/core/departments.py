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

from ..model import Check, Finding, Status, graded
from ..settings import DEFAULT, CheckSettings
from ..spec import BY_KEY, LISTS, NAMES, SEQ, Derivation, Kind
from .validate import where

REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "departments.json"


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
    """The department names a field holds: a list of names, or the headings of entries."""
    if _is_entries(field):
        return [e["department"] for e in record[field] if e["department"]]
    return list(record[field] or ())


def _is_entries(field: str) -> bool:
    return any(d.field == field and d.how == Derivation.BY_DEPARTMENT for spec in LISTS for d in spec.derived)


def department_summary(records: dict[str, list[dict]], county: str | None) -> dict[str, dict]:
    """Per list that names departments: the distinct canonical departments, and the names the
    registry lacks."""
    registry = load_registry()
    out = {}
    for key, rows in records.items():
        names_from = BY_KEY[key].department_fields
        if not names_from:
            continue
        found, unknown, kinds = set(), set(), {}
        for record in rows:
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


def row_discrepancies(key: str, records: list[dict], county: str | None, settings: CheckSettings) -> list[Finding]:
    """Rows whose duty text names departments their department cell lacks, or the reverse; a
    heading with no duty under it; and, where the list organises its duty texts under department
    headings (most rows do), a row whose text has none."""
    spec = BY_KEY[key]
    registry = load_registry()
    findings = []
    for cell_field in spec.fields_of(Kind.ORGS):
        for derived in spec.derived_of(Derivation.BY_DEPARTMENT):
            headed = sum(bool(_names(r, derived.field)) for r in records)
            habit = records and headed >= settings.headed_habit * len(records)
            for record in records:
                cell = {canonical(n, county, registry)[0] for n in record[cell_field] or ()}
                text = {canonical(n, county, registry)[0] for n in _names(record, derived.field)}

                def note(message: str, record=record) -> None:
                    findings.append(Finding(Status.WARN, message, key, record[SEQ], where(record)))

                for entry in record[derived.field]:
                    if entry["department"] and not entry["text"]:
                        note(f"the heading {entry['department']}： has no duty text under it")
                if not text:
                    if habit and cell:
                        note(
                            f"duty text has no department heading; its department cell names {'、'.join(sorted(cell))}"
                        )
                    continue
                if text - cell:
                    note(f"duty text names {'、'.join(sorted(text - cell))}, not in its department cell")
                if cell - text:
                    note(f"department cell names {'、'.join(sorted(cell - text))}, which its duty text does not")
    return findings


def unheaded_rows(key: str, records: list[dict], settings: CheckSettings) -> list[Finding]:
    """Rows whose text names no department at a paragraph's start, where (nearly) every other does."""
    findings = []
    for derived in BY_KEY[key].derived_of(Derivation.LEADING_DEPARTMENTS):
        named = sum(bool(r[derived.field]) for r in records)
        if not records or named < settings.headed_habit * len(records):
            continue
        text = f"the {derived.source} text names no department before a ："
        findings += [Finding(Status.WARN, text, key, r[SEQ], where(r)) for r in records if not r[derived.field]]
    return findings


def check_departments(
    records: dict[str, list[dict]], stated: dict, county: str | None, settings: CheckSettings = DEFAULT.checks
) -> tuple[Check, dict]:
    """Distinct departments per list against the preface's count, and per-row agreement."""
    summary = department_summary(records, county)
    findings = []
    for key, found in summary.items():
        want = stated[key]["department_count"]
        if want is not None and want != found["count"]:
            text = f"preface states {want} departments, the list names {found['count']}: " + "、".join(found["names"])
            findings.append(Finding(Status.WARN, text, key))
        if found["not_in_registry"]:
            text = f"not in the department registry: {'、'.join(found['not_in_registry'])}"
            findings.append(Finding(Status.WARN, text, key))
    for key, rows in records.items():
        findings += row_discrepancies(key, rows, county, settings)
    for key, rows in records.items():
        findings += unheaded_rows(key, rows, settings)
    counts = ", ".join(f"{NAMES[k]} {v['count']}/{stated[k]['department_count']}" for k, v in summary.items())
    return graded("departments", findings, f"departments named/stated: {counts}"), summary
