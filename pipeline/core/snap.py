"""snap: a scan's records → the same records with each doubtful category or department name that
is a few edits from a name the preface or the registry gives replaced by that name, and the list of
what was replaced (core/validate.check_ocr reports each one).

A name is doubtful when the cell it is printed in (for a cell merged over rows, the row that prints
it) holds a character read less surely than ScanSettings.unsure, and nothing makes it known: a
category the preface names or that the list reads surely somewhere, a department the registry
(core/departments) knows or that the document reads surely somewhere ("surely": not below
`unsure`; one sure reading of a real name outweighs another's doubt). It is snapped only to the
one known name nearest to it, within ScanSettings.snap_edits edits per character, and only when
no other known name is as near: a misread 局 (扃) is mended, a name between two departments is
left as read and stays flagged. A department is snapped alike wherever its row names it: in the department
cell and before a ： in duty text (any text before a ：, as a misread name may not end as names do).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import regex

from ..settings import DEFAULT, ScanSettings
from ..spec import BOXES, BY_KEY, CATEGORY, HEADED_FIELDS, MERGED, SEQ, SOURCE, Kind
from .departments import Registry, canonical, load_registry
from .grammar import LEADING_NAME
from .normalize import derive, split_names
from .validate import where


@dataclass(frozen=True)
class Snap:
    list: str  # basic | cooperative | withdrawn
    seq: int  # the row
    field: str  # the cell the name is read from
    read: str  # as recognised
    name: str  # what it was replaced by
    known_from: str  # "preface" or "registry"
    edits: int
    where: str  # the row's place, for a person to look


def nearest(read: str, names: Iterable[str], settings: ScanSettings = DEFAULT.scan) -> tuple[str, int] | None:
    """(the one name within settings.snap_edits per character of `read`, its edits), or None when
    none is, or two are as near. A name under 1/snap_edits characters is never snapped: one edit
    would be too large a share of it (县政府, 县政协)."""
    from rapidfuzz import process  # here: only a scan's doubtful names need it, not every build
    from rapidfuzz.distance import Levenshtein

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


def cell_confidence(record: dict, field: str, printers: dict[int, dict]) -> float | None:
    """The lowest confidence a cell was read with: its own boxes', or for a cell merged over rows
    the boxes' of the row that prints it (`printers`: the list's records by number). None: printed
    text, not recognised."""
    source = record[SOURCE]
    printer = next((m["printed_in"] for m in source[MERGED] or () if m["cell"] == field), record[SEQ])
    boxes = (printers.get(printer) or record)[SOURCE][BOXES] or ()
    read = [box["confidence"] for box in boxes if box["cell"] == field and box["confidence"] is not None]
    return min(read) if read else None


def _leading_names(paragraph: str) -> list[str]:
    match = LEADING_NAME.match(paragraph)
    return split_names(match[1]) if match else []


def _renamed(paragraph: str, names: dict[str, str]) -> str:
    """A paragraph with its department heading's names renamed: the names before its ：, or the
    whole paragraph where it is a name alone (a heading printed without its colon)."""
    if paragraph in names:
        return names[paragraph]
    match = LEADING_NAME.match(paragraph)
    if not match or not any(n in names for n in split_names(match[1])):
        return paragraph
    heading = regex.sub(
        r"[^、]+", lambda m: m[0].replace(m[0].strip(), names.get(m[0].strip(), m[0].strip())), match[1]
    )
    return heading + paragraph[match.end(1) :]


@dataclass(frozen=True)
class _Known:
    categories: dict[str, frozenset[str]]  # per list: the preface's names
    sure_categories: dict[str, frozenset[str]]  # per list: categories read surely somewhere
    sure_departments: frozenset[str]  # department names read surely somewhere in the document
    department: Callable[[str], tuple[str, int] | None]  # a name → its snap, or None


def snapped(
    records: dict[str, list[dict]], stated: dict, county: str | None, settings: ScanSettings = DEFAULT.scan
) -> tuple[dict[str, list[dict]], tuple[Snap, ...]]:
    """The records with their doubtful names snapped (new dicts where one changed), and the snaps."""
    registry = load_registry()
    forms = department_forms(county, registry)
    sure_departments, sure_categories = set(), {}
    for key, rows in records.items():
        printers = {r[SEQ]: r for r in rows}
        sure_categories[key] = frozenset(
            r[CATEGORY] for r in rows if not _doubtful(cell_confidence(r, CATEGORY, printers), settings)
        )
        for record in rows:
            for field in _department_fields(key):
                if not _doubtful(cell_confidence(record, field, printers), settings):
                    sure_departments.update(_department_names(record, field))

    @cache
    def department(read: str) -> tuple[str, int] | None:
        if read in sure_departments or canonical(read, county, registry)[1]:
            return None
        return nearest(read, forms, settings)

    known = _Known(
        {key: frozenset(stated[key]["category_names"]) for key in records},
        sure_categories,
        frozenset(sure_departments),
        department,
    )
    out, snaps = {}, []
    for key, rows in records.items():
        printers = {r[SEQ]: r for r in rows}
        out[key] = []
        for record in rows:
            new, found = _snap_record(key, record, printers, known, settings)
            out[key].append(new)
            snaps += found
    return out, tuple(snaps)


def _doubtful(confidence: float | None, settings: ScanSettings) -> bool:
    return confidence is not None and confidence < settings.unsure


def _department_fields(key: str) -> tuple[str, ...]:
    spec = BY_KEY[key]
    return spec.fields_of(Kind.ORGS) + tuple(HEADED_FIELDS & set(spec.roles))


def _department_names(record: dict, field: str) -> list[str]:
    """The names a department cell lists, or that a duty text's paragraphs begin with."""
    if record[field] is None:  # not printed
        return []
    if isinstance(record[field], list):
        return record[field]
    return [name for paragraph in record[field].split("\n") for name in _leading_names(paragraph)]


def _snap_record(
    key: str, record: dict, printers: dict[int, dict], known: _Known, settings: ScanSettings
) -> tuple[dict, list[Snap]]:
    """The record with its doubtful names snapped (itself if none was), and what was snapped."""
    found: list[Snap] = []

    def snap(field: str, read: str, hit: tuple[str, int], known_from: str) -> None:
        found.append(Snap(key, record[SEQ], field, read, hit[0], known_from, hit[1], where(record)))

    new = dict(record)
    read = record[CATEGORY]
    if (
        _doubtful(cell_confidence(record, CATEGORY, printers), settings)
        and read not in known.categories[key]
        and read not in known.sure_categories[key]
    ):
        hit = nearest(read, known.categories[key], settings)
        if hit:
            new[CATEGORY] = hit[0]
            snap(CATEGORY, read, hit, "preface")
    # one renaming for the whole row: its department cell and its headings name the same departments
    names: dict[str, str] = {}
    for field in _department_fields(key):
        if not _doubtful(cell_confidence(record, field, printers), settings):
            continue
        for read in dict.fromkeys(_department_names(record, field)):
            hit = known.department(read)
            if hit:
                names[read] = hit[0]
                snap(field, read, hit, "registry")
    for field in _department_fields(key) if names else ():
        if record[field] is None:
            continue
        if isinstance(record[field], list):
            new[field] = [names.get(name, name) for name in record[field]]
        else:
            new[field] = "\n".join(_renamed(p, names) for p in record[field].split("\n"))
    if new == record:
        return record, []
    derive(new, BY_KEY[key])
    return new, found
