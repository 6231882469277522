"""Benchmark: qingdan against the tools a user would otherwise reach for, whole process, side by side
in one run, each measurement the median of REPEAT runs.

    .venv/bin/python bench/bench.py [--repeat N] [--quick]     # or: make bench

One table:
- every PDF fixture (tests/fixtures/pdf/, …/print/): `qingdan build` with each PDF engine (pdfium,
  the default; pdfplumber), pdfplumber's bare page.extract_tables() over the same pages, and camelot
  lattice (when installed: pip install -e '.[bench]'). Wall and CPU milliseconds per page (CPU: the
  process and every process it waited for), the peak resident memory of the largest process, and the
  share of golden cells each got exactly (for the table tools after gluing the fragments of a row a
  page break split — what a user would have to do by hand);
- the seed text: `qingdan build` of raw/000_0308d53cfc65b0ad.txt;
- a batch of the seed's generated variants (tools/variants.py): editions per second with 1 and with
  2 processes (`build FOLDER --jobs N`);
- a scan of the bordered fixture (reportlab_grid, 200 dpi grayscale, turned, blurred and JPEG'd by
  tools/make_scans.py): `qingdan build --jobs 1` and `--jobs 2`, seconds per page and peak memory,
  once each (a run is minutes); below the table, how many cells came out exact, how many were
  flagged, and how many wrong cells were not (when the extra qingdan[ocr] is installed).

Every run is a fresh process started from here (start-up and imports count, as they do for a user).
`--quick`: one run each, camelot left out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
GOLDEN = ROOT / "tests" / "golden"
SEED = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
TABLES = ("basic", "cooperative", "withdrawn")
WIDTH = {3: "basic", 6: "cooperative", 4: "withdrawn"}  # the table tools' tables, told apart by width
BATCH = 16  # editions in the batch measured


def record_cells(table: str, r: dict) -> list[str]:
    cells = [str(r["seq"]), r["category"], r["name"]]
    if table == "cooperative":
        cells += ["、".join(r["departments"]), r["upstream_duties"], r["township_duties"]]
    elif table == "withdrawn":
        cells.append(r["handler"])
    return cells


def _squash(text) -> str:
    return "".join(str(text or "").split())


# ------------------------------------------------------------------ the table tools (run as --worker)


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


TOOLS = {"pdfplumber extract_tables": run_pdfplumber, "camelot lattice": run_camelot}


# ------------------------------------------------------------------ measuring


def measured(command: list[str]) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MiB of its largest process, exit status) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    # wait4: the child's times with those of every process it waited for; its peak the largest's
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def repeated(command: list[str], repeat: int) -> tuple[float, float, float, int]:
    runs = [measured(command) for _ in range(repeat)]
    return (
        median(r[0] for r in runs),
        median(r[1] for r in runs),
        median(r[2] for r in runs),
        max(r[3] for r in runs),
    )


def golden_cells() -> dict[str, dict[int, list[str]]]:
    out = {}
    for table in TABLES:
        rows = json.loads((GOLDEN / f"{table}.json").read_text(encoding="utf-8"))
        out[table] = {r["seq"]: record_cells(table, r) for r in rows}
    return out


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


def built_cells(folder: Path) -> dict[str, list[list[str]]]:
    records = {t: json.loads((folder / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
    return {t: [record_cells(t, r) for r in records[t]] for t in TABLES}


def pages_of(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    repeat = 1 if quick else int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    tools = [t for t in TOOLS if not (quick and t == "camelot lattice")]
    try:
        import camelot  # noqa: F401
    except ImportError:
        tools = [t for t in tools if t != "camelot lattice"]
    golden = golden_cells()
    python = sys.executable
    rows = []  # (input, tool, pages, wall, cpu, peak, cells right, editions/s, × pdfplumber)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        batch_out = Path(tmp) / "batch-out"
        for pdf in sorted(FIXTURES.glob("*.pdf")) + sorted((FIXTURES / "print").glob("*.pdf")):
            pages = pages_of(pdf)
            results = {}
            for engine in ("pdfium", "pdfplumber"):
                command = [python, "-m", "pipeline", "build", str(pdf), "--out", str(out), "--pdf-engine", engine]
                wall, cpu, peak, status = repeated(command, repeat)
                right = score(built_cells(out), golden) if status in (0, 1) else None
                results[f"qingdan build --pdf-engine {engine}"] = (wall, cpu, peak, right)
            for tool in tools:
                cells = Path(tmp) / "cells.json"
                wall, cpu, peak, status = repeated([python, __file__, "--worker", tool, str(pdf), str(cells)], repeat)
                right = score(json.loads(cells.read_text(encoding="utf-8")), golden) if status == 0 else None
                results[tool] = (wall, cpu, peak, right)
            reference = results["pdfplumber extract_tables"][0]
            for tool, (wall, cpu, peak, right) in results.items():
                rows.append((pdf.stem, tool, pages, wall, cpu, peak, right, None, wall / reference))
        wall, cpu, peak, _ = repeated([python, "-m", "pipeline", "build", str(SEED), "--out", str(out)], repeat)
        right = score(built_cells(out), golden)
        rows.append(("seed text", "qingdan build", None, wall, cpu, peak, right, None, None))
        sys.path.insert(0, str(ROOT))
        from tools.variants import write_variants

        folder = Path(tmp) / "batch"
        write_variants(folder, BATCH)
        for jobs in (1, 2):
            command = [python, "-m", "pipeline", "build", str(folder), "--out", str(batch_out), "--jobs", str(jobs)]
            wall, cpu, peak, _ = repeated(command, repeat)
            rows.append((f"{BATCH} text editions", f"qingdan build --jobs {jobs}", None, wall, cpu, peak, None,
                         BATCH / wall, None))  # fmt: skip
        fidelity = scan_rows(rows, Path(tmp), golden)
    print(table(rows, repeat))
    if fidelity:
        print(fidelity)
    return 0


def scan_rows(rows: list[tuple], tmp: Path, golden) -> str:
    """The scan measurements (appended to `rows`) and a line saying how faithful the scan build was."""
    sys.path.insert(0, str(ROOT))
    from pipeline.readers.scan import ocr_available

    if not ocr_available():
        return "Scans not measured: the extra qingdan[ocr] is not installed."
    from tools.make_scans import ScannerSettings, write_scan

    scan = write_scan(FIXTURES / "reportlab_grid.pdf", tmp / "scan.pdf", ScannerSettings(dpi=200))
    pages = pages_of(scan)
    out = tmp / "scan-out"
    for jobs in (1, 2):
        command = [sys.executable, "-m", "pipeline", "build", str(scan), "--out", str(out), "--jobs", str(jobs)]
        wall, cpu, peak, status = measured(command)
        right = score(built_cells(out), golden) if status in (0, 1) else None
        rows.append(("reportlab_grid scan, 200 dpi", f"qingdan build --jobs {jobs}", pages, wall, cpu, peak, right,
                     None, None))  # fmt: skip
    truth = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
    built = {t: json.loads((out / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
    cells, exact, flagged, silent, _ = scan_fidelity(truth, built)
    return (
        f"Scan of reportlab_grid: {exact}/{cells} cells exact ({exact / cells:.2%}); {flagged} cells flagged "
        f"low-confidence; {cells - exact} wrong, {silent} of them not flagged."
    )


def scan_fidelity(truth: dict[str, list[dict]], scan: dict[str, list[dict]]) -> tuple[int, int, int, int, float | None]:
    """Of a scan's records against the true ones: (cells, exact, flagged — the cell, or the row
    printing it where it is merged over rows, read below ScanSettings.low_confidence —, wrong and
    not flagged, the surest wrong cell's confidence)."""
    from pipeline.core.snap import cell_confidence
    from pipeline.settings import DEFAULT
    from pipeline.spec import BY_KEY

    cells = exact = flagged = silent = 0
    surest = None
    for table, rows in truth.items():
        built = {r["seq"]: r for r in scan.get(table, [])}
        for record in rows:
            got = built.get(record["seq"])
            have = record_cells(table, got) if got else []
            for i, (want, field) in enumerate(zip(record_cells(table, record), BY_KEY[table].roles, strict=True)):
                cells += 1
                confidence = cell_confidence(got, field, built) if got else None  # a merged cell: where printed
                low = confidence is not None and confidence < DEFAULT.scan.low_confidence
                flagged += low
                if i < len(have) and _squash(have[i]) == _squash(want):
                    exact += 1
                    continue
                silent += not low
                if confidence is not None:
                    surest = confidence if surest is None else max(surest, confidence)
    return cells, exact, flagged, silent, surest


def table(rows: list[tuple], repeat: int) -> str:
    columns = ["input", "tool", "pages", "wall s", "wall ms/page", "CPU ms/page", "peak MiB", "cells right"]
    columns += ["editions/s", "× pdfplumber"]
    lines = ["| " + " | ".join(columns) + " |", "| --- | --- |" + " ---: |" * (len(columns) - 2)]
    for name, tool, pages, wall, cpu, peak, right, rate, ratio in rows:
        cells = [
            name,
            tool,
            str(pages) if pages else "",
            f"{wall:.2f}",
            f"{1000 * wall / pages:.0f}" if pages else "",
            f"{1000 * cpu / pages:.0f}" if pages else "",
            f"{peak:.0f}",
            "failed" if right is None and rate is None else f"{right:.1%}" if right is not None else "",
            f"{rate:.2f}" if rate else "",
            f"{ratio:.2f}" if ratio else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"Median of {repeat} fresh processes each (start-up and imports included); CPU: the process and every "
        "process it waited for; peak: the resident memory of the largest; cells right: golden cells got exactly "
        "(white space ignored; the table tools' page-split rows glued); × pdfplumber: wall time against "
        f"extract_tables() over the same pages. {os.cpu_count()} cores."
    )
    return "\n".join(lines)


def worker(tool: str, pdf: Path, out: Path) -> None:
    out.write_text(json.dumps(TOOLS[tool](pdf), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(main(sys.argv[1:]))
