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
from .model import AssignedTable, Document, Edition, PagedText, Section, Sections
from .readers import read
from .settings import DEFAULT, Settings
from .spec import CATEGORY, CATEGORY_FIELDS, KEYWORDS, SOURCE


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


def template_document(section: Section) -> dict | None:
    """A list's template as edition.json keeps it: its columns, and where its categories come from."""
    if section.template is None:
        return None
    printed = [field for field in CATEGORY_FIELDS if section.template.prints(field)]
    if section.headings:
        categories = "section rows" + (" under a category column" if printed else "")
    elif printed:
        categories = "two columns" if len(printed) == 2 else "a column"
    else:
        categories = "not printed"
    return {**section.template.document(), "categories": categories}


def finish(document: Document, settings: Settings = DEFAULT) -> Extraction:
    """Records, preface facts and checks: the same for every way of reading a document."""
    sections, tables = document.sections, document.tables
    text = preface_text(sections.preface)
    stated = document.stated if document.stated is not None else parse_stated(text)
    township, kind, county = parse_place(sections.preface, sections.tables)
    records = {
        key: [to_record(row, table.rows.section.template, bool(table.rows.section.headings)) for row in table.assigned]
        for key, table in tables.items()
    }
    records, snaps = snapped(records, stated, county, settings.scan)
    ignore = tuple(name for name in (county, township) if name)
    for record in (r for rows in records.values() for r in rows):
        record[KEYWORDS] = keywords(searchable_text(record), ignore=ignore)
        record[SOURCE] = record.pop(SOURCE)  # provenance stays the last field
    extracted = {"total": sum(len(r) for r in records.values())}
    for key, rows in records.items():
        categories = Counter(row[CATEGORY] for row in rows if row[CATEGORY] is not None)
        extracted[key] = {"count": len(rows), "categories": dict(categories)}
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
        township_kind=kind,
        templates={section.key: template_document(section) for section in sections.tables},
    )
    edition.checks.extend(validate(document, records, stated, snaps, settings, (township, county)))
    check, departments = check_departments(records, stated, county, settings.checks)
    edition.checks.append(check)
    for key, found in departments.items():
        extracted[key]["departments"] = found
    return Extraction(document, edition)
