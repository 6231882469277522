"""Words and keywords. The expected words were found by reading the source."""

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
