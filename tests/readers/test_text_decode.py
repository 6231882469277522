"""The text reader's decoding: encodings, byte-order marks, line endings, binary input, control characters."""

import json

import pytest

from pipeline.cli import main
from pipeline.model import InputError
from pipeline.readers.text.decode import decode_bytes
from tests.helpers import SEED, records_of, write_lines

TEXT = "哈拉奇乡履职事项清单，共有履职事项 294项"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_bytes(data, encoding):
    assert decode_bytes(data) == (TEXT, encoding)


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\x00\x01\x02garbage\x00"])
def test_decode_refuses_empty_and_binary(data):
    with pytest.raises(InputError):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("gb18030", b""), ("gbk", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")],
    ids=["gb18030", "gbk", "utf-16", "utf-8-bom"],
)
def test_other_encodings_give_the_same_records(tmp_path, seed_extraction, encoding, prefix):
    source = tmp_path / f"{encoding}.txt"
    source.write_bytes(prefix + SEED.read_text(encoding="utf-8").encode(encoding))
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 0
    assert records_of(tmp_path / "out") == seed_extraction.edition.records


def test_crlf_gives_the_same_records(tmp_path, seed_extraction):
    source = tmp_path / "crlf.txt"
    source.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 0
    assert records_of(tmp_path / "out") == seed_extraction.edition.records


def test_a_control_character_is_removed_with_a_warning(tmp_path, seed_lines, seed_extraction):
    end = seed_lines.index("没收违法所得。")
    lines = list(seed_lines)
    lines[end] = "没收违法\x1a所得。"
    out = tmp_path / "out"
    assert main(["build", str(write_lines(tmp_path, lines)), "--out", str(out)]) == 0
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    assert checks["reading"]["status"] == "warn"
    assert checks["reading"]["findings"][0]["where"] == f"line {end + 1}"
    withdrawn = json.loads((out / "withdrawn.json").read_text(encoding="utf-8"))
    assert withdrawn == seed_extraction.edition.records["withdrawn"]
    from openpyxl import load_workbook

    assert load_workbook(out / "lists.xlsx")["上级部门收回事项清单"].max_row == 62
