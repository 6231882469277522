"""search on the seed edition. The expected rows were found by reading the source: every duty about 草原
(grassland — not rows that merely name 林业和草原局) and about 河（湖）长制 (printed so in basic 77, and as 河长制
in cooperative 76's 水利局 duties)."""

from pipeline.cli import main
from pipeline.editions.search import search
from tests.helpers import SEED


def _found(seed_extraction, query):
    return sorted((hit.list, hit.seq) for hit in search(seed_extraction.edition.records, query))


def test_search_grassland(seed_extraction):
    assert _found(seed_extraction, "草原") == [
        ("basic", 71),
        ("basic", 72),
        ("basic", 73),
        ("cooperative", 60),
        ("cooperative", 110),
        ("withdrawn", 25),
    ]


def test_search_river_chief_system(seed_extraction):
    assert _found(seed_extraction, "河（湖）长制") == [("basic", 77), ("cooperative", 76)]


def test_search_command(tmp_path, capsys):
    out = tmp_path / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["search", "草原确权", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1:3] == ["cooperative", "60"]
