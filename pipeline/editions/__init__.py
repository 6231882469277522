"""Edition-level work: what reads whole editions — builds or inputs — rather than making them:
diff, search, explain of a build folder, and batch (many editions at once)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model import InputError, Status, worst
from ..spec import KEYS


@dataclass(frozen=True)
class LoadedEdition:
    """An edition's records as diff and search read them: from a build folder or built in memory."""

    label: str
    township: str | None
    county: str | None
    records: dict[str, list[dict]]
    status: Status = Status.PASS  # of its checks
    failed: tuple[str, ...] = ()  # the checks that failed
    meta: dict | None = None  # edition.json of a build folder


def load_edition(path: Path) -> LoadedEdition:
    """A build folder (as `build` writes it) or an input file (built in memory)."""
    if path.is_dir():
        try:
            meta = json.loads((path / "edition.json").read_text(encoding="utf-8"))
            records = {t: json.loads((path / f"{t}.json").read_text(encoding="utf-8")) for t in KEYS}
            statuses = [Status(c["status"]) for c in meta.get("checks", [])]
            failed = tuple(c["name"] for c in meta.get("checks", []) if c["status"] == Status.FAIL)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a build folder ({exc})") from None
        return LoadedEdition(
            path.name, meta.get("township"), meta.get("county"), records, worst(statuses), failed, meta
        )
    if not path.exists():
        raise InputError("no such file or folder")
    from ..extract import extract

    edition = extract(path).edition
    failed = tuple(c.name for c in edition.checks if c.status == Status.FAIL)
    return LoadedEdition(path.name, edition.township, edition.county, edition.records, edition.status, failed)
