"""core/snap: a scan's doubtful category and department names snapped to known ones, and reported."""

from pipeline.core.snap import nearest, snapped
from pipeline.core.validate import check_ocr
from pipeline.spec import CATEGORY, DEPARTMENTS, SEQ, SOURCE, UPSTREAM, UPSTREAM_BY_DEPARTMENT

STATED = {
    "basic": {"category_names": ["社会保障", "乡村振兴"]},
    "cooperative": {"category_names": ["社会保障", "乡村振兴"]},
}
SURE, UNSURE = 0.999, 0.6


def _box(cell: str, confidence: float | None) -> dict:
    return {"cell": cell, "page": 3, "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0, "confidence": confidence}


def _cooperative(seq, category, departments, upstream, confidences, merged=()) -> dict:
    """confidences: cell → the confidence of its box (a cell without one is printed in another row,
    `merged` says which)."""
    return {
        SEQ: seq,
        CATEGORY: category,
        "name": "事项",
        DEPARTMENTS: departments,
        UPSTREAM: upstream,
        UPSTREAM_BY_DEPARTMENT: [],
        "township_duties": "配合。",
        SOURCE: {
            "pages": [3],
            "first_line": None,
            "last_line": None,
            "boxes": [_box(cell, c) for cell, c in confidences.items()],
            "merged": [{"cell": cell, "printed_in": at, "first": at, "last": seq} for cell, at in merged],
            "refs": None,
        },
    }


def test_the_one_nearest_name_within_a_quarter_of_the_edits_is_taken():
    assert nearest("县民攻局", ["县民政局", "县教育局"]) == ("县民政局", 1)
    assert nearest("县X政局", ["县民政局", "县财政局"]) is None  # as near to two: left as read
    assert nearest("县XY局", ["县民政局"]) is None  # two edits of four characters: too far
    assert nearest("县人力资源和社会保瘴句", ["县人力资源和社会保障局"]) == ("县人力资源和社会保障局", 2)
    assert nearest("社会保瘴", []) is None
    assert nearest("县政府", ["县政协"]) is None  # one edit of three characters: too much of it


def test_a_doubtful_name_is_snapped_alike_in_its_row_s_cell_and_headings_and_the_headings_read_again():
    upstream = "阿合奇县民攻局：\n1.负责救助。\n阿合奇县民攻局、县教育局：\n2.负责宣传。"
    row = _cooperative(1, "乡村振兴", ["阿合奇县民攻局", "县教育局"], upstream, {DEPARTMENTS: UNSURE, UPSTREAM: UNSURE})
    out, snaps = snapped({"cooperative": [row]}, STATED, "阿合奇县")
    (new,) = out["cooperative"]
    assert new[DEPARTMENTS] == ["阿合奇县民政局", "县教育局"]
    assert new[UPSTREAM] == "阿合奇县民政局：\n1.负责救助。\n阿合奇县民政局、县教育局：\n2.负责宣传。"
    assert new[UPSTREAM_BY_DEPARTMENT][0]["department"] == "阿合奇县民政局"  # the heading read again
    assert [(s.seq, s.field, s.read, s.name, s.known_from, s.where) for s in snaps] == [
        (1, DEPARTMENTS, "阿合奇县民攻局", "阿合奇县民政局", "registry", "pages 3"),
        (1, UPSTREAM, "阿合奇县民攻局", "阿合奇县民政局", "registry", "pages 3"),
    ]
    # read surely in the duty text, the name is a real one: the cell keeps it too
    sure = {**row, SOURCE: {**row[SOURCE], "boxes": [_box(DEPARTMENTS, UNSURE), _box(UPSTREAM, SURE)]}}
    assert snapped({"cooperative": [sure]}, STATED, "阿合奇县")[1] == ()
    assert row[DEPARTMENTS] == ["阿合奇县民攻局", "县教育局"]  # the input is left as it was


def test_a_category_merged_over_rows_is_as_doubtful_as_the_row_that_prints_it():
    rows = [
        _cooperative(1, "社会保瘴", ["县教育局"], "", {CATEGORY: UNSURE}),
        _cooperative(2, "社会保瘴", ["县教育局"], "", {}, merged=[(CATEGORY, 1)]),
    ]
    out, snaps = snapped({"cooperative": rows}, STATED, None)
    assert [r[CATEGORY] for r in out["cooperative"]] == ["社会保障", "社会保障"]
    assert [(s.seq, s.read, s.name) for s in snaps] == [(1, "社会保瘴", "社会保障"), (2, "社会保瘴", "社会保障")]


def test_names_read_surely_somewhere_known_or_far_from_any_are_left_as_read():
    records = {
        "cooperative": [
            # read surely here, so a real name where it is read unsurely too
            _cooperative(1, "社会保瘴", ["县民攻局"], "", {CATEGORY: SURE, DEPARTMENTS: SURE}),
            _cooperative(2, "社会保瘴", ["县民攻局"], "", {CATEGORY: UNSURE, DEPARTMENTS: UNSURE}),
            # known, or two edits from the nearest registry name
            _cooperative(3, "乡村振兴", ["县民政局", "县人武部"], "", {CATEGORY: UNSURE, DEPARTMENTS: UNSURE}),
            # as near to two registry names
            _cooperative(4, "乡村振兴", ["县X政局"], "县X政局：\n1.负责。", {DEPARTMENTS: UNSURE, UPSTREAM: UNSURE}),
            # read at 0.95: flagged, but not unsure enough to be mended
            _cooperative(5, "社会保瘴", ["县民放局"], "", {CATEGORY: 0.95, DEPARTMENTS: 0.95}),
        ]
    }
    out, snaps = snapped(records, STATED, "阿合奇县")
    assert snaps == () and out == records


def test_the_ocr_check_reports_every_snap_with_its_row():
    records = {"cooperative": [_cooperative(4, "社会保瘴", ["县教育局"], "", {CATEGORY: UNSURE})]}
    out, snaps = snapped(records, STATED, None)
    check = check_ocr(out, "scan", snaps)
    texts = [(f.row, f.where, f.text) for f in check.findings]
    assert (4, "pages 3", "category read '社会保瘴', taken as the preface's '社会保障' (1 edit away)") in texts
    assert "1 names taken as known ones" in check.message
    assert out["cooperative"][0][CATEGORY] == "社会保障"
