"""Makers of Word files for the tests: the fixture edition with its typed item numbers turned into
Word's automatic numbering, as Word and WPS AutoFormat leave them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import regex
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
# (pattern of a typed number, Word's format and level text for it)
STYLES = (
    (regex.compile(r"^(\d+)\."), "decimal", "%1."),
    (regex.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
)
_CHINESE = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _chinese_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE[text[1]]
    if text.endswith("十"):
        return 10 * _CHINESE[text[0]]
    if "十" in text:
        return 10 * _CHINESE[text[0]] + _CHINESE[text[2]]
    return _CHINESE[text]


def _element(tag: str, **attributes) -> etree._Element:
    node = etree.Element(_W + tag)
    for name, value in attributes.items():
        node.set(_W + name, str(value))
    return node


def auto_numbered(source: Path, target: Path) -> int:
    """`source` with every run of typed item numbers in a table cell (1. 2. 3. … or 一、二、…,
    counting from 1) numbered by Word instead: the typed number removed, the paragraph given a list
    of its own (w:numPr, a w:num restarting at 1). Returns how many paragraphs were changed."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    document = etree.fromstring(parts["word/document.xml"])
    numbering = etree.fromstring(parts["word/numbering.xml"])
    abstracts = []
    for index, (_pattern, fmt, text) in enumerate(STYLES):
        abstract = _element("abstractNum", abstractNumId=900 + index)
        level = _element("lvl", ilvl=0)
        for tag, value in (("start", 1), ("numFmt", fmt), ("suff", "nothing")):
            level.append(_element(tag, val=value))
        level.append(_element("lvlText", val=text))
        abstract.append(level)
        abstracts.append(abstract)
    first_num = next((i for i, node in enumerate(numbering) if node.tag == _W + "num"), len(numbering))
    for offset, abstract in enumerate(abstracts):
        numbering.insert(first_num + offset, abstract)  # abstract definitions come before the nums
    next_id, changed = 900, 0
    for cell in document.iter(_W + "tc"):
        current: dict[int, tuple[int, int]] = {}  # style → (its num's id, the last number)
        for paragraph in cell.iter(_W + "p"):
            texts = list(paragraph.iter(_W + "t"))
            if not texts or not texts[0].text:
                continue
            for style, (pattern, _fmt, _text) in enumerate(STYLES):
                match = pattern.match(texts[0].text)
                if match is None:
                    continue
                value = int(match[1]) if style == 0 else _chinese_value(match[1])
                if value == 1:
                    num = _element("num", numId=next_id)
                    num.append(_element("abstractNumId", val=900 + style))
                    override = _element("lvlOverride", ilvl=0)
                    override.append(_element("startOverride", val=1))
                    num.append(override)
                    numbering.append(num)
                    current[style] = (next_id, 0)
                    next_id += 1
                if style not in current or current[style][1] != value - 1:
                    break  # not the next number of a list counted from 1: left as typed
                current[style] = (current[style][0], value)
                props = paragraph.find(_W + "pPr")
                if props is None:
                    props = _element("pPr")
                    paragraph.insert(0, props)
                number = _element("numPr")
                number.append(_element("ilvl", val=0))
                number.append(_element("numId", val=current[style][0]))
                styled = len(props) and props[0].tag == _W + "pStyle"
                props.insert(1 if styled else 0, number)  # the schema's order: pStyle, …, numPr
                texts[0].text = texts[0].text[match.end() :]
                changed += 1
                break
    parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/numbering.xml"] = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return changed
