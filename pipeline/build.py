"""The whole pipeline as one function: a published text or PDF → an Extraction.

text: load → pages → sections (furniture stripped) → rows → columns → normalize → validate.
PDF:  pdf_load → pdf_tables (pages, sections, rows and cells from the geometry) → normalize
      → validate. Both end in the same records, checks and Edition.
Keeping every stage's output lets `explain` and the tests look at any of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .columns import assign_table
from .departments import check_departments
from .layouts import LAYOUTS
from .model import AssignedTable, Edition, InputError, PagedText, Section, Sections, TableRows
from .normalize import to_record
from .pages import paginate
from .pdf_load import is_pdf, load_pdf
from .pdf_tables import read_tables
from .preface import parse_facts, parse_place, parse_stated, preface_text
from .rows import segment_rows
from .sections import split_sections, unmarked_page_starts
from .terms import keywords, record_text, warm_up
from .text_load import load_text
from .validate import validate


@dataclass(frozen=True)
class Extraction:
    paged: PagedText
    sections: Sections
    tables: dict[str, AssignedTable]
    edition: Edition


def extract(path: Path, pdf_jobs: int | None = None) -> Extraction:
    """pdf_jobs: processes a PDF's pages are parsed in (default: pdf_load decides)."""
    return extract_pdf(path, pdf_jobs) if is_pdf(path) else extract_text(path)


def extract_text(path: Path) -> Extraction:
    source = load_text(path)
    paged = paginate(source)
    sections = split_sections(paged)
    unmarked = unmarked_page_starts(sections)
    if unmarked:  # headers repeated where the converter marked no page: paginate again
        paged = paginate(source, frozenset(unmarked))
        sections = split_sections(paged)
    stated = parse_stated(preface_text(sections.preface))
    tables: dict[str, AssignedTable] = {}
    read: list[Section] = []
    for layout, section in zip(LAYOUTS, sections.tables, strict=True):
        categories = tuple(stated[layout.key]["category_names"])
        if section.problem is None:
            try:
                rows = segment_rows(section, categories)
            except InputError as exc:
                section = replace(section, problem=str(exc))
        if section.problem is not None:
            rows = TableRows(section, (), ())
        tables[layout.key] = assign_table(rows, layout, categories)
        read.append(section)
    return finish(paged, replace(sections, tables=tuple(read)), tables, stated)


def extract_pdf(path: Path, jobs: int | None = None) -> Extraction:
    paged, sections, tables = read_tables(load_pdf(path, jobs, while_waiting=warm_up))
    return finish(paged, sections, tables)


def finish(
    paged: PagedText, sections: Sections, tables: dict[str, AssignedTable], stated: dict | None = None
) -> Extraction:
    """Records, preface facts and checks: the same for every way of reading a document.
    stated: the preface's counts, when the caller has read them already."""
    text = preface_text(sections.preface)
    stated = stated if stated is not None else parse_stated(text)
    township, county = parse_place(sections.preface)
    records = {key: [to_record(row) for row in table.assigned] for key, table in tables.items()}
    ignore = tuple(name for name in (county, township) if name)
    for record in (r for rows in records.values() for r in rows):
        record["keywords"] = keywords(record_text(record), ignore=ignore)
        record["source"] = record.pop("source")  # provenance stays the last field
    extracted = {"total": sum(len(r) for r in records.values())}
    for key, rows in records.items():
        extracted[key] = {"count": len(rows), "categories": dict(Counter(row["category"] for row in rows))}
    edition = Edition(
        source=paged.source,
        township=township,
        county=county,
        facts=parse_facts(text),
        stated=stated,
        records=records,
        extracted=extracted,
        column_widths={key: table.widths.widths for key, table in tables.items()},
    )
    edition.checks.extend(validate(sections, tables, records, stated))
    check, departments = check_departments(records, stated, county)
    edition.checks.append(check)
    for key, found in departments.items():
        extracted[key]["departments"] = found
    return Extraction(paged, sections, tables, edition)
