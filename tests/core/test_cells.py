"""How a cell's lines read: which breaks are the document's."""

from pipeline.core.cells import abrupt_ends, continue_cost, is_full, place_pieces, unexplained_breaks, wraps
from pipeline.core.text import text_width
from pipeline.model import Line, Piece, Row, RowBlock
from pipeline.settings import DEFAULT
from tests.helpers import make_pieces


def test_next_list_item_starts_a_line_even_after_a_full_one():
    pieces = make_pieces(
        ("2.对辖区内有用工需求的单位（个体、企业）进行登",),
        ("记，指导用工单位在中国新疆人才网统一发布岗位",),
        ("3.及时将招聘信息推送至辖区内未就业人员，并组织",),
        ("开展招聘活动。",),
    )
    placed = place_pieces(pieces, [0, 0, 0, 0], ("township_duties",), (23.0,))
    assert [cp.break_before for cp in placed] == [False, False, True, False]


def test_a_heading_line_starts_a_paragraph_even_after_a_full_line():
    pieces = make_pieces(
        ("做好辖区扬尘治理整改落实及执法相关工",),  # full: it wraps, yet the next line is a heading
        ("二、重污染天气应急应对",),
        ("根据应急预案要求，对预警期间辖区内",),
        ("阿合奇县公安局：",),
    )
    placed = place_pieces(pieces, [0, 0, 0, 0], ("township_duties",), (18.0,))
    assert [cp.break_before for cp in placed] == [False, True, True, True]


def test_what_only_continues_text_never_starts_a_paragraph():
    pieces = make_pieces(("负责统计",), ("、录入等工作。",), ("负责上报",), ("工作。",))
    placed = place_pieces(pieces, [0, 0, 0, 0], ("township_duties",), (18.0,))
    assert [cp.break_before for cp in placed] == [False, False, True, True]


def _row(*lines: tuple[str, ...], widths=(10.0,), role="township_duties") -> Row:
    pieces = make_pieces(*lines)
    placed = place_pieces(pieces, [0] * len(pieces), (role,), widths)
    block = RowBlock("cooperative", 1, tuple(dict.fromkeys(p.line for p in pieces)))
    return Row("cooperative", 1, {"category": "党的建设"}, (), placed, [], block)


def test_unexplained_breaks_and_abrupt_ends():
    fine = _row(("1.负责宣传工作；",), ("2.负责上报。",))
    assert unexplained_breaks(fine, {"township_duties": 10.0}) == []
    broken = _row(("负责宣传",), ("工作并上报。",))  # short, then more of the same sentence
    assert [(line.number, role) for line, role in unexplained_breaks(broken, {"township_duties": 10.0})] == [
        (2, "township_duties")
    ]
    cut = _row(("1.负责全乡宣传工作和",), ("2.负责上报。",))  # full, no stop, then a new item
    assert [(line.number, role) for line, role in abrupt_ends(cut, {"township_duties": 10.0})] == [
        (1, "township_duties")
    ]


def test_a_short_line_before_a_page_break_ends_its_paragraph_as_on_one_page():
    """A name ending short at a page's foot, then text of no new paragraph on the next page: a line
    of another row swapped in (found by make mutate: two rows' lines exchanged over a page break)."""
    pieces = make_pieces(("动物疫病预防",), ("与控制工作",))
    moved = [pieces[0], Piece(pieces[1].text, Line(2, 2, pieces[1].line.text), True, pieces[1].width)]
    placed = place_pieces(moved, [0, 0], ("name",), (10.0,))
    block = RowBlock("basic", 1, tuple(piece.line for piece in moved))
    row = Row("basic", 1, {"category": "乡村振兴"}, (), placed, [], block)
    assert [(line.number, role) for line, role in unexplained_breaks(row, {"name": 10.0})] == [(2, "name")]


def test_continue_cost_orders_the_reasons_to_go_on():
    full, short, item, more = make_pieces(("一二三四五六七八九十",), ("负责。",), ("2.上报。",), ("继续",))
    costs = DEFAULT.walk
    assert continue_cost(full, 10.0, 10.0, more) == 0.0  # a full line wrapped
    assert continue_cost(short, 3.0, 10.0, item) == costs.new_paragraph
    assert continue_cost(short, 3.0, 10.0, more) == costs.after_sentence
    assert is_full(8.5, 10.0) and not is_full(8.0, 10.0, slack=1.0)


def _measured(text: str, room: float, lead: float, number: int) -> Piece:
    return Piece(text, Line(number, 1, text), True, text_width(text), room, lead)


def test_where_the_geometry_is_known_a_line_wrapped_iff_the_next_unit_did_not_fit():
    full = _measured("对评定结论符合残疾标准的残疾人，由包户干部收集鉴定表、", 0.14, 1.0, 1)
    kinsoku = _measured("身份证复印件、户口本复印", 2.14, 2.0, 2)  # 件、 would have fitted: the text says wrap
    item = _measured("2.引导残疾人前往医院鉴定；", 12.0, 0.9, 3)
    end = _measured("1.由本人到村领取鉴定表；", 4.0, 1.0, 4)
    assert wraps(full, 0, 0, kinsoku)  # no room left
    assert wraps(
        kinsoku, 0, 0, _measured("件、2张两寸近期白底免冠彩照", 0, 2.0, 5)
    )  # mid-sentence: never a paragraph end
    assert not wraps(end, 0, 0, item)  # a sentence ended short, an item follows
    placed = place_pieces([end, item], [0, 0], ("township_duties",), (20.0,))
    assert [cp.break_before for cp in placed] == [False, True]
