"""baseline: the findings a person reviewed in one build and accepted, saved to a file, so that a
later `check --baseline FILE` fails on anything new — a new warning as much as a failure.

A finding is keyed by its check, status, list, row and text, never by line or page numbers
(validate words its findings so), so an unrelated edit that moves lines does not make an accepted
finding new; a finding accepted once and found twice is new the second time.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..model import Edition, Finding, InputError

FORMAT = "qingdan-baseline/1"
Key = tuple[str, str, str | None, int | None, str]


def finding_keys(edition: Edition) -> Counter[Key]:
    return Counter((check.name, f.status, f.list, f.row, f.text) for check in edition.checks for f in check.findings)


def baseline_document(edition: Edition) -> dict:
    """What `check --write-baseline` saves: every finding of the build, with where it was seen."""
    return {
        "format": FORMAT,
        "source": {"file": edition.source.name, "sha256": edition.source.sha256},
        "findings": [
            {"check": check.name, "status": f.status, "list": f.list, "row": f.row, "text": f.text, "where": f.where}
            for check in edition.checks
            for f in check.findings
        ],
    }


def write_baseline(edition: Edition, path: Path) -> None:
    text = json.dumps(baseline_document(edition), ensure_ascii=False, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the baseline {path}: {exc.strerror}") from None


def load_baseline(path: Path) -> Counter[Key]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the baseline {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise InputError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f"baseline {path} is not a qingdan baseline (format {FORMAT})")
    try:
        return Counter((f["check"], f["status"], f["list"], f["row"], f["text"]) for f in document["findings"])
    except (KeyError, TypeError) as exc:
        raise InputError(f"baseline {path}: a finding lacks {exc}") from None


def new_findings(edition: Edition, accepted: Counter[Key]) -> list[tuple[str, Finding]]:
    """(check name, finding) of every finding beyond what the baseline accepted."""
    left = Counter(accepted)
    out = []
    for check in edition.checks:
        for f in check.findings:
            key = (check.name, f.status, f.list, f.row, f.text)
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append((check.name, f))
    return out
