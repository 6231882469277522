"""The text reader's sections: list titles with annex numbers and the township's name, renamed header
labels, a missing table."""

import json

from pipeline.cli import main
from tests.helpers import TABLES, checks_of, records_of, write_lines


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


def test_missing_table_is_named(tmp_path, capsys, seed_lines):
    cut = next(i for i, line in enumerate(seed_lines) if line.strip() == "上级部门收回事项清单")
    source = tmp_path / "two-tables.txt"
    source.write_text("\n".join(seed_lines[:cut]), encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    assert "missing table: 上级部门收回事项清单" in capsys.readouterr().err


def test_a_sign_off_after_the_last_table_is_the_documents_not_the_last_cells(tmp_path, seed_lines, seed_extraction):
    lines = seed_lines + ["", "            哈拉奇乡人民政府", "            2025年3月20日"]
    out = tmp_path / "out"
    assert main(["build", str(write_lines(tmp_path, lines)), "--out", str(out)]) == 0
    edition = json.loads((out / "edition.json").read_text(encoding="utf-8"))
    assert edition["sign_off"] == {"lines": ["哈拉奇乡人民政府", "2025年3月20日"], "date": "2025年3月20日"}
    assert records_of(out)["withdrawn"] == seed_extraction.edition.records["withdrawn"]
    assert checks_of(out)["ending"]["status"] == "pass"
