"""Words and keywords. The expected words were found by reading the source."""

import pytest

from pipeline.core.dictionary import Dictionary
from pipeline.core.terms import Lexicon, _vocabulary, searchable_text, words
from tests.helpers import GOLDEN_RECORDS


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


# ---------------------------------------------------------------- the dictionary, loaded as a text needs it


@pytest.fixture(scope="module")
def full_jieba():
    """jieba as it comes, its whole dictionary loaded, with the lists' vocabulary added the same way."""
    import jieba
    import jieba.analyse

    tokenizer = jieba.Tokenizer()
    for word, freq, tag in _vocabulary():
        tokenizer.add_word(word, freq, tag)
    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = tokenizer
    return tokenizer, extractor


def _texts() -> list[str]:
    records = [r for rows in GOLDEN_RECORDS.values() for r in rows]
    return [searchable_text(r) for r in records] + ["河（湖）长制 林业和草原局 草原“一卡通”APP运用 2025年"]


def test_every_cut_and_keyword_is_jiebas(full_jieba, tmp_path):
    tokenizer, extractor = full_jieba
    lexicon = Lexicon(tmp_path)  # a cache made anew here
    for text in _texts():
        assert lexicon.cut(text) == tokenizer.lcut(text)
        assert lexicon.tags(text, 8) == extractor.extract_tags(text, topK=8)
    assert len(lexicon.tokenizer.FREQ) < len(tokenizer.FREQ) / 4  # what the seed needs of the dictionary
    run = "甲" * 1200  # cut in runs of 500 characters at most (jieba's graph of one run grows fast)
    assert "".join(lexicon.cut(run)) == run and max(map(len, lexicon.cut(run))) <= 500


def test_the_dictionary_cache_is_remade_when_damaged_and_read_from_memory_when_unwritable(tmp_path):
    Dictionary(tmp_path)
    (cache,) = tmp_path.glob("qingdan-jieba-*.cache")
    whole = cache.read_bytes()
    for damaged in (b"not a cache", whole[: len(whole) // 2]):  # another file; one cut short
        cache.write_bytes(damaged)
        assert Dictionary(tmp_path).total > 0 and cache.read_bytes() == whole
    cache.chmod(0o666)  # a file anyone could have written is not trusted: made anew
    assert Dictionary(tmp_path).total > 0 and not cache.stat().st_mode & 0o022
    not_a_folder = tmp_path / "a-file"  # nothing can be written under it, not even by root
    not_a_folder.write_text("")
    assert Dictionary(not_a_folder).total == Dictionary(tmp_path).total
