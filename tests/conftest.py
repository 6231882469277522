import pytest
from hypothesis import settings

from pipeline.extract import extract
from tests.helpers import SEED

# Property tests draw the same examples on every machine and every run (CI must not flake), and
# keep no example database between runs; `--hypothesis-seed N` draws other examples on purpose.
settings.register_profile("pinned", derandomize=True, database=None, deadline=None)
settings.register_profile("seeded", derandomize=False, database=None, deadline=None)


def pytest_configure(config):
    seeded = config.getoption("hypothesis_seed", default=None) is not None
    settings.load_profile("seeded" if seeded else "pinned")


@pytest.fixture(scope="session")
def seed_extraction():
    return extract(SEED)


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """A build folder of the seed, for tests that read one (never write into it)."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("seed-build") / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    return out
