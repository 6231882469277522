"""The open column model: the seed edition re-typeset in other templates (tools/make_template_fixtures.py)
— other labels, a 备注 or 履职依据 column, no category column, two-level categories, categories as
section rows, the handler in two columns, a column no field names — built in every form it was made in
and compared with what a faithful reader outputs (expected.json), field by field.

expected.json holds, per record, what differs from the seed's reviewed golden record once the seed's
township is renamed to the template's: the columns the template adds, what it does not print (null),
its extra columns. The golden records themselves are the seed's; nothing here is the code's output.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.editions.diff import layout_form
from pipeline.extract import extract
from tests.helpers import GOLDEN_RECORDS, ROOT, TABLES, checks_of, content, records_of

TEMPLATES = ROOT / "tests" / "fixtures" / "templates"
SEED_TOWNSHIP = "哈拉奇乡"
FORMS = [(folder.name, path.name) for folder in sorted(TEMPLATES.iterdir()) for path in sorted(folder.glob("lists.*"))]
# the templates issued by the seed's own township: their records are the seed's, cell for cell
SAME_TOWNSHIP = ("basis", "remarks", "reordered", "sections", "two_level")


def expected_of(template: str) -> dict:
    return json.loads((TEMPLATES / template / "expected.json").read_text(encoding="utf-8"))


def renamed(records: list[dict], township: str) -> list[dict]:
    """Golden records as the template's township issues them: its name for the seed's, wherever it is."""
    return json.loads(json.dumps(records, ensure_ascii=False).replace(SEED_TOWNSHIP, township))


def wanted(template: str, key: str) -> list[dict]:
    """The records a faithful reader outputs: the golden record, renamed, with the template's changes."""
    expected = expected_of(template)
    changes = expected["lists"][key]["records"]
    out = []
    for record in renamed(GOLDEN_RECORDS[key], expected["township"]):
        record = {**content(record), **expected["new_fields"][key], **changes.get(str(record["seq"]), {})}
        out.append(record)
    return out


@cache
def extraction(template: str, name: str):
    return extract(TEMPLATES / template / name)


def test_every_kind_of_template_has_fixtures_in_every_form():
    kinds = {name: {form for template, form in FORMS if template == name} for name, _ in FORMS}
    assert set(kinds) >= {"jiedao", "remarks", "zhenjie", "two_level", "sections", "basis", "reordered", "combo"}
    assert all({"lists.docx", "lists.xlsx", "lists.pdf"} <= forms for forms in kinds.values())
    assert "lists.txt" in kinds["jiedao"]


@pytest.mark.parametrize(("template", "name"), FORMS, ids=[f"{t}/{n}" for t, n in FORMS])
def test_every_record_and_field_as_printed(template, name):
    edition = extraction(template, name).edition
    failed = [(c.name, c.details[:2]) for c in edition.checks if c.status == "fail"]
    assert failed == []
    for key in TABLES:
        got = [content(record) for record in edition.records[key]]
        want = wanted(template, key)
        assert len(got) == len(want), key
        for record, expected in zip(got, want, strict=True):
            assert record.keys() == expected.keys(), (key, record["seq"])
            for field in expected:
                assert record[field] == expected[field], f"{template}/{name} {key} {record['seq']} {field}"


@pytest.mark.parametrize(("template", "name"), FORMS, ids=[f"{t}/{n}" for t, n in FORMS])
def test_the_template_as_printed_and_the_township(template, name):
    edition = extraction(template, name).edition
    expected = expected_of(template)
    assert (edition.township, edition.township_kind) == (expected["township"], expected["township_kind"])
    for key in TABLES:
        printed = edition.templates[key]
        want = expected["lists"][key]
        # converter text has no cells to span: its header reads as one row of labels
        rows = 1 if name.endswith(".txt") else want["header_rows"]
        assert printed["header_rows"] == rows, key
        columns = [(c["label"], c["field"]) for c in printed["columns"]]
        assert columns == [(c["label"], c["field"]) for c in want["columns"]], key
        assert printed["categories"] == want["categories"], key


def test_a_column_no_field_names_is_kept_under_its_label_in_every_output(tmp_path):
    out = tmp_path / "combo"
    assert main(["build", str(TEMPLATES / "combo" / "lists.pdf"), "--out", str(out)]) == 0
    layout = checks_of(out)["layout"]
    assert layout["status"] == "warn" and any("责任科室" in d for d in layout["details"])
    want = wanted("combo", "cooperative")
    offices = [record["extra"]["责任科室"] for record in want]
    assert {bool(office) for office in offices} == {True}
    assert [r["extra"]["责任科室"] for r in records_of(out)["cooperative"]] == offices
    parquet = pq.read_table(out / "cooperative.parquet").column("extra").to_pylist()
    assert [dict(pairs)["责任科室"] for pairs in parquet] == offices
    frame = pd.read_csv(out / "cooperative.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(frame["责任科室"]) == offices and list(frame["备注"]) == [""] * len(offices)
    from openpyxl import load_workbook

    sheet = load_workbook(out / "lists.xlsx")["配合履职事项清单"]
    header = [c.value for c in sheet[1]]
    assert [row[header.index("责任科室")] for row in sheet.iter_rows(min_row=2, values_only=True)] == offices
    assert main(["search", offices[0], str(out)]) == 0


@pytest.mark.parametrize("template", SAME_TOWNSHIP)
def test_the_same_edition_in_another_template_diffs_as_unchanged(template, seed_build, tmp_path, capsys):
    form = "lists.pdf" if template in ("sections", "reordered") else "lists.xlsx"
    out = tmp_path / template
    assert main(["build", str(TEMPLATES / template / form), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["diff", str(seed_build), str(out)]) == 0, capsys.readouterr().out


def test_the_handler_in_two_columns_composes_as_in_one(tmp_path):
    """承接部门 | 工作方式: each printed cell kept, and `handler` as a one-column template prints it."""
    edition = extraction("zhenjie", "lists.xlsx").edition
    seed = renamed(GOLDEN_RECORDS["withdrawn"], "英吉沙镇")
    for record, golden in zip(edition.records["withdrawn"], seed, strict=True):
        # the same as diff reads it: the one column's 水利局:对… (half-width) or its break after 某局：
        # are layout, which two cells composed cannot show
        assert layout_form(record["handler"]) == layout_form(golden["handler"])
        assert record["handler_departments"] == golden["handler_departments"]
        assert record["handler_mode"]  # the unit is empty where the handler names no department


def test_section_rows_give_categories_and_are_no_records():
    edition = extraction("sections", "lists.pdf").edition
    basic = edition.records["basic"]
    assert [r["category"] for r in basic] == [r["category"] for r in GOLDEN_RECORDS["basic"]]
    assert all(r["category_group"] for r in basic)  # two levels: 一、group, （一）category
    assert all(r["source"]["section_rows"] for r in basic)
    conservation = next(c for c in edition.checks if c.name == "conservation")
    assert conservation.status == "pass"


def test_converter_text_of_a_libreoffice_table_is_refused_loudly(tmp_path, capsys):
    """pdfminer reads a LibreOffice table column by column: no reader can rebuild its rows, and the
    build must say so rather than guess."""
    from pdfminer.high_level import extract_text

    text = tmp_path / "remarks.txt"
    text.write_text(extract_text(str(TEMPLATES / "remarks" / "lists.pdf")), encoding="utf-8")
    assert main(["build", str(text), "--out", str(tmp_path / "out")]) == 1
    assert checks_of(tmp_path / "out")["layout"]["status"] == "fail"


def _workbook(path: Path, header: list[str]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, labels, row in (
        ("基本履职事项清单", header, ["1", "党的建设", "做好党建工作", ""]),
        (
            "配合履职事项清单",
            ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"],
            ["1", "党的建设", "推荐党代表", "县委组织部", "县委组织部：\n1.提名。", "1.提名。"],
        ),
        (
            "上级部门收回事项清单",
            ["序号", "事项类别", "事项名称", "承接部门及工作方式"],
            ["1", "民生服务", "对违规领取津贴的追缴", "县民政局：负责追缴。"],
        ),
    ):
        sheet = book.create_sheet(title)
        sheet.append([title])
        sheet.append(labels)
        sheet.append(row[: len(labels)])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("header", "says"),
    [
        (
            ["序号", "事项类别", "说明事项"],
            "no column can be its 事项名称 (header as printed: 序号 | 事项类别 | 说明事项)",
        ),
        (["序号", "事项类别", "事项名称", "履职事项名称"], "both name its 事项名称 (header as printed:"),
    ],
    ids=["no name column", "two name columns"],
)
def test_a_header_that_does_not_fit_fails_layout_with_the_header_as_printed(tmp_path, header, says, capsys):
    path = _workbook(tmp_path / "lists.xlsx", header)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 1
    layout = checks_of(tmp_path / "out")["layout"]
    assert layout["status"] == "fail" and any(says in d for d in layout["details"]), layout["details"]


def test_a_township_not_found_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "lists.xlsx", ["序号", "事项类别", "事项名称"])
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 0  # warnings only
    place = checks_of(tmp_path / "out")["place"]
    assert place["status"] == "warn" and "township" in place["details"][0]


def test_the_seed_names_its_township_kind(seed_build):
    edition = json.loads((seed_build / "edition.json").read_text(encoding="utf-8"))
    assert (edition["township"], edition["township_kind"]) == ("哈拉奇乡", "乡")
    assert edition["templates"]["withdrawn"]["columns"][-1] == {
        "label": "承接部门及工作方式",
        "field": "handler",
        "parent": None,
    }
