"""Many editions at once: a process pool with a progress bar and a summary, the combined lists, the
same from Dask; one file never stops the others; --out is a root; clashing stems; combined lists
that never go stale."""

import os
import signal

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.settings import DEFAULT
from tests.helpers import write_lines
from tools.variants import variant_names, write_variants


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    write_variants(folder, 50)
    (folder / "zz_broken.txt").write_bytes(bytes(range(256)) * 4)
    return folder


def test_fifty_editions_and_a_broken_file(editions, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(editions), "--out", str(out), "--jobs", "2"]) == 2  # the worst: a bad file
    captured = capsys.readouterr()
    assert "building: 100%" in captured.err  # the progress bar
    assert "zz_broken.txt: binary input" in captured.err
    rows = [line for line in captured.out.splitlines() if line.startswith(("edition_", "zz_"))]
    assert len(rows) == 51
    assert all(" 112    121     61 " in row and row.endswith("warn") for row in rows[:50])
    assert "error: binary input" in rows[50]
    combined = pq.read_table(out / "_all" / "cooperative.parquet")
    assert combined.num_rows == 50 * 121
    assert set(combined.column("township").to_pylist()) == {variant_names(i)[0] for i in range(50)}
    assert {"county", "source_sha256"} <= set(combined.column_names)


def test_dask_gives_the_same_combined_lists(tmp_path):
    folder = tmp_path / "three"
    write_variants(folder, 3)
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["build", str(folder), "--out", str(local), "--jobs", "2"]) == 0
    assert main(["build", str(folder), "--out", str(dask), "--jobs", "2", "--engine", "dask"]) == 0
    for table in ("basic", "cooperative", "withdrawn"):
        a = pq.read_table(local / "_all" / f"{table}.parquet")
        b = pq.read_table(dask / "_all" / f"{table}.parquet")
        assert a.equals(b)


def test_one_crashing_or_killed_file_never_stops_a_batch(tmp_path, monkeypatch, seed_lines):
    """Workers are forked: the patched extract crashes for one file and kills its worker for another."""
    import pipeline.extract

    real = pipeline.extract.extract

    def extract(path, pdf_jobs=None, settings=DEFAULT):
        if path.name == "crash.txt":
            raise RuntimeError("a bug")
        if path.name == "killed.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, pdf_jobs, settings)

    monkeypatch.setattr(pipeline.extract, "extract", extract)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "crash.txt", "killed.txt"):
        write_lines(folder, seed_lines, name)
    lines = list(seed_lines)
    lines[lines.index("没收违法所得。")] = "没收违法\x1a所得。"
    write_lines(folder, lines, "control.txt")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--jobs", "2"]) == 2
    editions = pd.read_csv(out / "_all" / "editions.csv", encoding="utf-8-sig").set_index("folder")
    assert editions.loc["a", "status"] == "warn" and editions.loc["control", "status"] == "warn"
    assert editions.loc["crash", "error"].startswith("internal error: RuntimeError: a bug")
    assert "worker process died" in editions.loc["killed", "error"]
    assert pq.read_table(out / "_all" / "basic.parquet").num_rows == 2 * 112


def test_out_is_the_root_for_a_folder_of_one_as_for_many(tmp_path, seed_lines):
    many, one = tmp_path / "many", tmp_path / "one"
    many.mkdir()
    one.mkdir()
    for name in ("x.txt", "y.txt"):
        write_lines(many, seed_lines, name)
    write_lines(one, seed_lines, "z.txt")
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
        write_lines(tmp_path / year, seed_lines, "list.txt")
    root = tmp_path / "root"
    inputs = [str(tmp_path / "2024" / "list.txt"), str(tmp_path / "2025" / "list.txt")]
    assert main(["build", *inputs, "--out", str(root)]) == 0
    assert sorted(p.name for p in root.iterdir()) == ["2024__list_txt", "2025__list_txt", "_all"]
    combined = pq.read_table(root / "_all" / "basic.parquet")
    assert combined.num_rows == 2 * 112
    assert sorted(set(combined.column("source_file").to_pylist())) == ["list.txt"]


def test_combined_lists_mark_and_leave_out_failed_editions_and_never_go_stale(tmp_path, seed_lines):
    folder = tmp_path / "in"
    folder.mkdir()
    write_lines(folder, seed_lines, "good.txt")
    write_lines(
        folder, [line for line in seed_lines if line != "112 综合政务 撤乡设镇工作"], "short.txt"
    )  # fails counts
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
