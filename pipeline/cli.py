"""Command line: python -m pipeline build INPUT [--out DIR] | check INPUT [--strict] | explain INPUT TABLE SEQ."""

from __future__ import annotations

import argparse
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .build import extract
from .emit import write_build
from .explain import explain_row
from .model import InputError
from .report import render_report
from .schema import TABLES

EXIT_OK, EXIT_FAILED_CHECK, EXIT_BAD_INPUT = 0, 1, 2


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
    path = Path(args.input)
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
    build.add_argument("input", help="published text of one edition")
    build.add_argument("--out", help="output folder (default build/<input stem>/)")
    build.set_defaults(run=cmd_build)
    check = commands.add_parser("check", help="build into a temporary folder and print the fidelity report")
    check.add_argument("input", help="published text or PDF of one edition")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit status 1)")
    check.set_defaults(run=cmd_check)
    explain = commands.add_parser("explain", help="show which cell each source line of a row went to")
    explain.add_argument("input")
    explain.add_argument("table", choices=TABLES)
    explain.add_argument("seq", type=int)
    explain.set_defaults(run=cmd_explain)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"qingdan: {args.input}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
