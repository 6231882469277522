"""snap: a scan's records → the same records with each doubtful category or department name that
is a few edits from a name the document or the registry gives replaced by that name, and the list of
what was replaced (core/validate.check_ocr reports each one).

A name is doubtful when the cell it is read from holds a character recognised less surely than
ScanSettings.low_confidence, and it is not a name already known: a category the preface names, a
department the registry (core/departments) knows. It is snapped only to the one known name nearest
to it, within ScanSettings.snap_edits edits per character, and only when no other known name is as
near: a misread 局 (扃) is mended, a name between two departments is left as read and stays flagged.
Departments are snapped in department cells and where duty text names them before a ：.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..settings import DEFAULT, ScanSettings
from ..spec import BOXES, BY_KEY, CATEGORY, HEADED_FIELDS, SEQ, SOURCE, Kind
from .departments import Registry, canonical, load_registry
from .grammar import LEADING_NAME
from .normalize import derive, split_names


@dataclass(frozen=True)
class Snap:
    list: str  # basic | cooperative | withdrawn
    seq: int  # the row
    field: str  # the cell the name is read from
    read: str  # as recognised
    name: str  # what it was replaced by
    known_from: str  # "preface" or "registry"
    edits: int


def nearest(read: str, names: Iterable[str], settings: ScanSettings = DEFAULT.scan) -> tuple[str, int] | None:
    """(the one name within settings.snap_edits per character of `read`, its edits), or None when
    none is, or two are as near. A name under 1/snap_edits characters is never snapped: one edit
    would be too large a share of it (县政府, 县政协)."""
    allowed = int(len(read) * settings.snap_edits)
    if not allowed:
        return None
    found = process.extract(read, set(names), scorer=Levenshtein.distance, score_cutoff=allowed, limit=2)
    if not found or (len(found) == 2 and found[1][1] == found[0][1]):
        return None
    return found[0][0], found[0][1]


def department_forms(county: str | None, registry: Registry) -> frozenset[str]:
    """Every way the registry's names may be printed: generic (县民政局), with the county's name
    (阿合奇县民政局) and without 县 (民政局)."""
    forms = set()
    for generic in registry.canonical:
        forms.add(generic)
        if generic.startswith("县"):
            forms.add(generic[1:])
            if county:
                forms.add(county + generic[1:])
    return frozenset(forms)


def _doubtful(record: dict, field: str, settings: ScanSettings) -> bool:
    return any(
        box["cell"] == field and box["confidence"] is not None and box["confidence"] < settings.low_confidence
        for box in record[SOURCE][BOXES] or ()
    )


def _leading_names(paragraph: str) -> list[str]:
    match = LEADING_NAME.match(paragraph)
    return split_names(match[1]) if match else []


def _replace_leading(paragraph: str, read: str, name: str) -> str:
    """The paragraph with `read` replaced where it is one of the names before its ："""
    match = LEADING_NAME.match(paragraph)
    names = regex.sub(rf"(?<![^、]){regex.escape(read)}(?![^、：:])", name, match[0])
    return names + paragraph[match.end() :]


def snapped(
    records: dict[str, list[dict]], stated: dict, county: str | None, settings: ScanSettings = DEFAULT.scan
) -> tuple[dict[str, list[dict]], tuple[Snap, ...]]:
    """The records with their doubtful names snapped (new dicts where one changed), and the snaps."""
    registry = load_registry()
    forms = department_forms(county, registry)

    @cache
    def department(read: str) -> tuple[str, int] | None:
        return None if canonical(read, county, registry)[1] else nearest(read, forms, settings)

    out, snaps = {}, []
    for key, rows in records.items():
        out[key] = []
        # a category cell merged over rows is read once: doubtful in one row, it is doubtful in all
        doubtful_categories = {r[CATEGORY] for r in rows if _doubtful(r, CATEGORY, settings)}
        for record in rows:
            categories = stated[key]["category_names"]
            new, found = _snap_record(key, record, doubtful_categories, categories, department, settings)
            out[key].append(new)
            snaps += found
    return out, tuple(snaps)


def _snap_record(
    key: str,
    record: dict,
    doubtful_categories: set[str],
    categories: list[str],
    department: Callable[[str], tuple[str, int] | None],
    settings: ScanSettings,
) -> tuple[dict, list[Snap]]:
    """The record with its doubtful names snapped (itself if none was), and what was snapped."""
    spec = BY_KEY[key]
    new = dict(record)
    found: list[Snap] = []

    def snap(field: str, read: str, hit: tuple[str, int], known_from: str) -> None:
        found.append(Snap(key, record[SEQ], field, read, hit[0], known_from, hit[1]))

    read = record[CATEGORY]
    if read in doubtful_categories and read and read not in categories:
        hit = nearest(read, categories, settings)
        if hit:
            new[CATEGORY] = hit[0]
            snap(CATEGORY, read, hit, "preface")
    for field in spec.fields_of(Kind.ORGS):
        if _doubtful(record, field, settings):
            names = []
            for read in record[field]:
                hit = department(read)
                names.append(hit[0] if hit else read)
                if hit:
                    snap(field, read, hit, "registry")
            new[field] = names
    for field in HEADED_FIELDS & set(spec.roles):
        if _doubtful(record, field, settings):
            paragraphs = record[field].split("\n")
            for i, paragraph in enumerate(paragraphs):
                for read in _leading_names(paragraph):
                    hit = department(read)
                    if hit:
                        paragraphs[i] = _replace_leading(paragraphs[i], read, hit[0])
                        snap(field, read, hit, "registry")
            new[field] = "\n".join(paragraphs)
    if not found:
        return record, []
    derive(new, spec)
    return new, found
