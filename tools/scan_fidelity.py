"""How faithful scans are, fixture by fixture: each PDF fixture scanned (tools/make_scans.py), the scan
built, and every cell compared with the same fixture's build from its text layer — cells exact,
flagged (read below ScanSettings.low_confidence), wrong but not flagged, and the surest wrong cell's
confidence. It is how ScanSettings.low_confidence was measured (README, "Scans"). A few minutes a
fixture on two cores.

Run: .venv/bin/python tools/scan_fidelity.py [--dpi 200] [FIXTURE.pdf ...]   (default: every PDF fixture)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import scan_fidelity  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from tools.make_scans import ScannerSettings, write_scan  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def fidelity(pdf: Path, dpi: int, folder: Path) -> tuple[int, int, int, int, float | None]:
    """bench.scan_fidelity of the fixture's scan against its build from the text layer."""
    truth = extract(pdf).edition.records
    scan = extract(write_scan(pdf, folder / f"{pdf.stem}.pdf", ScannerSettings(dpi=dpi))).edition.records
    return scan_fidelity(truth, scan)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("fixtures", nargs="*", type=Path)
    args = parser.parse_args(argv)
    fixtures = args.fixtures or sorted(FIXTURES.glob("*.pdf")) + sorted((FIXTURES / "print").glob("*.pdf"))
    print(f"| scan ({args.dpi} dpi) | cells exact | flagged | wrong, not flagged | surest wrong cell |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in fixtures:
            cells, exact, flagged, silent, surest = fidelity(pdf, args.dpi, Path(tmp))
            wrong = cells - exact
            surest_text = "—" if surest is None else f"{surest:.3f}"
            share = f"{exact}/{cells} ({exact / cells:.1%})"
            print(f"| {pdf.stem} | {share} | {flagged} | {silent} of {wrong} | {surest_text} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
