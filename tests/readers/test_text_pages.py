"""The text reader's pages: page marks and footers, and a document with fewer pages than its footers say."""

from pipeline.model import SourceText
from pipeline.readers.text.pages import paginate
from tests.helpers import build_edited


def test_paginate_counts_marks_and_footers():
    raw = (" 说 明", "正文", "第 1 页，共 3 页", "", "序号", " 对应上级部", " 上级部门职责", "正文", " 下一页")
    paged = paginate(SourceText("x", "0" * 64, "utf-8", raw))
    assert [line.page for line in paged.lines] == [1, 1, 1, 1, 2, 3, 3, 3, 4]
    assert paged.footers == ((3, 1, 3),)


def test_document_with_fewer_pages_than_its_footers_say(tmp_path, capsys, seed_lines):
    lines = [line.replace("共 69 页", "共 90 页") for line in seed_lines]
    status, _, checks = build_edited(tmp_path, capsys, lines)
    assert status == 1
    assert checks["pages"]["status"] == "fail"
