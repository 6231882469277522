"""Words, keywords and search on the seed edition. The expected rows were found by reading the
source: every duty about 草原 (grassland — not rows that merely name 林业和草原局) and about
河（湖）长制 (printed so in basic 77, and as 河长制 in cooperative 76's 水利局 duties)."""

from pipeline.cli import main
from pipeline.editions.search import search
from pipeline.core.terms import words


def test_domain_words_stay_whole():
    assert "河长制" in words("负责切实落实河长制工作")
    assert "一卡通" in words("落实惠民惠农财政补贴资金“一卡通”发放政策")
    cut = words("阿合奇县自然资源局（林业和草原局）：对草原保护")
    assert "林业和草原局" in cut and cut.count("草原") == 1


def test_keywords_are_the_records_own_words(seed_extraction):
    for rows in seed_extraction.edition.records.values():
        for record in rows:
            text = "".join(record.get(f, "") for f in ("name", "upstream_duties", "township_duties", "handler"))
            assert 0 < len(record["keywords"]) <= 5
            assert all(k in text for k in record["keywords"]), record["seq"]
            assert "阿合奇县" not in record["keywords"] and "哈拉奇乡" not in record["keywords"]


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
    from .conftest import SEED

    out = tmp_path / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["search", "草原确权", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1:3] == ["cooperative", "60"]
