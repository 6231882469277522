"""The command line: outputs, schemas, exit statuses, explain."""

import json
import shutil

import jsonschema
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.editions.explain import explain_row
from pipeline.outputs.schema import arrow_schema, json_schema
from pipeline.spec import KEYS as TABLES

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    return out


def test_build_writes_every_file(seed_build):
    names = {p.name for p in seed_build.iterdir()}
    fixed = {"edition.json", "report.md", "lists.xlsx", "datapackage.json", ".qingdan-manifest.json"}
    assert names == fixed | {f"{t}.{ext}" for t in TABLES for ext in ("json", "parquet", "csv")}
    manifest = json.loads((seed_build / ".qingdan-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == names - {".qingdan-manifest.json"}


@pytest.mark.parametrize("table", TABLES)
def test_json_output_matches_its_schema(seed_build, table):
    text = (seed_build / f"{table}.json").read_text(encoding="utf-8")
    assert "\\u" not in text  # UTF-8, not ASCII-escaped
    records = json.loads(text)
    jsonschema.validate(records, json_schema(table))
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_the_arrow_schema_and_the_json_rows(seed_build, table):
    data = pq.read_table(seed_build / f"{table}.parquet")
    assert data.schema.remove_metadata() == arrow_schema(table)
    assert data.to_pylist() == json.loads((seed_build / f"{table}.json").read_text(encoding="utf-8"))


def test_edition_json(seed_build):
    edition = json.loads((seed_build / "edition.json").read_text(encoding="utf-8"))
    jsonschema.validate(edition, json_schema("edition"))
    assert (edition["township"], edition["county"]) == ("哈拉奇乡", "阿合奇县")
    assert edition["stated"]["total"] == 294
    assert edition["stated"]["cooperative"]["department_count"] == 32
    assert edition["stated"]["withdrawn"]["department_count"] == 13
    assert edition["facts"]["area_km2"] == 2929
    assert edition["facts"]["registered_population_10k"] == 0.9128
    assert edition["facts"]["administrative_villages"] == 3
    assert edition["extracted"]["total"] == 294


def test_builds_are_byte_identical(seed_build, tmp_path):
    again = tmp_path / "again"
    assert main(["build", str(SEED), "--out", str(again)]) == 0
    for path in seed_build.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_failed_check_exits_1_and_still_writes(tmp_path, seed_lines):
    # drop basic row 112 (its one line): the count no longer matches the preface
    lines = [line for line in seed_lines if line != "112 综合政务 撤乡设镇工作"]
    assert len(lines) == len(seed_lines) - 1
    source = tmp_path / "short.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out)]) == 1
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    assert checks["counts"]["status"] == "fail"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty input"),
        (bytes(range(256)) * 8, "binary input"),
        ("这是一份会议纪要，不是履职事项清单。\n".encode(), "not a 履职事项清单"),
    ],
)
def test_unreadable_input_exits_2_and_writes_nothing(tmp_path, capsys, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.txt"]


def test_missing_table_is_named(tmp_path, capsys, seed_lines):
    cut = next(i for i, line in enumerate(seed_lines) if line.strip() == "上级部门收回事项清单")
    source = tmp_path / "two-tables.txt"
    source.write_text("\n".join(seed_lines[:cut]), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "missing table: 上级部门收回事项清单" in capsys.readouterr().err


def test_a_failed_build_keeps_the_previous_output(tmp_path, seed_build):
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    bad = tmp_path / "bad.txt"
    bad.write_text("not a list", encoding="utf-8")
    assert main(["build", str(bad), "--out", str(out)]) == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seed_build.iterdir())


def test_explain_covers_every_line_of_every_row(seed_extraction):
    for table, assigned in seed_extraction.tables.items():
        for row in assigned.assigned:
            text = explain_row(seed_extraction, table, row.seq)
            for line in row.block.lines:
                if line.text:
                    shown = next(x for x in text.splitlines() if x.lstrip().startswith(f"{line.number} "))
                    assert " ? " not in shown, shown


def test_explain_shows_the_cells(capsys):
    assert main(["explain", str(SEED), "cooperative", "26"]) == 0
    out = capsys.readouterr().out
    assert "upstream_duties+township_duties" in out  # 负责…工作。 对社会考生…鉴定。 share a line
    assert main(["explain", str(SEED), "cooperative", "999"]) == 2


def test_text_without_page_marks_fails_loudly_or_matches(tmp_path, seed_lines, seed_extraction):
    """Another converter may mark no page starts. Repeated headers still give the pages;
    rows whose fragments then cannot be told apart must fail a check, not change quietly."""
    source = tmp_path / "unmarked.txt"
    source.write_text("\n".join(line.lstrip(" ") for line in seed_lines), encoding="utf-8")
    out = tmp_path / "out"
    status = main(["build", str(source), "--out", str(out)])
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    changed = []
    for table in TABLES:
        got = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        for a, b in zip(got, seed_extraction.edition.records[table], strict=True):
            if {k: v for k, v in a.items() if k != "source"} != {k: v for k, v in b.items() if k != "source"}:
                changed.append(f"{table} {a['seq']}")
    assert changed == ["cooperative 76"]  # its middle pages repeat no header: fragments unknown
    assert status == 1
    assert checks["wraps"]["status"] == "fail"
    assert any("row 76" in d for d in checks["wraps"]["details"])


def test_renamed_header_labels_give_the_same_records(tmp_path, seed_lines, seed_extraction):
    """Another township names the cooperative columns 配合部门 / 部门职责 / 乡镇职责."""
    renamed = []
    for line in seed_lines:
        lead = line[: len(line) - len(line.lstrip(" "))]
        if line.strip() == "对应上级部":
            line = lead + "配合部"
        elif line.strip() == "上级部门职责 乡配合职责":
            line = lead + "部门职责 乡镇职责"
        renamed.append(line)
    assert renamed != seed_lines
    source = tmp_path / "renamed.txt"
    source.write_text("\n".join(renamed), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out)]) == 0
    got = json.loads((out / "cooperative.json").read_text(encoding="utf-8"))
    assert got == seed_extraction.edition.records["cooperative"]


def test_titles_with_annex_numbers_and_the_township_name(tmp_path, seed_lines, seed_extraction):
    """附件1：哈拉奇乡基本履职事项清单 is the same title as 基本履职事项清单."""
    titles = {" 基本履职事项清单": "附件1：哈拉奇乡基本履职事项清单", " 配合履职事项清单": " 二、配合履职事项清单"}
    lines = [titles.get(line, line) for line in seed_lines]
    assert lines != seed_lines
    source = tmp_path / "annex.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out)]) == 0
    for table in TABLES:
        got = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        assert [{k: v for k, v in r.items() if k != "source"} for r in got] == [
            {k: v for k, v in r.items() if k != "source"} for r in seed_extraction.edition.records[table]
        ]
