"""Many editions at once: a process pool with a progress bar and a summary, the combined lists,
and the same combined lists from a local Dask cluster."""

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
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
