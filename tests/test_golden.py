"""Every field of every record of the seed edition equals the reviewed golden record.

The golden files were read against the source row by row (see tests/golden/README.md);
they are not a snapshot of the code's output.
"""

import json

import pytest

from tests.helpers import GOLDEN

TABLES = ("basic", "cooperative", "withdrawn")
GOLDEN_RECORDS = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
# The counts the 哈拉奇乡 preface states and a reader counts in its tables.
EXPECTED_COUNTS = {"basic": 112, "cooperative": 121, "withdrawn": 61}


def test_golden_files_hold_the_stated_counts():
    assert {t: len(r) for t, r in GOLDEN_RECORDS.items()} == EXPECTED_COUNTS


@pytest.mark.parametrize("table", TABLES)
def test_extracted_counts(seed_extraction, table):
    assert len(seed_extraction.edition.records[table]) == EXPECTED_COUNTS[table]


@pytest.mark.parametrize(
    ("table", "seq"), [(t, r["seq"]) for t in TABLES for r in GOLDEN_RECORDS[t]], ids=lambda v: str(v)
)
def test_record_equals_golden(seed_extraction, table, seq):
    got = seed_extraction.edition.records[table][seq - 1]
    want = GOLDEN_RECORDS[table][seq - 1]
    assert got.keys() - {"keywords"} == want.keys()  # keywords are derived, tested in test_terms
    for field in want:
        assert got[field] == want[field], f"{table} {seq} {field}"


def test_seed_checks(seed_extraction):
    checks = {c.name: c for c in seed_extraction.edition.checks}
    assert {name for name, c in checks.items() if c.status == "fail"} == set()
    # the preface names 19 basic categories, states 20; the table uses 人民武装 (row 105)
    assert checks["categories"].status == "warn"
    assert any("人民武装" in d and "105" in d for d in checks["categories"].details)
    assert checks["conservation"].status == "pass"
