"""The command line: one line and a documented exit status for every error, a closed pipe, Ctrl-C, --version."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.helpers import PYTHON, ROOT, SEED, one_line, run_cli, write_lines


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
    done = run_cli(args)
    assert done.returncode == 2, done.stderr
    one_line(done.stderr)
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
    filler = ["负责本辖区职工互助医疗保障相关政策宣传登记单位参保"] * 30_000
    slow = write_lines(tmp_path, seed_lines[: start + 1] + filler + seed_lines[start + 1 :])
    out = tmp_path / "out"
    child = subprocess.Popen(PYTHON + ["build", str(slow), "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    time.sleep(3)
    os.killpg(child.pid, signal.SIGINT)
    assert child.wait() == 130
    err = child.stderr.read()
    one_line(err)
    assert "interrupted" in err
    assert not out.exists() and _hidden(out) == []


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def test_version():
    done = run_cli(["--version"])
    assert done.returncode == 0 and done.stdout.startswith("qingdan ")


def test_an_installed_package_holds_every_module():
    """A wheel ships the packages setuptools finds: every folder of modules must be one (a regular
    install once shipped only the top level, and `build` failed on `pipeline.outputs`)."""
    from setuptools import find_packages

    found = set(find_packages(ROOT, include=["pipeline*"]))
    folders = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "pipeline").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert folders <= found
    assert 'include = ["pipeline*"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
