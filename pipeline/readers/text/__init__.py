"""The text reader: the text a PDF converter wrote of an edition → Document.

decode → pages → sections (furniture stripped) → rows → walk (each row's pieces walked through the
columns, whose wrap widths are measured from the document).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...core.lists import LayoutError
from ...core.preface import parse_stated, preface_text
from ...model import AssignedTable, Document, Section, TableRows
from ...settings import DEFAULT, Settings
from ...spec import LISTS
from .decode import load_text
from .pages import paginate
from .rows import segment_rows
from .sections import split_sections, unmarked_page_starts
from .walk import assign_table


def read_text(path: Path, settings: Settings = DEFAULT) -> Document:
    source = load_text(path, settings.text)
    paged = paginate(source)
    sections = split_sections(paged)
    unmarked = unmarked_page_starts(sections)
    if unmarked:  # headers repeated where the converter marked no page: paginate again
        paged = paginate(source, frozenset(unmarked))
        sections = split_sections(paged)
    stated = parse_stated(preface_text(sections.preface))  # the rows are found by the categories it names
    tables: dict[str, AssignedTable] = {}
    read: list[Section] = []
    for spec, section in zip(LISTS, sections.tables, strict=True):
        categories = tuple(stated[spec.key]["category_names"])
        if section.problem is None:
            try:
                rows = segment_rows(section, categories)
            except LayoutError as exc:
                section = replace(section, problem=str(exc))
        if section.problem is not None:
            rows = TableRows(section, (), ())
        tables[spec.key] = assign_table(rows, spec, categories, settings)
        read.append(section)
    return Document(paged, replace(sections, tables=tuple(read)), tables, stated)
