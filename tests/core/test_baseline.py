"""The baseline of accepted findings: a new warning fails, an unrelated edit does not, a finding found
twice is new the second time."""

from pipeline.cli import main
from pipeline.core.baseline import finding_keys, new_findings
from pipeline.extract import extract
from tests.helpers import GOLDEN, SEED, one_line, write_lines


def test_the_reviewed_seed_baseline_holds_every_seed_finding(capsys):
    assert main(["check", str(SEED), "--baseline", str(GOLDEN / "baseline.json")]) == 0
    assert "new finding" not in capsys.readouterr().err


def test_a_new_warning_fails_against_the_baseline_and_an_unrelated_edit_does_not(tmp_path, seed_lines, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(SEED), "--write-baseline", str(baseline)]) == 0
    # an unrelated edit: blank lines in the preface move every line of the tables
    moved = write_lines(tmp_path, seed_lines[:5] + ["", "", ""] + seed_lines[5:], "moved.txt")
    capsys.readouterr()
    assert main(["check", str(moved), "--baseline", str(baseline)]) == 0
    # a new warning: a department heading printed twice (the build alone exits 0)
    heading = seed_lines.index("阿合奇县公安局：")
    doubled = write_lines(tmp_path, seed_lines[: heading + 1] + seed_lines[heading:], "doubled.txt")
    assert main(["check", str(doubled)]) == 0
    capsys.readouterr()
    assert main(["check", str(doubled), "--baseline", str(baseline)]) == 1
    err = capsys.readouterr().err
    assert "new finding: repeats [warn]" in err and "阿合奇县公安局：" in err


def test_a_bad_baseline_file_is_refused(tmp_path, capsys):
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["check", str(SEED), "--baseline", str(bad)]) == 2
    one_line(capsys.readouterr().err)


def test_new_findings_are_counted_not_just_named(seed_extraction):
    """A finding accepted once and found twice is new the second time."""
    from dataclasses import replace

    edition = seed_extraction.edition
    accepted = finding_keys(edition)
    doubled = [replace(c, findings=c.findings * 2) if c.name == "categories" else c for c in edition.checks]
    assert len(new_findings(replace(edition, checks=doubled), accepted)) == 2
    assert extract(SEED).edition.checks == edition.checks
