from pathlib import Path

import pytest

from pipeline.build import extract

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "000_0308d53cfc65b0ad.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def seed_extraction():
    return extract(SEED)


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")
