"""extract: a published edition, in any form → an Extraction (its Document and its Edition).

    readers.read (one reader per form) → Document → finish: normalize → preface facts → snap (a
    scan's doubtful names) → validate → departments → Edition

`finish` is the same for every form: what follows a reader never knows which it was. Keeping the
Document lets `explain` and the tests look at any stage's output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .core.departments import check_departments
from .core.grammar import SIGN_OFF_DATE
from .core.normalize import to_record
from .core.preface import parse_facts, parse_place, parse_stated, preface_text
from .core.snap import snapped
from .core.terms import keywords, searchable_text, warm_up
from .core.validate import validate
from .model import AssignedTable, Document, Edition, PagedText, Sections
from .readers import read
from .settings import DEFAULT, Settings
from .spec import CATEGORY, KEYWORDS, SOURCE


@dataclass(frozen=True)
class Extraction:
    document: Document
    edition: Edition

    @property
    def paged(self) -> PagedText:
        return self.document.paged

    @property
    def sections(self) -> Sections:
        return self.document.sections

    @property
    def tables(self) -> dict[str, AssignedTable]:
        return self.document.tables


def extract(
    path: Path, pdf_jobs: int | None = None, settings: Settings = DEFAULT, progress: Callable | None = None
) -> Extraction:
    """pdf_jobs: processes a PDF's (or a scan's) pages are read in (default: the reader decides);
    jieba loads meanwhile. progress(done, pages): as a scan's pages are recognised."""
    return finish(read(path, settings, pdf_jobs, while_waiting=warm_up, progress=progress), settings)


def sign_off_document(lines) -> dict | None:
    """The sign-off after the last table: its lines, and the date it gives."""
    if not lines:
        return None
    texts = [line.text for line in lines]
    date = next(("".join(t.split()) for t in texts if SIGN_OFF_DATE.match("".join(t.split()))), None)
    return {"lines": texts, "date": date}


def finish(document: Document, settings: Settings = DEFAULT) -> Extraction:
    """Records, preface facts and checks: the same for every way of reading a document."""
    sections, tables = document.sections, document.tables
    text = preface_text(sections.preface)
    stated = document.stated if document.stated is not None else parse_stated(text)
    township, county = parse_place(sections.preface)
    records = {key: [to_record(row) for row in table.assigned] for key, table in tables.items()}
    records, snaps = snapped(records, stated, county, settings.scan)
    ignore = tuple(name for name in (county, township) if name)
    for record in (r for rows in records.values() for r in rows):
        record[KEYWORDS] = keywords(searchable_text(record), ignore=ignore)
        record[SOURCE] = record.pop(SOURCE)  # provenance stays the last field
    extracted = {"total": sum(len(r) for r in records.values())}
    for key, rows in records.items():
        extracted[key] = {"count": len(rows), "categories": dict(Counter(row[CATEGORY] for row in rows))}
    edition = Edition(
        source=document.source,
        township=township,
        county=county,
        facts=parse_facts(text),
        stated=stated,
        records=records,
        extracted=extracted,
        column_widths={key: table.widths.widths for key, table in tables.items()},
        sign_off=sign_off_document(sections.sign_off),
    )
    edition.checks.extend(validate(document, records, stated, snaps, settings))
    check, departments = check_departments(records, stated, county, settings.checks)
    edition.checks.append(check)
    for key, found in departments.items():
        extracted[key]["departments"] = found
    return Extraction(document, edition)
