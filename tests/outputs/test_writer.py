"""The build folder: every file, their schemas, byte-identical builds, exit statuses of a build."""

import json
import shutil

import jsonschema
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.outputs.schema import arrow_schema, json_schema
from tests.helpers import FIXTURES, SEED, TABLES


def test_build_writes_every_file(seed_build):
    names = {p.name for p in seed_build.iterdir()}
    fixed = {"edition.json", "report.md", "report.html", "lists.xlsx", "datapackage.json", ".qingdan-manifest.json"}
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
    rows = data.to_pylist()
    for row in rows:  # Arrow gives a map as its (key, value) pairs
        row["extra"] = dict(row["extra"])
    assert rows == json.loads((seed_build / f"{table}.json").read_text(encoding="utf-8"))


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


def test_a_failed_build_keeps_the_previous_output(tmp_path, seed_build):
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    bad = tmp_path / "bad.txt"
    bad.write_text("not a list", encoding="utf-8")
    assert main(["build", str(bad), "--out", str(out)]) == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seed_build.iterdir())


def test_pdf_build_outputs_match_the_schemas(tmp_path):
    import jsonschema
    import pyarrow.parquet as pq

    from pipeline.outputs.schema import arrow_schema, json_schema

    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "reportlab_grid.pdf"), "--out", str(out)]) == 0
    for table in TABLES:
        records = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        jsonschema.validate(records, json_schema(table))
        assert pq.read_table(out / f"{table}.parquet").schema.remove_metadata() == arrow_schema(table)
    edition = json.loads((out / "edition.json").read_text(encoding="utf-8"))
    jsonschema.validate(edition, json_schema("edition"))
    assert edition["source"]["encoding"] == "pdf"
