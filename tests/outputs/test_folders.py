"""Build folders: never over a user's files, whole or not at all, a killed or concurrent build leaving
the previous one and no leftovers."""

import json
import subprocess
import sys
from pathlib import Path

from pipeline.cli import main
from pipeline.outputs import folders
from tests.helpers import PYTHON, ROOT, SEED, one_line


def test_a_folder_with_other_files_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "edition.json").write_text("{}", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["build", str(SEED), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    one_line(err)
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
