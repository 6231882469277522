"""batch: many editions at once — each built by the same per-file function in a process pool
(or on a Dask cluster), a summary per file, and the lists of all editions combined.

One file failing — refused, crashed, or its worker process killed — never stops the others; the
batch's exit status is the worst of the files'. Every edition gets its own folder under the root,
named by its file's stem (made distinct, the same for the same inputs, where stems clash).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..model import EXIT_BY_STATUS, InputError, Status
from ..processes import quiet_worker
from ..settings import DEFAULT, Settings
from ..spec import KEYS


@dataclass(frozen=True)
class FileResult:
    input: str
    out_dir: str
    status: Status  # pass | warn | fail | error
    counts: dict[str, int]
    checks: dict[str, int]  # pass/warn/fail → how many checks
    seconds: float
    error: str = ""
    township: str = ""
    county: str = ""
    sha256: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_BY_STATUS[self.status]


def build_one(input_path: str, out_dir: str, version: str, settings: Settings = DEFAULT) -> FileResult:
    """Extract one edition and write its build folder; bad input, and any crash, become an
    `error` result, so that one file never stops a batch."""
    from ..extract import extract
    from ..outputs.writer import write_build

    start = time.perf_counter()

    def error(message: str) -> FileResult:
        return FileResult(input_path, out_dir, Status.ERROR, {}, {}, time.perf_counter() - start, message)

    try:
        edition = extract(Path(input_path), pdf_jobs=1, settings=settings).edition  # the batch is the parallelism
        write_build(edition, Path(out_dir), version, Path(input_path))
    except InputError as exc:
        return error(str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files; it is reported
        return error(f"internal error: {type(exc).__name__}: {exc}")
    counts = {t: len(edition.records[t]) for t in KEYS}
    checks = {s: sum(c.status == s for c in edition.checks) for s in (Status.PASS, Status.WARN, Status.FAIL)}
    seconds = time.perf_counter() - start
    place = (edition.township or "", edition.county or "", edition.source.sha256)
    return FileResult(input_path, out_dir, edition.status, counts, checks, seconds, "", *place)


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Files as given; a folder stands for the files in it (not hidden, sorted). A file named
    twice is built once."""
    paths: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            paths += sorted(p for p in item.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            paths.append(item)
    seen: set[Path] = set()
    unique = []
    for path in paths:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique


def _clashing(names: list[str]) -> set[str]:
    return {name for name in names if names.count(name) > 1}


def folder_names(paths: list[Path]) -> list[str]:
    """A distinct folder name per input: its stem; where stems clash, its file name (a.txt →
    a_txt); where names clash too, its path from the clashing files' common folder (2024/a.txt →
    2024__a_txt). The same inputs always get the same names."""
    names = [p.stem for p in paths]
    clash = _clashing(names)
    names = [p.name.replace(".", "_") if n in clash else n for p, n in zip(paths, names, strict=True)]
    clash = _clashing(names)
    if clash:
        groups: dict[str, list[Path]] = {}
        for path, name in zip(paths, names, strict=True):
            if name in clash:
                groups.setdefault(name, []).append(path.resolve())
        common = {name: Path(os.path.commonpath([p.parent for p in group])) for name, group in groups.items()}
        names = [
            "__".join((*path.resolve().parent.relative_to(common[name]).parts, name)) if name in clash else name
            for path, name in zip(paths, names, strict=True)
        ]
    return names


def _run_pool(tasks: list[tuple], jobs: int, done) -> list[tuple]:
    """Run the tasks in one process pool; the tasks it could not finish because a worker died."""
    pool = ProcessPoolExecutor(min(jobs, len(tasks)) or 1, initializer=quiet_worker)
    futures = {pool.submit(build_one, *task): task for task in tasks}
    broken = []
    try:
        for future in as_completed(futures):
            try:
                done(future.result())
            except BrokenProcessPool:
                broken.append(futures[future])
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return broken


def _run_local(tasks: list[tuple], jobs: int, done) -> None:
    """A worker's death (killed, out of memory) breaks the whole pool: the tasks it took down are
    run again each in a pool of its own, so only the one that kills its worker fails."""
    for task in _run_pool(tasks, jobs, done):
        if _run_pool([task], 1, done):
            done(
                FileResult(
                    task[0], task[1], Status.ERROR, {}, {}, 0.0, "its worker process died (killed, or out of memory)"
                )
            )


def _dask_client(jobs: int, scheduler: str | None):
    """A client of the scheduler at `scheduler`, or of a local cluster of `jobs` processes."""
    from dask.distributed import Client, LocalCluster

    try:
        cluster = None if scheduler else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True)
        return Client(scheduler or cluster, timeout="5s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None


def _run_dask(tasks: list[tuple], client, done) -> None:
    from dask.distributed import as_completed as dask_completed

    cluster = client.cluster
    with client:
        futures = {client.submit(build_one, *task, pure=False): task for task in tasks}
        for future in dask_completed(list(futures)):
            task = futures[future]
            try:
                done(future.result())
            except Exception as exc:  # noqa: BLE001 - a lost worker is that file's error, not the batch's
                message = f"its Dask task failed: {type(exc).__name__}: {exc}"
                done(FileResult(task[0], task[1], Status.ERROR, {}, {}, 0.0, message))
    if cluster is not None:
        cluster.close()


def build_many(
    paths: list[Path],
    root: Path,
    version: str,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
    settings: Settings = DEFAULT,
) -> list[FileResult]:
    """Build every input into root/<its folder name>; results in input order."""
    from tqdm import tqdm

    jobs = jobs or os.cpu_count() or 1
    names = folder_names(paths)
    tasks = [(str(p), str(root / name), version, settings) for p, name in zip(paths, names, strict=True)]
    client = _dask_client(jobs, scheduler) if engine == "dask" else None
    results: dict[str, FileResult] = {}
    bar = tqdm(total=len(tasks), unit="file", desc="building", disable=not progress)

    def done(result: FileResult) -> None:
        results[result.input] = result
        bar.update()

    try:
        if client is not None:
            _run_dask(tasks, client, done)
        else:
            _run_local(tasks, jobs, done)
    finally:
        bar.close()
    return [results[task[0]] for task in tasks]


_EDITION_COLUMNS = ("township", "county", "source_file", "source_sha256", "status")


def combine(results: list[FileResult], root: Path, version: str) -> Path:
    """root/_all: {basic,cooperative,withdrawn}.parquet with every edition's rows that passed
    its checks (pass or warn) and its township, county, source file, sha256 and status as columns;
    editions.parquet and editions.csv with one row per input — included or not, and why. The
    folder is replaced whole each time: nothing of an earlier batch stays in it."""
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..outputs.folders import replacing
    from ..outputs.schema import arrow_schema

    target = root / "_all"
    included = [r for r in results if r.status in (Status.PASS, Status.WARN)]
    metadata = {
        b"qingdan.version": version.encode(),
        b"qingdan.editions": str(len(included)).encode(),
        b"qingdan.excluded": str(len(results) - len(included)).encode(),
    }
    with replacing(target) as staging:
        for table in KEYS:
            schema = arrow_schema(table)
            for column in _EDITION_COLUMNS:
                schema = schema.append(pa.field(column, pa.string()))
            parts = []
            for result in included:
                data = pq.read_table(Path(result.out_dir) / f"{table}.parquet")
                values = (result.township, result.county, Path(result.input).name, result.sha256, result.status)
                for column, value in zip(_EDITION_COLUMNS, values, strict=True):
                    data = data.append_column(column, pa.array([value] * data.num_rows, pa.string()))
                parts.append(data.replace_schema_metadata(None))
            combined = pa.concat_tables(parts) if parts else schema.empty_table()
            pq.write_table(combined.replace_schema_metadata(metadata), staging / f"{table}.parquet", compression="zstd")
        rows = [
            {
                "source_file": r.input,
                "folder": Path(r.out_dir).name,
                "status": r.status,
                "included": r in included,
                "township": r.township,
                "county": r.county,
                "source_sha256": r.sha256,
                **{t: r.counts.get(t) for t in KEYS},
                "error": r.error,
            }
            for r in results
        ]
        editions = pa.Table.from_pylist(rows) if rows else pa.table({"source_file": pa.array([], pa.string())})
        pq.write_table(editions.replace_schema_metadata(metadata), staging / "editions.parquet", compression="zstd")
        with (staging / "editions.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["source_file"])
            writer.writeheader()
            writer.writerows(rows)
    return target


def summary_table(results: list[FileResult]) -> str:
    counts = " ".join(f"{key[:6]:>6}" for key in KEYS)
    lines = [f"{'file':<28} {counts} {'pass':>5} {'warn':>5} {'fail':>5} {'sec':>6}  status"]
    for r in results:
        name = Path(r.input).name[:28]
        if r.status == Status.ERROR:
            blank = " ".join(f"{'':>6}" for _ in KEYS)
            lines.append(f"{name:<28} {blank} {'':>5} {'':>5} {'':>5} {r.seconds:>6.2f}  error: {r.error}")
            continue
        counts = " ".join(f"{r.counts[key]:>6}" for key in KEYS)
        checks = " ".join(f"{r.checks[s]:>5}" for s in (Status.PASS, Status.WARN, Status.FAIL))
        lines.append(f"{name:<28} {counts} {checks} {r.seconds:>6.2f}  {r.status}")
    return "\n".join(lines)
