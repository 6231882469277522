"""The PDF reader's geometry stages alone, on glyphs and rules made here: lines and their spaces,
bands between rules, header labels and a header sharing its band, column boundaries from rules or
from the white river between labels."""

import math

import pytest

from pipeline.core.lists import LayoutError
from pipeline.readers.pdf.bands import Band, distinct, horizontal_rules, page_bands
from pipeline.readers.pdf.columns import header_boundaries, river, vertical_boundaries
from pipeline.readers.pdf.headers import header_variant, label_groups, spell, split_header
from pipeline.readers.pdf.lines import group_lines, line_text
from pipeline.readers.pdf.load import Glyph, PdfPage, Rule
from pipeline.spec import BY_KEY

SIZE = 10.0


def glyphs(text: str, x: float, top: float, advance: float = SIZE) -> list[Glyph]:
    return [Glyph(ch, x + i * advance, x + i * advance + SIZE, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def test_line_text_keeps_printed_spaces_only_next_to_ascii():
    cjk = glyphs("乡政府", 0, 0, advance=14)  # justification gaps between CJK characters
    assert line_text(tuple(cjk), 0.25) == "乡政府"
    spaced = glyphs("ab", 0, 0) + [Glyph(" ", 20, 25, 0, 10, SIZE)] + glyphs("cd", 25, 0)
    assert line_text(tuple(spaced), 0.25) == "ab cd"
    apart = glyphs("ab", 0, 0) + glyphs("cd", 40, 0)  # ASCII words apart with no space glyph
    assert line_text(tuple(apart), 0.25) == "ab cd"


def test_group_lines_by_shared_middle_and_left_to_right():
    lines = group_lines(1, glyphs("第二行", 0, 30) + glyphs("第一行", 0, 0)[::-1])
    assert [line.text for line in lines] == ["第一行", "第二行"]
    assert (lines[0].x0, lines[0].x1, lines[0].top, lines[0].bottom) == (0, 30, 0, 10)


def test_horizontal_rules_span_the_table_and_merge_when_drawn_twice():
    page = PdfPage(
        1, 800.0, (), (Rule(True, 0, 600, 50, 50), Rule(True, 0, 600, 50.4, 50.4), Rule(True, 0, 100, 80, 80))
    )
    assert horizontal_rules(page) == [50]  # the short rule is no table rule
    assert distinct([3, 1, 1.5, 9], 1.0) == [1, 3, 9]


def test_page_bands_and_the_open_band_a_page_break_cut():
    rules = (Rule(True, 0, 600, 50, 50), Rule(True, 0, 600, 80, 80))
    page = PdfPage(
        1, 800.0, tuple(glyphs("一行", 10, 60) + glyphs("续行", 10, 90) + glyphs("第 1 页，共 2 页", 10, 700)), rules
    )
    bands = page_bands(page)
    assert [(b.top, b.open, "".join(g.text for g in b.glyphs)) for b in bands] == [
        (50, False, "一行"),
        (80, True, "续行"),
    ]


BASIC = BY_KEY["basic"]


def header_glyphs() -> list[Glyph]:
    # 事项类别 wrapped in its cell over two lines, as producers print narrow columns
    return glyphs("序号", 0, 0) + glyphs("事项", 60, 0) + glyphs("类别", 60, 12) + glyphs("事项名称", 160, 0)


def test_label_groups_and_a_header_variant():
    groups = label_groups(header_glyphs())
    assert [spell(group) for group in groups] == ["序号", "事项类别", "事项名称"]  # a wrapped label top to bottom
    assert header_variant(header_glyphs(), BASIC).labels == ("序号", "事项类别", "事项名称")
    # a list may print no category column; a header without its name column is not one
    assert header_variant(glyphs("序号", 0, 0) + glyphs("事项名称", 160, 0), BASIC).roles == ("seq", "name")
    assert header_variant(glyphs("序号", 0, 0) + glyphs("事项类别", 60, 0), BASIC) is None


def test_a_repeated_header_sharing_its_band_with_a_row_fragment():
    band = Band(2, 0, 100, header_glyphs() + glyphs("续上页的文字", 160, 40))
    header, body = split_header(band, BASIC)
    assert header_variant(header.glyphs, BASIC).labels == ("序号", "事项类别", "事项名称")
    assert "".join(g.text for g in body.glyphs) == "续上页的文字" and body.top == header.bottom
    plain = Band(2, 0, 100, glyphs("续上页的文字", 160, 40))
    assert split_header(plain, BASIC) == (None, plain)


def test_river_is_the_middle_of_the_widest_gap():
    body = glyphs("甲", 0, 0) + glyphs("乙", 30, 0) + glyphs("丙", 100, 0)
    assert river(10, 100, body) == 70  # 40..100 is wider than 10..30
    assert river(10, 30, body) == 20  # no glyph between: the middle


def test_header_boundaries_part_the_columns_between_labels():
    body = glyphs("12", 0, 40) + glyphs("党的建设", 60, 40) + glyphs("做好党建工作", 160, 40)
    edges = header_boundaries(header_glyphs(), header_variant(header_glyphs(), BASIC), body)
    assert edges[0] == -math.inf and edges[-1] == math.inf
    assert 20 < edges[1] < 60 and 100 < edges[2] < 160
    with pytest.raises(LayoutError):
        reordered = glyphs("序号", 0, 0) + glyphs("事项名称", 60, 0) + glyphs("事项类别", 160, 0)
        header_boundaries(header_glyphs(), header_variant(reordered, BASIC), body)


def test_vertical_rules_part_a_band_only_into_its_columns():
    rules = tuple(Rule(False, x, x, 0, 100) for x in (0, 50, 150, 400))
    page = PdfPage(1, 800.0, (), rules + (Rule(False, 500, 500, 0, 20),))  # a short rule outside
    band = Band(1, 10, 90, [])
    assert vertical_boundaries(page, band, 3) == [0, 50, 150, 400]
    assert vertical_boundaries(page, band, 4) is None


def test_text_in_a_row_but_in_no_column_is_kept_apart_never_dropped():
    """A band's glyphs past the table's outer edges (a table wider than the page it was printed on)
    come back as lines of their own, which the reader reports as unplaced text."""
    from pipeline.readers.pdf.rows import cell_lines

    band = Band(1, 0, 40, glyphs("做好工作", 110, 20) + glyphs("溢出", 420, 20))
    cells, outside = cell_lines(band, [100.0, 200.0, 400.0])
    assert ["".join(line.text for line in lines) for _, lines in sorted(cells.items())] == ["做好工作"]
    assert [line.text for line in outside] == ["溢出"]
