"""Benchmark: editions per second of a many-edition build, with 1 and N processes, as the batch
grows (the seed's generated variants: other names, encodings and line endings).

    .venv/bin/python bench/bench_batch.py [N ...]     # or: make bench
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.variants import write_variants  # noqa: E402 - the project root is put on the path first


def run(folder: Path, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "build", str(folder), "--out", out, "--jobs", str(jobs)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-500:])
    return seconds


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [4, 16, 48]
    cores = os.cpu_count() or 1
    print(f"{'editions':>8} {'jobs':>5} {'seconds':>8} {'editions/s':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            write_variants(folder, size)
            for jobs in sorted({1, cores}):
                seconds = run(folder, jobs)
                print(f"{size:>8} {jobs:>5} {seconds:>8.1f} {size / seconds:>11.2f}")
    print("seconds: the whole command (start-up, the process pool, every build, the combined lists)")


if __name__ == "__main__":
    main()
