"""Benchmark: qingdan's PDF build against the tools a user would otherwise reach for.

For every fixture PDF in tests/fixtures/pdf/ and every engine, one fresh process extracts the
tables (so peak memory is that engine's alone), and the cells are scored against the reviewed
golden records: the share of golden cells whose text the engine got exactly, after joining
each engine's cell lines (white space ignored) and, for the table tools, gluing the fragments
of a row split by a page break back together (what a user would have to do by hand).

    .venv/bin/python bench/bench_pdf.py            # or: make bench

Engines: qingdan (pdfplumber geometry, this project), pdfplumber page.extract_tables(),
camelot lattice (optional: pip install camelot-py).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
GOLDEN = ROOT / "tests" / "golden"
TABLES = ("basic", "cooperative", "withdrawn")
WIDTH = {3: "basic", 6: "cooperative", 4: "withdrawn"}  # the table tools' tables, told apart by width


def golden_cells() -> dict[str, dict[int, list[str]]]:
    out = {}
    for table in TABLES:
        rows = json.loads((GOLDEN / f"{table}.json").read_text(encoding="utf-8"))
        out[table] = {r["seq"]: record_cells(table, r) for r in rows}
    return out


def record_cells(table: str, r: dict) -> list[str]:
    cells = [str(r["seq"]), r["category"], r["name"]]
    if table == "cooperative":
        cells += ["、".join(r["departments"]), r["upstream_duties"], r["township_duties"]]
    elif table == "withdrawn":
        cells.append(r["handler"])
    return cells


def _squash(text) -> str:
    return "".join(str(text or "").split())


# ------------------------------------------------------------------ engines (run in a worker)


def run_qingdan(pdf: Path) -> dict[str, list[list[str]]]:
    from pipeline.extract import extract

    records = extract(pdf).edition.records
    return {t: [record_cells(t, r) for r in records[t]] for t in TABLES}


def _glue(raw_tables: list[list[list[str]]]) -> dict[str, list[list[str]]]:
    """Raw page tables → rows per list: header rows dropped, page-split fragments glued."""
    out: dict[str, list[list[str]]] = {t: [] for t in TABLES}
    for rows in raw_tables:
        if not rows:
            continue
        table = WIDTH.get(len(rows[0]))
        if table is None:
            continue
        for row in rows:
            cells = [_squash(c) for c in row]
            if cells[0] == "序号" or not any(cells):
                continue
            if cells[0].isdigit() or not out[table]:
                out[table].append(cells)
            else:
                out[table][-1] = [a + b for a, b in zip(out[table][-1], cells, strict=False)]
    return out


def run_pdfplumber(pdf: Path) -> dict[str, list[list[str]]]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        raw = [table for page in doc.pages for table in page.extract_tables()]
    return _glue(raw)


def run_camelot(pdf: Path) -> dict[str, list[list[str]]]:
    import camelot

    tables = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    return _glue([t.df.values.tolist() for t in tables])


ENGINES = {"qingdan": run_qingdan, "pdfplumber.extract_tables": run_pdfplumber, "camelot lattice": run_camelot}


def _cpu() -> float:
    """CPU seconds of this process and the processes it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def worker(engine: str, pdf: Path, out: Path) -> None:
    start, cpu = time.perf_counter(), _cpu()
    cells = ENGINES[engine](pdf)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    # peak resident memory of this process plus the largest of its helpers (an upper bound)
    peak_kb = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    result = {"seconds": seconds, "cpu": cpu, "peak_kb": peak_kb, "cells": cells}
    out.write_text(json.dumps(result, ensure_ascii=False))


# ------------------------------------------------------------------ the run


def score(cells: dict[str, list[list[str]]], golden: dict[str, dict[int, list[str]]]) -> float:
    right = total = 0
    for table, rows in golden.items():
        got = {int(r[0]): r for r in cells.get(table, []) if r and str(r[0]).isdigit()}
        for seq, want in rows.items():
            have = got.get(seq, [])
            for i, cell in enumerate(want):
                total += 1
                right += i < len(have) and _squash(have[i]) == _squash(cell)
    return right / total


def pages_of(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def main() -> int:
    golden = golden_cells()
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    engines = [e for e in ENGINES if e in sys.argv[1:]] or list(ENGINES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            pages = pages_of(pdf)
            for engine in engines:
                out = Path(tmp) / "out.json"
                env = dict(os.environ, PYTHONPATH=str(ROOT))
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", engine, str(pdf), str(out)],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    last = (done.stderr.strip().splitlines() or ["?"])[-1]
                    rows.append((pdf.stem, engine, pages, None, None, None, None, last[:60]))
                    continue
                result = json.loads(out.read_text(encoding="utf-8"))
                accuracy = score(result["cells"], golden)
                rows.append(
                    (pdf.stem, engine, pages, result["seconds"], result["cpu"], result["peak_kb"], accuracy, "")
                )
    header = (
        f"{'fixture':<20} {'engine':<27} {'pages':>5} {'wall ms/page':>13} {'cpu ms/page':>12} "
        f"{'peak MiB':>9} {'cells right':>12}"
    )
    print(header)
    print("-" * len(header))
    for stem, engine, pages, seconds, cpu, peak, accuracy, note in rows:
        if seconds is None:
            print(f"{stem:<20} {engine:<27} {pages:>5}  failed: {note}")
            continue
        print(
            f"{stem:<20} {engine:<27} {pages:>5} {1000 * seconds / pages:>13.1f} {1000 * cpu / pages:>12.1f} "
            f"{peak / 1024:>9.0f} {accuracy:>11.1%}"
        )
    print("cells right: golden cells whose text the engine got exactly (white space ignored, page-split rows glued)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(main())
