"""Never lose, never crash, never pass silently: a baseline of accepted findings, control characters,
a long cell, a user's files and interrupted or concurrent builds, one line instead of a traceback,
the combined lists of a batch, and the small things users hit."""

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.outputs import folders
from pipeline.core.baseline import finding_keys, new_findings
from pipeline.extract import extract
from pipeline.cli import main

from .conftest import GOLDEN, ROOT, SEED

TABLES = ("basic", "cooperative", "withdrawn")
PYTHON = [sys.executable, "-m", "pipeline"]


def _write(tmp_path: Path, lines: list[str], name: str = "edited.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(PYTHON + args, cwd=ROOT, capture_output=True, text=True, **kwargs)


def _one_line(text: str) -> None:
    assert text.count("\n") == 1 and "Traceback" not in text, text


# ---------------------------------------------------------------- the baseline


def test_the_reviewed_seed_baseline_holds_every_seed_finding(capsys):
    assert main(["check", str(SEED), "--baseline", str(GOLDEN / "baseline.json")]) == 0
    assert "new finding" not in capsys.readouterr().err


def test_a_new_warning_fails_against_the_baseline_and_an_unrelated_edit_does_not(tmp_path, seed_lines, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(SEED), "--write-baseline", str(baseline)]) == 0
    # an unrelated edit: blank lines in the preface move every line of the tables
    moved = _write(tmp_path, seed_lines[:5] + ["", "", ""] + seed_lines[5:], "moved.txt")
    capsys.readouterr()
    assert main(["check", str(moved), "--baseline", str(baseline)]) == 0
    # a new warning: a department heading printed twice (the build alone exits 0)
    heading = seed_lines.index("阿合奇县公安局：")
    doubled = _write(tmp_path, seed_lines[: heading + 1] + seed_lines[heading:], "doubled.txt")
    assert main(["check", str(doubled)]) == 0
    capsys.readouterr()
    assert main(["check", str(doubled), "--baseline", str(baseline)]) == 1
    err = capsys.readouterr().err
    assert "new finding: repeats [warn]" in err and "阿合奇县公安局：" in err


def test_a_bad_baseline_file_is_refused(tmp_path, capsys):
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["check", str(SEED), "--baseline", str(bad)]) == 2
    _one_line(capsys.readouterr().err)


# ---------------------------------------------------------------- control characters


def test_a_control_character_is_removed_with_a_warning(tmp_path, seed_lines, seed_extraction):
    end = seed_lines.index("没收违法所得。")
    lines = list(seed_lines)
    lines[end] = "没收违法\x1a所得。"
    out = tmp_path / "out"
    assert main(["build", str(_write(tmp_path, lines)), "--out", str(out)]) == 0
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    assert checks["reading"]["status"] == "warn"
    assert checks["reading"]["findings"][0]["where"] == f"line {end + 1}"
    withdrawn = json.loads((out / "withdrawn.json").read_text(encoding="utf-8"))
    assert withdrawn == seed_extraction.edition.records["withdrawn"]
    from openpyxl import load_workbook

    assert load_workbook(out / "lists.xlsx")["上级部门收回事项清单"].max_row == 62


def test_one_crashing_or_killed_file_never_stops_a_batch(tmp_path, monkeypatch, seed_lines):
    """Workers are forked: the patched extract crashes for one file and kills its worker for another."""
    import pipeline.extract

    real = pipeline.extract.extract

    def extract(path, pdf_jobs=None):
        if path.name == "crash.txt":
            raise RuntimeError("a bug")
        if path.name == "killed.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, pdf_jobs)

    monkeypatch.setattr(pipeline.extract, "extract", extract)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "crash.txt", "killed.txt"):
        _write(folder, seed_lines, name)
    lines = list(seed_lines)
    lines[lines.index("没收违法所得。")] = "没收违法\x1a所得。"
    _write(folder, lines, "control.txt")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--jobs", "2"]) == 2
    editions = pd.read_csv(out / "_all" / "editions.csv", encoding="utf-8-sig").set_index("folder")
    assert editions.loc["a", "status"] == "warn" and editions.loc["control", "status"] == "warn"
    assert editions.loc["crash", "error"].startswith("internal error: RuntimeError: a bug")
    assert "worker process died" in editions.loc["killed", "error"]
    assert pq.read_table(out / "_all" / "basic.parquet").num_rows == 2 * 112


# ---------------------------------------------------------------- a long cell


def test_a_cell_of_twenty_thousand_lines_builds_in_bounded_memory(tmp_path, seed_lines):
    start = seed_lines.index("1.负责本辖区职工互助医疗保障相关政策宣传；")
    text = "负责本辖区职工互助医疗保障相关政策宣传登记单位参保人员名单上报县总工会收集费用" * 3
    filler = [text[j % 20 : j % 20 + 23] for j in range(20_000)]
    source = _write(tmp_path, seed_lines[: start + 1] + filler + seed_lines[start + 1 :])

    def limit():  # a walk that grows with the square of the lines runs out here, not on the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    child = subprocess.Popen(PYTHON + ["build", str(source), "--out", str(tmp_path / "out")], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read()
    assert usage.ru_maxrss < 800 * 1024  # KiB: about what the seed alone takes, not gigabytes
    township = json.loads((tmp_path / "out" / "cooperative.json").read_text(encoding="utf-8"))[24]["township_duties"]
    assert township.count("\n") == 4  # the filler is one wrapped paragraph


# ---------------------------------------------------------------- a user's files


def test_a_folder_with_other_files_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "edition.json").write_text("{}", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["build", str(SEED), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    _one_line(err)
    assert "notes.txt" in err
    assert sorted(p.name for p in out.iterdir()) == ["edition.json", "notes.txt"]


def test_a_build_replaces_its_own_folder_but_not_a_file_added_to_it(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    assert main(["build", str(SEED), "--out", str(out)]) == 0  # its own files: replaced
    (out / "my-notes.md").write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(SEED), "--out", str(out)]) == 2
    assert "my-notes.md" in capsys.readouterr().err and (out / "my-notes.md").read_text(encoding="utf-8") == "mine"


def test_out_is_the_root_for_a_folder_of_one_as_for_many(tmp_path, seed_lines):
    many, one = tmp_path / "many", tmp_path / "one"
    many.mkdir()
    one.mkdir()
    for name in ("x.txt", "y.txt"):
        _write(many, seed_lines, name)
    _write(one, seed_lines, "z.txt")
    root = tmp_path / "root"
    assert main(["build", str(many), "--out", str(root)]) == 0
    assert main(["build", str(one), "--out", str(root)]) == 0
    assert sorted(p.name for p in root.iterdir()) == ["_all", "x", "y", "z"]
    assert (root / "x" / "edition.json").is_file() and (root / "z" / "edition.json").is_file()
    assert pq.read_table(root / "_all" / "basic.parquet").num_rows == 112  # the last batch's lists
    assert main(["build", str(one / "z.txt"), "--out", str(root)]) == 2  # a file's --out is its folder


def test_inputs_with_one_stem_get_distinct_stable_folders(tmp_path, seed_lines):
    for year in ("2024", "2025"):
        (tmp_path / year).mkdir()
        _write(tmp_path / year, seed_lines, "list.txt")
    root = tmp_path / "root"
    inputs = [str(tmp_path / "2024" / "list.txt"), str(tmp_path / "2025" / "list.txt")]
    assert main(["build", *inputs, "--out", str(root)]) == 0
    assert sorted(p.name for p in root.iterdir()) == ["2024__list_txt", "2025__list_txt", "_all"]
    combined = pq.read_table(root / "_all" / "basic.parquet")
    assert combined.num_rows == 2 * 112
    assert sorted(set(combined.column("source_file").to_pylist())) == ["list.txt"]


# ---------------------------------------------------------------- interrupted and concurrent builds

_KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from pipeline.outputs import folders
with folders.replacing(Path(sys.argv[1])) as staging:
    (staging / "edition.json").write_text("{}")
    os.kill(os.getpid(), signal.SIGKILL)
"""

_KILLED_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from pipeline.outputs import folders
folders._exchange = lambda a, b: False  # a system without renameat2
renames = []
real = os.rename
def rename(a, b):
    renames.append(a)
    if len(renames) == 3:  # staging → target, the second of the swap's two renames
        os.kill(os.getpid(), signal.SIGKILL)
    real(a, b)
folders.os.rename = rename
with folders.replacing(Path(sys.argv[1])) as staging:
    (staging / "edition.json").write_text("{}")
"""


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def test_a_build_killed_while_writing_leaves_the_previous_one_and_its_leftovers_go(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    subprocess.run([sys.executable, "-c", _KILLED_WHILE_WRITING, str(out)], cwd=ROOT, check=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert len(_hidden(out)) == 1  # the dead build's staging folder
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    assert _hidden(out) == []


def test_a_build_killed_between_two_renames_is_undone_by_the_next(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    subprocess.run([sys.executable, "-c", _KILLED_BETWEEN_RENAMES, str(out)], cwd=ROOT, check=False)
    assert not out.exists()  # the cut: the previous build is retired, the new one not yet in place
    folders._tidy(out.absolute())
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _hidden(out) == [] or all(".qingdan-staging-" in name for name in _hidden(out))


def test_concurrent_builds_into_one_folder_each_write_a_whole_build(tmp_path):
    out = tmp_path / "out"
    children = [
        subprocess.Popen(
            PYTHON + ["build", str(SEED), "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    for child in children:
        assert child.wait() == 0, child.stderr.read()
    assert json.loads((out / "edition.json").read_text(encoding="utf-8"))["extracted"]["total"] == 294
    assert folders.foreign_entries(out) == [] and _hidden(out) == []


# ---------------------------------------------------------------- one line, never a traceback


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["build", str(SEED), "--out", "/proc/qingdan/out"], "cannot write there"),
        (["build", str(SEED), "--jobs", "-1"], "--jobs: must be a whole number"),
        (["build", "raw", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--out", "{tmp}/d"], "cannot reach"),
        (["diff", str(SEED), str(SEED), "--out", str(SEED)], "is a file"),
        (["diff", str(SEED), "{tmp}/missing"], "new {tmp}/missing: no such file"),
        (["diff", str(SEED), str(SEED), "--threshold", "0"], "above 0 and at most 1"),
        (["diff", str(SEED), str(SEED), "--threshold", "1.5"], "above 0 and at most 1"),
        (["search", "   "], "is empty"),
        (["search", "草" * 201], "at most 200"),
        (["explain", "{tmp}", "basic", "1"], "not a build folder"),
        (["check", "{tmp}/\x1b[31mred.txt"], "\\x1b[31mred.txt"),
    ],
    ids=[
        "read-only",
        "jobs",
        "scheduler",
        "diff-out-file",
        "diff-missing",
        "threshold-0",
        "threshold-big",
        "empty-query",
        "long-query",
        "explain-folder",
        "control-bytes",
    ],  # fmt: skip
)
def test_errors_are_one_line_with_exit_status_2(tmp_path, args, says):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = _run(args)
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr)
    assert says.replace("{tmp}", str(tmp_path)) in done.stderr
    assert "\x1b" not in done.stderr


def test_a_closed_pipe_ends_quietly(tmp_path):
    build = tmp_path / "seed"
    assert main(["build", str(SEED), "--out", str(build)]) == 0
    child = subprocess.Popen(PYTHON + ["search", "工作"] + [str(build)] * 6, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)  # fmt: skip
    child.stdout.readline()
    child.stdout.close()
    assert child.wait() == 141
    assert child.stderr.read() == b""


def test_ctrl_c_says_one_line(tmp_path, seed_lines):
    start = seed_lines.index("1.负责本辖区职工互助医疗保障相关政策宣传；")
    slow = _write(tmp_path, seed_lines[: start + 1] + ["负责本辖区职工互助医疗保障相关政策宣传登记单位参保"] * 30_000
                  + seed_lines[start + 1 :])  # fmt: skip
    out = tmp_path / "out"
    child = subprocess.Popen(PYTHON + ["build", str(slow), "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    time.sleep(3)
    os.killpg(child.pid, signal.SIGINT)
    assert child.wait() == 130
    err = child.stderr.read()
    _one_line(err)
    assert "interrupted" in err
    assert not out.exists() and _hidden(out) == []


def _pdf_with_a_bad_operator(path: Path) -> Path:
    """One page of text whose content stream sets a line width that is no number."""
    stream = b"/Bad w BT /F1 12 Tf 72 720 Td (not a list) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)
    return path


def test_pdfminer_warnings_never_reach_the_terminal(tmp_path):
    from pipeline.readers.pdf.load import _read

    pdf = _pdf_with_a_bad_operator(tmp_path / "bad-operator.pdf")
    (page,) = _read(pdf, range(1))
    assert any("Cannot set line width" in note for note in page.notes)  # kept for the report
    done = _run(["build", str(pdf), "--out", str(tmp_path / "out")])
    assert done.returncode == 2
    _one_line(done.stderr)
    assert "not a 履职事项清单" in done.stderr


# ---------------------------------------------------------------- the combined lists


def test_combined_lists_mark_and_leave_out_failed_editions_and_never_go_stale(tmp_path, seed_lines):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, seed_lines, "good.txt")
    _write(folder, [line for line in seed_lines if line != "112 综合政务 撤乡设镇工作"], "short.txt")  # fails counts
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)
    root = tmp_path / "root"
    assert main(["build", str(folder), "--out", str(root), "--jobs", "2"]) == 2
    combined = pq.read_table(root / "_all" / "basic.parquet")
    assert combined.num_rows == 112  # the failed edition's rows are left out
    assert set(combined.column("status").to_pylist()) == {"warn"}
    assert set(combined.column("source_file").to_pylist()) == {"good.txt"}
    assert combined.schema.metadata[b"qingdan.excluded"] == b"2"
    editions = pq.read_table(root / "_all" / "editions.parquet").to_pylist()
    assert [(e["folder"], e["status"], e["included"]) for e in editions] == [
        ("broken", "error", False),
        ("good", "warn", True),
        ("short", "fail", False),
    ]
    # a batch that builds nothing leaves empty lists, not the last batch's
    only_broken = tmp_path / "broken"
    only_broken.mkdir()
    (only_broken / "broken.txt").write_bytes(bytes(range(256)) * 4)
    assert main(["build", str(only_broken), "--out", str(root)]) == 2
    assert pq.read_table(root / "_all" / "basic.parquet").num_rows == 0


# ---------------------------------------------------------------- small things


def test_diff_warns_when_a_side_failed_its_checks(tmp_path, seed_lines, capsys):
    short = _write(tmp_path, [line for line in seed_lines if line != "112 综合政务 撤乡设镇工作"])
    assert main(["diff", str(SEED), str(short)]) == 3
    err = capsys.readouterr().err
    _one_line(err)
    assert f"warning: new {short} failed its checks (counts)" in err


def test_a_reworded_name_still_matches():
    from pipeline.editions import LoadedEdition as Edition
    from pipeline.editions.diff import diff_editions

    old = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
    new = json.loads(json.dumps(old))
    row = next(r for r in new["basic"] if r["name"] == "档案管理工作")
    row["name"] = "档案规范管理工作"
    result = diff_editions(Edition("old", None, None, old), Edition("new", None, None, new))
    assert [(i["class"], i["old"]["seq"], i["new"]["seq"]) for i in result["items"]] == [
        ("changed", row["seq"], row["seq"])
    ]


def test_csv_columns_have_one_dtype_in_every_list(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "tests" / "fixtures" / "pdf" / "reportlab_grid.pdf"), "--out", str(out)]) == 0
    frames = [pd.read_csv(out / f"{t}.csv", encoding="utf-8-sig") for t in TABLES]
    shared = set.intersection(*(set(f.columns) for f in frames))
    for column in shared:
        assert len({str(f[column].dtype) for f in frames}) == 1, column
    assert str(frames[1]["起始页"].dtype) == "int64" and frames[1]["起始行"].isna().all()
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    types = {(f["name"], f["type"]) for r in package["resources"] if "schema" in r for f in r["schema"]["fields"]}
    assert ("起始页", "integer") in types and ("起始行", "integer") in types


def test_version():
    done = _run(["--version"])
    assert done.returncode == 0 and done.stdout.startswith("qingdan ")


def test_explain_reads_a_build_folder(tmp_path, capsys):
    out = tmp_path / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "cooperative", "26"]) == 0
    shown = capsys.readouterr().out
    assert "lines 1134-1139" in shown and "对普通高考报名考生的鉴定" in shown
    assert main(["explain", str(out), "cooperative", "999"]) == 2


def test_new_findings_are_counted_not_just_named(seed_extraction):
    """A finding accepted once and found twice is new the second time."""
    from dataclasses import replace

    edition = seed_extraction.edition
    accepted = finding_keys(edition)
    doubled = [replace(c, findings=c.findings * 2) if c.name == "categories" else c for c in edition.checks]
    assert len(new_findings(replace(edition, checks=doubled), accepted)) == 2
    assert extract(SEED).edition.checks == edition.checks
