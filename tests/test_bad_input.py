"""Bad and unusual input: every case named in the fidelity issue, with its exit status and message."""

import json

import pytest

from pipeline.cli import main

from .conftest import SEED

TABLES = ("basic", "cooperative", "withdrawn")


def _records(out):
    return {t: json.loads((out / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("gb18030", b""), ("gbk", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")],
    ids=["gb18030", "gbk", "utf-16", "utf-8-bom"],
)
def test_other_encodings_give_the_same_records(tmp_path, seed_extraction, encoding, prefix):
    source = tmp_path / f"{encoding}.txt"
    source.write_bytes(prefix + SEED.read_text(encoding="utf-8").encode(encoding))
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 0
    assert _records(tmp_path / "out") == seed_extraction.edition.records


def test_crlf_gives_the_same_records(tmp_path, seed_extraction):
    source = tmp_path / "crlf.txt"
    source.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 0
    assert _records(tmp_path / "out") == seed_extraction.edition.records


def _build_edited(tmp_path, capsys, lines):
    source = tmp_path / "edited.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    status = main(["build", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    return status, err, checks


def _replace(lines, old, new):
    index = lines.index(old)
    return lines[:index] + [new] + lines[index + 1 :]


def test_missing_sequence_number(tmp_path, capsys, seed_lines):
    lines = _replace(
        seed_lines,
        "22 经济发展 制订本乡经济和产业发展规划、村镇建设规划，发展本地特色产业",
        "23 经济发展 制订本乡经济和产业发展规划、村镇建设规划，发展本地特色产业",
    )
    status, err, checks = _build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["sequence"]["status"] == "fail"
    assert any("line 138" in d and "missing" in d for d in checks["sequence"]["details"])
    assert err.count("\n") == 1 and "failed checks: " in err and "sequence (" in err and "line 138" in err


def test_repeated_sequence_number(tmp_path, capsys, seed_lines):
    lines = _replace(
        seed_lines,
        "23 经济发展 开展统计普查调查工作，维护基本单位名录库",
        "22 经济发展 开展统计普查调查工作，维护基本单位名录库",
    )
    status, _, checks = _build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert any("line 141" in d and "repeated" in d for d in checks["sequence"]["details"])


def test_duplicated_page(tmp_path, capsys, seed_lines):
    starts = [i for i, line in enumerate(seed_lines) if line.startswith(" 序号 事项类别 事项名称")]
    page = seed_lines[starts[2] : starts[3]]  # one whole page of the basic table
    lines = seed_lines[: starts[3]] + page + seed_lines[starts[3] :]
    status, _, checks = _build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["sequence"]["status"] == "fail"
    assert any("repeated" in d for d in checks["sequence"]["details"])
    assert checks["counts"]["status"] == "fail"


def test_row_cut_off_mid_cell_at_the_end(tmp_path, capsys, seed_lines):
    text = "\n".join(seed_lines)
    cut = text.rindex("对食品小作坊、小餐饮店、小食杂店和食品摊贩违法") + len("对食品小作坊")
    status, err, checks = _build_edited(tmp_path, capsys, text[:cut].split("\n"))
    assert status == 1  # every row is there: only the ending tells
    assert checks["counts"]["status"] == "pass"
    assert checks["ending"]["status"] == "fail"
    assert "row 61" in checks["ending"]["details"][0]
    assert "ending (" in err


def test_document_with_fewer_pages_than_its_footers_say(tmp_path, capsys, seed_lines):
    lines = [line.replace("共 69 页", "共 90 页") for line in seed_lines]
    status, _, checks = _build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["pages"]["status"] == "fail"
