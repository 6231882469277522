"""Every check alone, on small records and tables made here: what passes, what warns, what fails."""

from pipeline.core.cells import place_pieces
from pipeline.core.template import read_template
from pipeline.core.text import text_width
from pipeline.core.validate import (
    check_categories,
    check_cell_ends,
    check_conservation,
    check_counts,
    check_ending,
    check_layout,
    check_mandatory,
    check_marks,
    check_numbering,
    check_pages,
    check_placed,
    check_reading,
    check_repeats,
    check_sections,
    check_sequence,
    check_stray,
    check_unplaced,
    check_wraps,
    closed,
    numbering_issues,
    unpaired_marks,
)
from pipeline.model import (
    AssignedTable,
    ColumnWidths,
    Finding,
    Line,
    PagedText,
    Piece,
    Row,
    RowBlock,
    Section,
    Sections,
    SourceText,
    Status,
    TableRows,
    Template,
)
from pipeline.spec import BY_KEY, KEYS, Kind
from tests.helpers import SEED, build_edited

# ---------------------------------------------------------------- makers


# The seed's labels: the template the records and tables made here print.
SEED_LABELS = {
    "basic": ("序号", "事项类别", "事项名称"),
    "cooperative": ("序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"),
    "withdrawn": ("序号", "事项类别", "事项名称", "承接部门及工作方式"),
}


def seed_template(key: str) -> Template:
    return read_template(BY_KEY[key], [(label,) for label in SEED_LABELS[key]])


def record(key: str, seq: int, **cells) -> dict:
    """A record of list `key` in the seed's template with every cell filled unless given; the fields
    the template does not print are None."""
    printed = seed_template(key).roles
    out = {"seq": seq, "category": "党的建设", "name": "做好党建工作", "extra": {}}
    for column in BY_KEY[key].columns:
        if column.field in printed and column.field not in out:
            out[column.field] = ["县委组织部"] if column.kind == Kind.ORGS else "1.负责指导。"
    for derived in BY_KEY[key].derived:
        out[derived.field] = []
    out = {field: out.get(field) for field in BY_KEY[key].fields} | cells
    out["keywords"] = []
    out["source"] = {"pages": [1], "first_line": seq, "last_line": seq, "boxes": None, "section_rows": None}
    return out


def lists(**rows) -> dict[str, list[dict]]:
    return {key: list(rows.get(key, [])) for key in KEYS}


def stated(total=None, **lists_) -> dict:
    out = {"total": total}
    for key in KEYS:
        count, names = lists_.get(key, (None, []))
        out[key] = {"count": count, "category_names": names, "category_count": len(names) or None}
        out[key]["department_count"] = None
    return out


def table(key: str, rows: list[list[tuple[str, str]]], widths: dict[str, float], seqs=None, stray=()) -> AssignedTable:
    """Rows given as (cell, line text) in print order, one line each; numbered from line 1."""
    number = 0
    section = Section(key, Line(0, 1, BY_KEY[key].title), seed_template(key), (), ())
    assigned, blocks = [], []
    for index, cells in enumerate(rows):
        seq = seqs[index] if seqs else index + 1
        number += 1
        lines = [Line(number, 1, f"{seq} 党的建设")]
        pieces, columns = [], []
        roles = tuple(widths)
        for role, text in cells:
            number += 1
            line = Line(number, 1, text)
            lines.append(line)
            pieces.append(Piece(text, line, True, text_width(text)))
            columns.append(roles.index(role))
        block = RowBlock(key, seq, tuple(lines))
        blocks.append(block)
        placed = place_pieces(pieces, columns, roles, tuple(widths.values()))
        strays = [Piece(mark, lines[-1], False, 1.0) for mark in stray]
        assigned.append(Row(key, seq, {"category": "党的建设"}, (), placed, strays, block))
    return AssignedTable(TableRows(section, tuple(blocks), ()), ColumnWidths(widths), tuple(assigned))


def texts(check) -> list[str]:
    return [f.text for f in check.findings]


# ---------------------------------------------------------------- counts, sequence, categories, cells


def test_counts_against_the_preface():
    records = lists(basic=[record("basic", 1), record("basic", 2)])
    assert check_counts(records, stated(2, basic=(2, []), cooperative=(0, []), withdrawn=(0, []))).status == "pass"
    short = check_counts(records, stated(3, basic=(3, []), cooperative=(0, []), withdrawn=(0, [])))
    assert short.status == "fail" and texts(short)[:2] == ["extracted 2, preface states 3"] * 2
    silent = check_counts(records, stated(2, cooperative=(0, []), withdrawn=(0, [])))
    assert silent.status == "warn" and silent.findings[0].list == "basic"


def test_sequence_numbers_run_one_to_n():
    good = {"basic": table("basic", [[("name", "甲")], [("name", "乙")]], {"name": 9.0})}
    assert check_sequence(good).status == "pass"
    gap = {"basic": table("basic", [[("name", "甲")], [("name", "乙")]], {"name": 9.0}, seqs=[1, 3])}
    assert check_sequence(gap).status == "fail" and texts(check_sequence(gap)) == ["sequence numbers are not 1..2"]


def test_categories_against_the_preface_names():
    records = lists(basic=[record("basic", 1), record("basic", 2, category="人民武装")])
    check = check_categories(records, stated(basic=(2, ["党的建设"])))
    assert check.status == "warn"
    assert [(f.row, f.text) for f in check.findings if f.row] == [
        (2, "category '人民武装' is not among the preface's names")
    ]
    assert check_categories({"basic": [record("basic", 1)]}, stated(basic=(1, ["党的建设"]))).status == "pass"


def test_mandatory_cells():
    assert check_mandatory(lists(cooperative=[record("cooperative", 1)])).status == "pass"
    empty = check_mandatory(lists(cooperative=[record("cooperative", 1, township_duties="", departments=[])]))
    assert empty.status == "fail" and texts(empty) == ["empty departments", "empty township_duties"]


def test_rows_no_walk_explains():
    t = table("basic", [[("name", "甲")]], {"name": 9.0})
    assert check_placed({"basic": t}).status == "pass"
    refused = AssignedTable(t.rows, t.widths, (Row("basic", 1, {}, (), [], [], t.rows.rows[0], float("inf")),))
    assert check_placed({"basic": refused}).status == "fail"


# ---------------------------------------------------------------- how cells read


WIDTHS = {"name": 9.0, "departments": 7.0, "upstream_duties": 10.0, "township_duties": 10.0}


def _coop(*cells: tuple[str, str]) -> dict:
    return {"cooperative": table("cooperative", [list(cells)], WIDTHS)}


def test_wraps_a_cell_going_on_after_a_short_line():
    fine = _coop(
        ("name", "做好工作"),
        ("departments", "县委组织部"),
        ("upstream_duties", "县委组织部："),
        ("upstream_duties", "1.负责指导工作；"),
        ("upstream_duties", "2.负责考核。"),
        ("township_duties", "配合。"),
    )
    assert check_wraps(fine, "text").status == "pass"
    short = _coop(
        ("name", "做好"),
        ("name", "工作"),
        ("departments", "县委组织部"),
        ("upstream_duties", "负责。"),
        ("township_duties", "配合"),
        ("township_duties", "工作。"),
    )
    check = check_wraps(short, "text")
    assert check.status == "fail"  # two short lines go on in one row: its split cannot be trusted
    assert {f.where for f in check.findings} == {"line 3", "line 7"}


def test_wraps_a_paragraph_ending_mid_sentence_on_a_full_line():
    cut = _coop(
        ("name", "做好工作"),
        ("departments", "县委组织部"),
        ("upstream_duties", "1.负责指导全乡党建工"),
        ("upstream_duties", "2.负责考核。"),
        ("township_duties", "配合。"),
    )
    check = check_wraps(cut, "text")
    assert check.status == "warn" and "ends mid-sentence on a full line" in texts(check)[0]


def test_numbering_counts_from_each_heading():
    assert numbering_issues("县甲局：\n1.甲；\n2.乙。\n县乙局：\n1.丙。", []) == []
    assert numbering_issues("1.甲；\n3.乙。", []) == [("skip", "3.乙。")]
    assert numbering_issues("1.甲；\n1.乙。", []) == [("restart", "1.乙。")]
    assert numbering_issues("一、甲\n1.乙。\n三、丙\n1.丁。", []) == [("section skip", "三、丙")]
    records = lists(cooperative=[record("cooperative", 1, township_duties="1.甲；\n1.乙。")])
    assert check_numbering(records).status == "fail"


def test_conservation_every_character_in_one_cell():
    t = table("basic", [[("name", "做好党建工作")]], {"name": 9.0})
    kept = lists(basic=[record("basic", 1)])
    assert check_conservation({"basic": t}, kept).status == "pass"
    lost = lists(basic=[record("basic", 1, name="做好工作")])
    check = check_conservation({"basic": t}, lost)
    assert check.status == "fail" and texts(check) == ["lost '党建', doubled ''"]


def test_layout_and_unplaced_text():
    title = Line(1, 1, "基本履职事项清单")
    good = Section("basic", title, seed_template("basic"), (), ())
    bad = Section("cooperative", title, None, (), (), problem="the header is not a known layout")
    loose = Section(
        "withdrawn", title, seed_template("withdrawn"), (), (), unplaced=(Line(9, 3, "附注：本表由乡政府编制"),)
    )
    sections = Sections(PagedText(SourceText("x", "0" * 64, "utf-8", ()), (), (), ()), good, (good, bad, loose))
    assert check_layout(sections).status == "fail" and texts(check_layout(sections)) == [
        "the header is not a known layout"
    ]
    unplaced = check_unplaced(sections, "pdf")
    assert unplaced.status == "fail" and unplaced.findings[0].where == "page 3"
    assert check_unplaced(sections, "text").findings[0].where == "line 9"


def test_stray_marks_and_repeated_lines():
    marked = table("basic", [[("name", "做好")]], {"name": 2.0}, stray=("“",))
    assert check_stray({"basic": marked}, "text").status == "warn"
    t = table("basic", [[("name", "做好"), ("name", "做好")]], {"name": 2.0})
    repeats = check_repeats({"basic": t}, "text")
    assert repeats.status == "warn" and repeats.findings[0].where == "line 3"
    assert check_repeats({"basic": table("basic", [[("name", "做好")]], {"name": 2.0})}, "pdf").status == "pass"


def test_pages_against_the_footers():
    lines = (Line(1, 1, "甲"), Line(2, 1, "第 1 页，共 2 页"), Line(3, 2, "乙"), Line(4, 2, "第 2 页，共 2 页"))
    source = SourceText("x", "0" * 64, "utf-8", tuple(line.text for line in lines))
    assert check_pages(PagedText(source, lines, (1, 3), ((2, 1, 2), (4, 2, 2)))).status == "pass"
    cut = PagedText(source, lines[:2], (1,), ((2, 1, 2),))
    assert check_pages(cut).status == "fail"


def test_the_last_cell_must_end():
    sections = Sections(
        None, None, (Section("withdrawn", Line(1, 1, "上级部门收回事项清单"), seed_template("withdrawn"), (), ()),)
    )
    ended = {"withdrawn": table("withdrawn", [[("name", "对违法行为的处罚"), ("handler", "县局：负责处罚。")]],
                                {"name": 19.0, "handler": 9.0})}  # fmt: skip
    assert check_ending(sections, ended, "text").status == "pass"
    cut = {"withdrawn": table("withdrawn", [[("name", "对违法行为的处罚"), ("handler", "县局：负责对违法行")]],
                              {"name": 19.0, "handler": 9.0})}  # fmt: skip
    assert check_ending(sections, cut, "text").status == "fail"


def test_cell_ends_against_the_columns_habit():
    rows = [record("withdrawn", i, handler="县局：负责处罚。") for i in range(1, 12)]
    assert closed("负责处罚。") and closed("（见附件。）") and not closed("负责处罚；")
    assert check_cell_ends(lists(withdrawn=rows)).status == "pass"
    rows[4] = record("withdrawn", 5, handler="县局：负责处罚；")
    rows[6] = record("withdrawn", 7, name="对违法行为的处罚。")
    check = check_cell_ends(lists(withdrawn=rows))
    assert [(f.row, f.text) for f in check.findings] == [
        (7, "name ends like a sentence: '对违法行为的处罚。'"),
        (5, "handler ends mid-sentence: '县局：负责处罚；'"),
    ]
    assert check_cell_ends(lists(withdrawn=rows[:5])).status == "pass"  # too few cells to show a habit


def test_marks_pair_up_in_a_cell():
    assert unpaired_marks("落实“五个好”（标准）") == []
    assert unpaired_marks("问题瓶”“问题阀") == ["” before its “"]
    assert unpaired_marks("（林业和草原局") == ["（ without its ）"]
    records = lists(cooperative=[record("cooperative", 1, upstream_duties="负责；。")])
    assert texts(check_marks(records)) == ["upstream_duties: '；。' twice"]


def test_sections_of_the_two_duty_cells():
    same = record("cooperative", 1, upstream_duties="一、甲\n1.负责。", township_duties="一、甲：\n1.配合。")
    assert check_sections(lists(cooperative=[same])).status == "pass"
    moved = record("cooperative", 2, upstream_duties="一、甲\n1.负责。", township_duties="一、乙\n1.配合。")
    assert texts(check_sections(lists(cooperative=[moved]))) == [
        "township_duties has the section '一、乙', which upstream_duties does not",
        "upstream_duties has the section '一、甲', which township_duties does not",
    ]
    one_sided = record("cooperative", 3, upstream_duties="一、甲\n1.负责。", township_duties="1.配合。")
    assert check_sections(lists(cooperative=[one_sided])).status == "pass"


def test_reading_says_what_was_removed():
    source = SourceText("x", "0" * 64, "utf-8", (), notes=(("line 3", "control characters U+001A removed"),))
    check = check_reading(PagedText(source, (), (), ()))
    assert check.status == "warn" and check.findings == (
        Finding(Status.WARN, "control characters U+001A removed", where="line 3"),
    )
    assert check_reading(PagedText(SourceText("x", "0" * 64, "utf-8", ()), (), (), ())).status == "pass"


def test_a_row_cut_off_mid_cell_at_the_end(tmp_path, capsys, seed_lines):
    text = SEED.read_text(encoding="utf-8")
    cut = text.rindex("对食品小作坊、小餐饮店、小食杂店和食品摊贩违法") + len("对食品小作坊")
    status, err, checks = build_edited(tmp_path, capsys, text[:cut].split("\n"))
    assert status == 1  # every row is there: only the ending tells
    assert checks["counts"]["status"] == "pass"
    assert checks["ending"]["status"] == "fail"
    assert "row 61" in checks["ending"]["details"][0]
    assert "ending (" in err
