"""The text reader's rows: the lines that open a row, and gaps, repeats and a duplicated page reported."""

import pytest

from pipeline.readers.text.rows import row_start
from tests.helpers import build_edited, replace_line, text_lines


def test_row_start_needs_the_expected_number_or_a_named_category():
    lines = text_lines("3 跟踪督导事务准入机制。", "4 党的建设", "7 党的建设", "8 祭扫物资保障。", "9", "人民武装")
    categories = ("党的建设",)
    assert row_start(lines, 0, 3, categories) is None  # item text, not a row
    assert row_start(lines, 1, 4, categories) == 4
    assert row_start(lines, 2, 5, categories) == 7  # a gap, reported by segment_rows
    assert row_start(lines, 3, 8, categories) is None
    assert row_start(lines, 4, 9, categories) == 9  # number alone, category on the next line


@pytest.mark.parametrize(
    ("row", "number", "kind", "line"),
    [
        ("22 经济发展 制订本乡经济和产业发展规划、村镇建设规划，发展本地特色产业", "23", "missing", 138),
        ("23 经济发展 开展统计普查调查工作，维护基本单位名录库", "22", "repeated", 141),
    ],
    ids=["missing", "repeated"],
)
def test_a_missing_or_repeated_sequence_number_fails(tmp_path, capsys, seed_lines, row, number, kind, line):
    lines = replace_line(seed_lines, row, number + row[2:])
    status, err, checks = build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["sequence"]["status"] == "fail"
    assert any(f"line {line}" in d and kind in d for d in checks["sequence"]["details"])
    assert err.count("\n") == 1 and "failed checks: " in err and "sequence (" in err and f"line {line}" in err


def test_duplicated_page(tmp_path, capsys, seed_lines):
    starts = [i for i, line in enumerate(seed_lines) if line.startswith(" 序号 事项类别 事项名称")]
    page = seed_lines[starts[2] : starts[3]]  # one whole page of the basic table
    lines = seed_lines[: starts[3]] + page + seed_lines[starts[3] :]
    status, _, checks = build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["sequence"]["status"] == "fail"
    assert any("repeated" in d for d in checks["sequence"]["details"])
    assert checks["counts"]["status"] == "fail"
