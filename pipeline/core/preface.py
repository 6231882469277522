"""preface: the 说明 section → typed facts and the counts the document states about itself."""

from __future__ import annotations

import regex

from ..model import Section
from ..spec import NAMES
from .lists import TOWNSHIP_NAME, title_township

_NUMBER = r"(\d+(?:\.\d+)?)"

# (field, pattern): each fact as the preface words it. The first group is the value.
_FACTS = (
    ("distance_to_county_seat_km", rf"距县城\s*{_NUMBER}\s*公里"),
    ("area_km2", rf"(?:区域|辖区|总)?面积\s*{_NUMBER}\s*平方公里"),
    ("registered_population_10k", rf"户籍人口\s*{_NUMBER}\s*万人"),
    ("resident_population_10k", rf"常住人口\s*{_NUMBER}\s*万人"),
    ("administrative_villages", rf"下辖\s*{_NUMBER}\s*个(?:行政村|村)"),
    ("cultivated_land_10k_mu", rf"耕地\s*{_NUMBER}\s*万亩"),
    ("village_collective_income_10k_yuan", rf"村均集体收入\s*{_NUMBER}\s*万元"),
    ("per_capita_income_10k_yuan", rf"人均收入\s*{_NUMBER}\s*万元"),
)


def preface_text(section: Section) -> str:
    """The preface as one string: wrapped lines joined, page marks and gaps removed."""
    return "".join(line.text for line in section.lines if line.text)


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def parse_facts(text: str) -> dict:
    facts: dict = {}
    for name, pattern in _FACTS:
        match = regex.search(pattern, text)
        facts[name] = _number(match[1]) if match else None
    return facts


_TOWNSHIP = regex.compile(rf"^(?P<name>{TOWNSHIP_NAME})(?:是|位于|地处|坐落|隶属|地理位置)", flags=regex.M)
_DOCUMENT_TITLE = regex.compile(rf"^(?P<name>{TOWNSHIP_NAME})履职事项清单$")
_KIND = regex.compile(TOWNSHIP_NAME)


def township_kind(name: str | None) -> str | None:
    """乡, 民族乡, 镇, 街道 or 苏木: the kind a township's name says it is (团结街道办事处 → 街道)."""
    match = _KIND.fullmatch(name) if name else None
    return match["kind"] if match else None


def parse_place(section: Section, tables: tuple[Section, ...] = ()) -> tuple[str | None, str | None, str | None]:
    """(township, its kind, county): the township as the 基本情况 paragraph names it (某某乡是……,
    某某街道位于……), else as the document's title or a list's title does (团结街道基本履职事项清单);
    the county as the paragraph places the township (位于某某县……)."""
    lines = [line.text for line in section.lines if line.text]
    text = "\n".join(lines)
    found = _TOWNSHIP.search(text)
    township = found["name"] if found else None
    if township is None:
        titles = [regex.sub(r"\s", "", line) for line in lines]
        township = next((m["name"] for t in titles if (m := _DOCUMENT_TITLE.fullmatch(t))), None)
    if township is None:
        township = next((name for t in tables if t.title and (name := title_township(t.title.text))), None)
    # 位于[新疆维吾尔自治区|克孜勒苏柯尔克孜自治州…]阿合奇县以西: the county after any larger region
    county = regex.search(r"位于\s*(?:[^，。；\n]*?(?:省|自治区|自治州|地区|州|盟))?\s*(\p{Han}{2,8}?(?:县|旗))", text)
    if county is None:
        county = regex.search(r"位于\s*(\p{Han}{2,8}?(?:市|区))", text)
    if county is None:
        county = regex.search(r"([\p{Han}]{2,12}?县)委", text)
    return township, township_kind(township), county[1] if county else None


def parse_stated(text: str) -> dict:
    """The counts and category names the preface states, per list; None where it is silent."""
    stated: dict = {"total": None}
    total = regex.search(rf"共有履职事项\s*{_NUMBER}\s*项", text)
    if total:
        stated["total"] = int(total[1])
    for key, words in NAMES.items():
        count = regex.search(rf"{words}\s*(\d+)\s*项", text)
        others = "|".join(NAMES.values())
        paragraph = regex.search(rf"{words}清单是(.*?)(?=(?:{others})清单是|$)", text)
        body = paragraph[1] if paragraph else ""
        categories = regex.search(r"包括(.*?)\s*(\d+)\s*个类别", body)
        departments = regex.search(r"涉及\s*(\d+)\s*个部门", body)
        stated[key] = {
            "count": int(count[1]) if count else None,
            "category_names": [c.strip() for c in categories[1].split("、")] if categories else [],
            "category_count": int(categories[2]) if categories else None,
            "department_count": int(departments[1]) if departments else None,
        }
    return stated
