"""Command line: build, check, explain, diff and search (see README.md).

Whatever goes wrong reaches the terminal as one line on stderr and a documented exit status
(model.Exit); a traceback only with QINGDAN_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import regex

from .model import EXIT_BY_STATUS, Exit, InputError, Status
from .settings import DEFAULT, PDF_ENGINES, Settings
from .spec import KEYS

MAX_QUERY = 200  # characters of a search query


def qingdan_version() -> str:
    try:
        return version("qingdan")
    except PackageNotFoundError:
        return "0+unknown"


_UNPRINTABLE = regex.compile(r"[\p{Cc}--[\n\t]]", flags=regex.V1)


def safe(text: str) -> str:
    """Text for a terminal: control characters (a file name, a damaged input) shown escaped."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def say(text: str = "", end: str = "\n") -> None:
    sys.stdout.write(safe(text) + end)


def complain(text: str) -> None:
    sys.stderr.write(safe(text) + "\n")


def _print_checks(edition) -> None:
    for check in edition.checks:
        say(f"[{check.status:4}] {check.name}: {check.message}")
        for detail in check.details:
            say(f"         - {detail}")


def _failure_line(path: Path, edition) -> str | None:
    """One line on stderr naming what failed and where (the first detail of each failed check)."""
    failed = [c for c in edition.checks if c.status == Status.FAIL]
    if not failed:
        return None
    parts = [f"{c.name} ({c.details[0] if c.details else c.message})" for c in failed]
    return f"qingdan: {path}: failed checks: " + "; ".join(parts)


def _exit_status(edition) -> int:
    return EXIT_BY_STATUS[edition.status]


def cmd_build(args) -> int:
    """One file: its build folder is --out (default build/<stem>). A folder or several files: --out
    is the root (default build/) of a folder per edition and of _all/, however many files."""
    from .editions.batch import expand_inputs

    paths = expand_inputs(args.inputs)
    if len(args.inputs) > 1 or Path(args.inputs[0]).is_dir():
        return build_batch(args, paths)
    from .extract import extract
    from .outputs.writer import write_build

    path = paths[0]
    args.input = str(path)
    edition = extract(path, args.jobs, settings_of(args), progress=_pages_done).edition
    out_dir = Path(args.out) if args.out else Path("build") / path.stem
    write_build(edition, out_dir, qingdan_version(), path)
    _report_one(path, edition)
    say(f"wrote {out_dir}/ ({edition.status})")
    return _exit_status(edition)


def _pages_done(done: int, pages: int) -> None:
    """A scan's progress, page by page, on a terminal (a log gets the result only)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\rOCR: page {done} of {pages}" + ("\n" if done == pages else ""))
        sys.stderr.flush()


def _report_one(path: Path, edition) -> None:
    counts = ", ".join(f"{k} {edition.extracted[k]['count']}" for k in KEYS)
    place = f"{edition.township or '?'} ({edition.county or '?'})"
    say(f"{path.name}: {place} — {counts}; total {edition.extracted['total']}")
    _print_checks(edition)
    if line := _failure_line(path, edition):
        complain(line)


def build_batch(args, paths: list[Path]) -> int:
    """Many editions: a process pool (or Dask), a progress bar, a summary, the combined lists."""
    from .editions.batch import build_many, combine, summary_table

    if not paths:
        raise InputError(f"no input files in {' '.join(args.inputs)}")
    root = Path(args.out) if args.out else Path("build")
    if root.exists() and not root.is_dir():
        raise InputError(f"--out {root}: is a file, not a folder for the builds")
    start = time.perf_counter()
    results = build_many(
        paths, root, qingdan_version(), args.jobs, args.engine, args.scheduler, settings=settings_of(args)
    )
    combined = combine(results, root, qingdan_version())
    say(summary_table(results))
    worst = max(r.exit_code for r in results)
    seconds = time.perf_counter() - start
    say(f"{len(results)} files in {seconds:.1f} s; combined lists in {combined}/; exit status {worst}")
    for r in results:
        if r.status == Status.ERROR:
            complain(f"qingdan: {r.input}: {r.error}")
    return worst


def cmd_check(args) -> int:
    """Build into a temporary folder and print the report: a CI job gates on the exit status.
    With --baseline, the findings that file accepted do not count; anything else fails."""
    from .core.baseline import load_baseline, new_findings, write_baseline
    from .extract import extract
    from .outputs.report import render_report
    from .outputs.writer import write_build

    path = Path(args.input)
    accepted = load_baseline(Path(args.baseline)) if args.baseline else None
    edition = extract(path, settings=settings_of(args)).edition
    with tempfile.TemporaryDirectory() as tmp:
        write_build(edition, Path(tmp) / "build", qingdan_version(), path)
    say(render_report(edition, args.strict), end="")
    if args.write_baseline:
        write_baseline(edition, Path(args.write_baseline))
        count = sum(len(c.findings) for c in edition.checks)
        complain(f"qingdan: wrote the baseline {args.write_baseline} ({count} findings)")
    if accepted is not None:
        new = new_findings(edition, accepted)
        for name, finding in new:
            complain(f"qingdan: {path}: new finding: {name} [{finding.status}] {finding.detail()}")
        if new:
            complain(f"qingdan: {path}: {len(new)} findings the baseline {args.baseline} does not hold")
        return Exit.FAILED_CHECK if new else Exit.OK
    if line := _failure_line(path, edition):
        complain(line)
    failed = edition.status == Status.FAIL or (args.strict and edition.status == Status.WARN)
    return Exit.FAILED_CHECK if failed else Exit.OK


def _load_side(label: str, path: Path):
    """One side of a diff, naming the side in an error, and warning when its build failed its checks."""
    from .editions import load_edition

    try:
        edition = load_edition(path)
    except InputError as exc:
        raise InputError(f"{label} {path}: {exc}") from None
    if edition.status == Status.FAIL:
        failed = ", ".join(edition.failed)
        complain(f"qingdan: warning: {label} {path} failed its checks ({failed}): its records may be wrong")
    return edition


def cmd_diff(args) -> int:
    """What changed between two editions; exit 3 when anything did, so CI notices a new edition."""
    from .editions.diff import diff_editions, render_diff
    from .settings import DiffSettings

    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: is a file, not a folder for diff.md and diff.json")
    settings = DiffSettings(threshold=args.threshold)
    old, new = _load_side("old", Path(args.old)), _load_side("new", Path(args.new))
    result = diff_editions(old, new, settings)
    report = render_diff(result, args.layout)
    if args.html:
        from .editions.diff_html import render_diff_html

        _write_whole(Path(args.html), render_diff_html(result, old, new).encode("utf-8"))
    say(report, end="")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / "diff.md").write_text(report, encoding="utf-8")
            text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
            (out / "diff.json").write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"--out {out}: cannot write there ({exc.strerror})") from None
    return Exit.CHANGES if result["changed"] else Exit.OK


def cmd_search(args) -> int:
    from .editions import load_edition
    from .editions.search import search

    builds = [Path(b) for b in args.builds] or sorted(p.parent for p in Path("build").glob("*/edition.json"))
    if not builds:
        raise InputError("no build folders to search (run make build first, or name them)")
    found = 0
    for build in builds:
        edition = load_edition(build)
        for hit in search(edition.records, args.query):
            found += 1
            say(f"{edition.label}\t{hit.list}\t{hit.seq}\t{hit.score:.2f}\t{hit.name}\t{hit.snippet}")
    if not found:
        complain(f"no record matches {args.query!r}")
    return Exit.OK


def cmd_explain(args) -> int:
    from .editions.explain import explain_record, explain_row

    path = Path(args.input)
    if path.is_dir():
        from .editions import load_edition

        if args.png:
            raise InputError("--png draws the PDF's pages: name the PDF, not a build folder")
        say(explain_record(load_edition(path), args.table, args.seq))
        return Exit.OK
    from .extract import extract

    extraction = extract(path, settings=settings_of(args))
    if args.png:
        from .editions.explain import row_png

        _write_whole(Path(args.png), row_png(extraction, args.table, args.seq, path))
        say(f"wrote {args.png}")
        return Exit.OK
    say(explain_row(extraction, args.table, args.seq))
    return Exit.OK


def _write_whole(target: Path, data: bytes) -> None:
    """A file written beside its place and renamed into it: never half-written."""
    if target.is_dir():
        raise InputError(f"{target}: is a folder, not a file to write")
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent or ".", prefix=f".{target.name}.", delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        temporary.chmod(0o666 & ~mask)  # as any file the user writes, not a temporary file's 0600
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write there ({exc.strerror})") from None


def settings_of(args) -> Settings:
    """The settings a command runs with: the defaults, and the PDF engine asked for."""
    return replace(DEFAULT, pdf=replace(DEFAULT.pdf, engine=args.pdf_engine))


def _engine_option(command) -> None:
    command.add_argument(
        "--pdf-engine",
        choices=PDF_ENGINES,
        default=DEFAULT.pdf.engine,
        help="what reads a PDF's glyphs and rules: pdfium (fast, the default) or pdfplumber (the reference)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be a number above 0 and at most 1, not {text!r}")
    return value


def _query(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: say what to search for")
    if len(text) > MAX_QUERY:
        raise argparse.ArgumentTypeError(f"is {len(text)} characters long; at most {MAX_QUERY}")
    return text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        complain(f"qingdan: {message} (see qingdan {self.prog.split()[-1]} --help)")
        raise SystemExit(Exit.BAD_INPUT)


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="qingdan", description="Rebuild 履职事项清单 tables from their published text or PDF.")
    top.add_argument("--version", action="version", version=f"qingdan {qingdan_version()}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="extract editions into build folders")
    build.add_argument("inputs", nargs="+", help="published text or PDF; several, or a folder, build them all")
    build.add_argument(
        "--out",
        help="the build folder of one file (default build/<stem>/); of a folder or several files, their root (build/)",
    )
    build.add_argument(
        "--jobs",
        type=_positive,
        help="processes or Dask workers for many inputs, or for a scan's pages (default: the cores)",
    )
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="run many inputs here or on Dask")
    build.add_argument("--scheduler", help="with --engine dask: a scheduler address (default: a local cluster)")
    _engine_option(build)
    build.set_defaults(run=cmd_build, input="")
    check = commands.add_parser("check", help="build into a temporary folder and print the fidelity report")
    check.add_argument("input", help="published text or PDF of one edition")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit status 1)")
    check.add_argument("--baseline", metavar="FILE", help="findings accepted before: exit 1 on anything else")
    check.add_argument("--write-baseline", metavar="FILE", help="save this build's findings as the baseline")
    _engine_option(check)
    check.set_defaults(run=cmd_check)
    diff = commands.add_parser("diff", help="what changed between two editions (build folders or inputs)")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--out", help="also write diff.md and diff.json into this folder")
    diff.add_argument("--layout", action="store_true", help="also list items that differ only in layout")
    diff.add_argument("--html", metavar="FILE", help="also write both editions side by side, changed words marked")
    diff.add_argument("--threshold", type=_share, default=0.5, help="least similarity (0..1] of a match (0.5)")
    diff.set_defaults(run=cmd_diff, input="")
    find = commands.add_parser("search", help="find records matching a Chinese query")
    find.add_argument("query", type=_query)
    find.add_argument("builds", nargs="*", help="build folders (default: every folder under build/)")
    find.set_defaults(run=cmd_search, input="")
    explain = commands.add_parser("explain", help="show which cell each source line of a row went to")
    explain.add_argument("input", help="published text or PDF, or a build folder")
    explain.add_argument("table", choices=KEYS)
    explain.add_argument("seq", type=_positive)
    explain.add_argument("--png", metavar="FILE", help="draw the row's pages, its cells outlined and named (PDF)")
    _engine_option(explain)
    explain.set_defaults(run=cmd_explain)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return status
    except InputError as exc:
        where = f"{args.input}: " if args.input else ""
        complain(f"qingdan: {where}{exc}")
        return Exit.BAD_INPUT
    except KeyboardInterrupt:
        complain("qingdan: interrupted; the previous build, if any, is as it was")
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # the reader went away (| head): say nothing more, and let nothing flush into the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.BROKEN_PIPE
    except Exception as exc:
        if os.environ.get("QINGDAN_DEBUG"):
            raise
        complain(f"qingdan: internal error: {type(exc).__name__}: {exc} (a bug: please report it with the input)")
        return Exit.INTERNAL
