"""The text reader's furniture: repeated headers recognised whole or in part, only where a page begins."""

from pipeline.model import Line
from pipeline.readers.text.furniture import header_run_length, split_repeated_headers
from tests.helpers import text_lines

HEADER = "序号事项类别事项名称对应上级部门上级部门职责乡配合职责"


def test_header_run_full_partial_and_not_a_header():
    full = text_lines(
        "序号", "事项", "类别", "", "事项", "名称", "对应上级部", "门", "上级部门职责 乡配合职责", "1 党的建设"
    )
    assert header_run_length(full, 0, HEADER) == 9
    partial = text_lines("对应上级部", "上级部门职责 乡配合职责", "七、土壤污染防治")
    assert header_run_length(partial, 0, HEADER) == 2
    # a row fragment at a page top that happens to look like header words is body text
    body = text_lines("部", "", "阿合奇县委组织部：")
    assert header_run_length(body, 0, HEADER) == 0


def test_repeated_header_removed_only_at_page_top():
    lines = [Line(1, 1, "1 党的建设 事项名称"), Line(2, 2, "序号 事项类别 事项名称"), Line(3, 2, "2 党的建设 x")]
    kept, removed = split_repeated_headers(lines, {2}, ("序号", "事项类别", "事项名称"))
    assert [line.number for line in kept] == [1, 3]
    assert [line.number for line in removed] == [2]
