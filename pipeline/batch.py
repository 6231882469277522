"""batch: many editions at once — each built by the same per-file function in a process pool
(or on a Dask cluster), a summary per file, and the lists of all editions combined.

One file failing does not stop the others; the batch's exit status is the worst of the files'.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from .model import InputError
from .schema import TABLES

EXIT_BY_STATUS = {"pass": 0, "warn": 0, "fail": 1, "error": 2}


@dataclass(frozen=True)
class FileResult:
    input: str
    out_dir: str
    status: str  # pass | warn | fail | error
    counts: dict[str, int]
    checks: dict[str, int]  # pass/warn/fail → how many checks
    seconds: float
    error: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_BY_STATUS[self.status]


def build_one(input_path: str, out_dir: str, version: str) -> FileResult:
    """Extract one edition and write its build folder; bad input becomes an `error` result."""
    from .build import extract
    from .emit import write_build

    start = time.perf_counter()
    try:
        edition = extract(Path(input_path), pdf_jobs=1).edition  # the batch is the parallelism
        write_build(edition, Path(out_dir), version)
    except InputError as exc:
        return FileResult(input_path, out_dir, "error", {}, {}, time.perf_counter() - start, str(exc))
    counts = {t: len(edition.records[t]) for t in TABLES}
    checks = {s: sum(c.status == s for c in edition.checks) for s in ("pass", "warn", "fail")}
    return FileResult(input_path, out_dir, edition.status, counts, checks, time.perf_counter() - start)


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Files as given; a folder stands for the files in it (not hidden, sorted)."""
    paths: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            paths += sorted(p for p in item.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            paths.append(item)
    return paths


def out_dirs(paths: list[Path], root: Path) -> list[Path]:
    """root/<stem> for each input; a stem two inputs share gets the file's suffix too."""
    stems = [p.stem for p in paths]
    return [root / (p.stem if stems.count(p.stem) == 1 else p.name.replace(".", "_")) for p in paths]


def build_many(
    paths: list[Path],
    root: Path,
    version: str,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> list[FileResult]:
    """Build every input; results in input order."""
    from tqdm import tqdm

    jobs = jobs or os.cpu_count() or 1
    tasks = [(str(p), str(d), version) for p, d in zip(paths, out_dirs(paths, root), strict=True)]
    results: dict[str, FileResult] = {}
    bar = tqdm(total=len(tasks), unit="file", desc="building", disable=not progress)
    if engine == "dask":
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed

        cluster = None if scheduler else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True)
        with Client(scheduler or cluster) as client:
            futures = [client.submit(build_one, *task, pure=False) for task in tasks]
            for future in dask_completed(futures):
                result = future.result()
                results[result.input] = result
                bar.update()
        if cluster is not None:
            cluster.close()
    else:
        with ProcessPoolExecutor(min(jobs, len(tasks)) or 1) as pool:
            futures = [pool.submit(build_one, *task) for task in tasks]
            for future in as_completed(futures):
                result = future.result()
                results[result.input] = result
                bar.update()
    bar.close()
    return [results[task[0]] for task in tasks]


def combine(results: list[FileResult], root: Path) -> Path:
    """root/_all/{basic,cooperative,withdrawn}.parquet: every built edition's rows, with the
    edition's township, county and source sha256 as columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = root / "_all"
    target.mkdir(parents=True, exist_ok=True)
    built = [r for r in results if r.status != "error"]
    for table in TABLES:
        parts = []
        for result in built:
            data = pq.read_table(Path(result.out_dir) / f"{table}.parquet")
            meta = {k.decode(): v.decode() for k, v in (data.schema.metadata or {}).items()}
            n = data.num_rows
            for column in ("township", "county", "source_sha256"):
                data = data.append_column(column, pa.array([meta.get(f"qingdan.{column}", "")] * n, pa.string()))
            parts.append(data.replace_schema_metadata(None))
        if parts:
            pq.write_table(pa.concat_tables(parts), target / f"{table}.parquet", compression="zstd")
    return target


def summary_table(results: list[FileResult]) -> str:
    lines = [
        f"{'file':<28} {'basic':>6} {'coop':>6} {'withdr':>6} {'pass':>5} {'warn':>5} {'fail':>5} {'sec':>6}  status"
    ]
    for r in results:
        name = Path(r.input).name[:28]
        if r.status == "error":
            lines.append(
                f"{name:<28} {'':>6} {'':>6} {'':>6} {'':>5} {'':>5} {'':>5} {r.seconds:>6.2f}  error: {r.error}"
            )
            continue
        c, k = r.counts, r.checks
        lines.append(
            f"{name:<28} {c['basic']:>6} {c['cooperative']:>6} {c['withdrawn']:>6} "
            f"{k['pass']:>5} {k['warn']:>5} {k['fail']:>5} {r.seconds:>6.2f}  {r.status}"
        )
    return "\n".join(lines)


def results_document(results: list[FileResult]) -> list[dict]:
    return [asdict(r) | {"exit_code": r.exit_code} for r in results]
