"""Command line: build, check, explain, diff and search (see README.md)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .batch import build_many, combine, expand_inputs, summary_table
from .build import extract
from .diff import SETTINGS, DiffSettings, diff_editions, load_edition, render_diff
from .emit import write_build
from .explain import explain_row
from .model import InputError
from .report import render_report
from .schema import TABLES
from .search import search

EXIT_OK, EXIT_FAILED_CHECK, EXIT_BAD_INPUT, EXIT_CHANGES = 0, 1, 2, 3


def qingdan_version() -> str:
    try:
        return version("qingdan")
    except PackageNotFoundError:
        return "0+unknown"


def _print_checks(edition, out=sys.stdout) -> None:
    for check in edition.checks:
        print(f"[{check.status:4}] {check.name}: {check.message}", file=out)
        for detail in check.details:
            print(f"         - {detail}", file=out)


def _failure_line(path: Path, edition) -> str | None:
    """One line on stderr naming what failed and where (the first detail of each failed check)."""
    failed = [c for c in edition.checks if c.status == "fail"]
    if not failed:
        return None
    parts = [f"{c.name} ({c.details[0] if c.details else c.message})" for c in failed]
    return f"qingdan: {path}: failed checks: " + "; ".join(parts)


def cmd_build(args) -> int:
    paths = expand_inputs(args.inputs)
    if len(paths) != 1:  # a batch of one gains nothing: it is built and reported like a file
        return build_batch(args, paths)
    args.input = str(paths[0])
    path = paths[0]
    extraction = extract(path)
    edition = extraction.edition
    out_dir = Path(args.out) if args.out else Path("build") / path.stem
    write_build(edition, out_dir, qingdan_version())
    counts = ", ".join(f"{k} {edition.extracted[k]['count']}" for k in TABLES)
    place = f"{edition.township or '?'} ({edition.county or '?'})"
    print(f"{path.name}: {place} — {counts}; total {edition.extracted['total']}")
    _print_checks(edition)
    print(f"wrote {out_dir}/ ({edition.status})")
    if line := _failure_line(path, edition):
        print(line, file=sys.stderr)
    return EXIT_FAILED_CHECK if edition.status == "fail" else EXIT_OK


def build_batch(args, paths: list[Path]) -> int:
    """Many editions: a process pool (or Dask), a progress bar, a summary, the combined lists."""
    if not paths:
        raise InputError(f"no input files in {' '.join(args.inputs)}")
    root = Path(args.out) if args.out else Path("build")
    start = time.perf_counter()
    results = build_many(paths, root, qingdan_version(), args.jobs, args.engine, args.scheduler)
    combined = combine(results, root)
    print(summary_table(results))
    worst = max(r.exit_code for r in results)
    seconds = time.perf_counter() - start
    print(f"{len(results)} files in {seconds:.1f} s; combined lists in {combined}/; exit status {worst}")
    for r in results:
        if r.status == "error":
            print(f"qingdan: {r.input}: {r.error}", file=sys.stderr)
    return worst


def cmd_check(args) -> int:
    """Build into a temporary folder and print the report: a CI job gates on the exit status."""
    path = Path(args.input)
    edition = extract(path).edition
    with tempfile.TemporaryDirectory() as tmp:
        write_build(edition, Path(tmp) / "build", qingdan_version())
        print(render_report(edition, args.strict), end="")
    if line := _failure_line(path, edition):
        print(line, file=sys.stderr)
    failed = edition.status == "fail" or (args.strict and edition.status == "warn")
    return EXIT_FAILED_CHECK if failed else EXIT_OK


def cmd_diff(args) -> int:
    """What changed between two editions; exit 3 when anything did, so CI notices a new edition."""
    settings = DiffSettings(threshold=args.threshold)
    result = diff_editions(load_edition(Path(args.old)), load_edition(Path(args.new)), settings)
    report = render_diff(result)
    print(report, end="")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "diff.md").write_text(report, encoding="utf-8")
        (out / "diff.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return EXIT_CHANGES if result["changed"] else EXIT_OK


def cmd_search(args) -> int:
    builds = [Path(b) for b in args.builds] or sorted(p.parent for p in Path("build").glob("*/edition.json"))
    if not builds:
        raise InputError("no build folders to search (run make build first, or name them)")
    found = 0
    for build in builds:
        edition = load_edition(build)
        for hit in search(edition.records, args.query):
            found += 1
            print(f"{edition.label}\t{hit.list}\t{hit.seq}\t{hit.score:.2f}\t{hit.name}\t{hit.snippet}")
    if not found:
        print(f"no record matches {args.query!r}", file=sys.stderr)
    return EXIT_OK


def cmd_explain(args) -> int:
    extraction = extract(Path(args.input))
    try:
        print(explain_row(extraction, args.table, args.seq))
    except KeyError as exc:
        print(f"qingdan: {exc.args[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qingdan", description="Rebuild 履职事项清单 tables from published text.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="extract one edition into a build folder")
    build.add_argument("inputs", nargs="+", help="published text or PDF; several, or a folder, build them all")
    build.add_argument("--out", help="output folder (default build/<input stem>/; for many inputs the root, build/)")
    build.add_argument("--jobs", type=int, help="processes or Dask workers for many inputs (default: the cores)")
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="run many inputs here or on Dask")
    build.add_argument("--scheduler", help="with --engine dask: a scheduler address (default: a local cluster)")
    build.set_defaults(run=cmd_build, input="")
    check = commands.add_parser("check", help="build into a temporary folder and print the fidelity report")
    check.add_argument("input", help="published text or PDF of one edition")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit status 1)")
    check.set_defaults(run=cmd_check)
    diff = commands.add_parser("diff", help="what changed between two editions (build folders or inputs)")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--out", help="also write diff.md and diff.json here")
    diff.add_argument("--threshold", type=float, default=SETTINGS.threshold, help="least similarity of a match")
    diff.set_defaults(run=cmd_diff, input="")
    find = commands.add_parser("search", help="find records matching a Chinese query")
    find.add_argument("query")
    find.add_argument("builds", nargs="*", help="build folders (default: every folder under build/)")
    find.set_defaults(run=cmd_search, input="")
    explain = commands.add_parser("explain", help="show which cell each source line of a row went to")
    explain.add_argument("input")
    explain.add_argument("table", choices=TABLES)
    explain.add_argument("seq", type=int)
    explain.set_defaults(run=cmd_explain)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        where = f"{args.input}: " if args.input else ""
        print(f"qingdan: {where}{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
