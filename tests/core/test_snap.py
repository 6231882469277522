"""core/snap: a scan's doubtful category and department names snapped to known ones, and reported."""

from pipeline.core.snap import nearest, snapped
from pipeline.core.validate import check_ocr
from pipeline.spec import CATEGORY, DEPARTMENTS, SEQ, SOURCE, UPSTREAM, UPSTREAM_BY_DEPARTMENT

STATED = {
    "basic": {"category_names": ["社会保障", "乡村振兴"]},
    "cooperative": {"category_names": ["社会保障", "乡村振兴"]},
}


def _box(cell: str, confidence: float | None) -> dict:
    return {"cell": cell, "page": 3, "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0, "confidence": confidence}


def _cooperative(seq, category, departments, upstream, confidences) -> dict:
    """confidences: cell → the confidence of its box (a cell without one is printed in another row)."""
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
            "merged": [],
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


def test_doubtful_names_are_snapped_in_cells_and_headings_and_the_headings_read_again():
    records = {
        "cooperative": [
            _cooperative(
                1,
                "社会保瘴",
                ["阿合奇县民攻局"],
                "阿合奇县民攻局：\n1.负责救助。",
                {CATEGORY: 0.61, DEPARTMENTS: 0.7, UPSTREAM: 0.8},
            ),
            _cooperative(2, "社会保瘴", ["县教育局"], "县教育局：\n1.负责教育。", {DEPARTMENTS: 0.99, UPSTREAM: 0.99}),
        ]
    }
    out, snaps = snapped(records, STATED, "阿合奇县")
    first, second = out["cooperative"]
    assert first[CATEGORY] == second[CATEGORY] == "社会保障"  # one merged cell, read once
    assert first[DEPARTMENTS] == ["阿合奇县民政局"]
    assert first[UPSTREAM] == "阿合奇县民政局：\n1.负责救助。"
    assert first[UPSTREAM_BY_DEPARTMENT] == [{"department": "阿合奇县民政局", "section": None, "text": "1.负责救助。"}]
    assert second[DEPARTMENTS] == ["县教育局"] and second[UPSTREAM] == "县教育局：\n1.负责教育。"
    assert [(s.seq, s.field, s.read, s.name, s.known_from) for s in snaps] == [
        (1, CATEGORY, "社会保瘴", "社会保障", "preface"),
        (1, DEPARTMENTS, "阿合奇县民攻局", "阿合奇县民政局", "registry"),
        (1, UPSTREAM, "阿合奇县民攻局", "阿合奇县民政局", "registry"),
        (2, CATEGORY, "社会保瘴", "社会保障", "preface"),
    ]
    assert records["cooperative"][0][CATEGORY] == "社会保瘴"  # the input is left as it was


def test_names_read_surely_known_or_far_from_any_are_left_as_read():
    records = {
        "cooperative": [
            _cooperative(1, "社会保瘴", ["县民攻局"], "县民攻局：\n1.负责。", {CATEGORY: 0.99, DEPARTMENTS: 0.99}),
            _cooperative(2, "乡村振兴", ["县民政局", "县人武部"], "1.负责。", {CATEGORY: 0.5, DEPARTMENTS: 0.5}),
            _cooperative(3, "乡村振兴", ["县X政局"], "县X政局：\n1.负责。", {DEPARTMENTS: 0.5, UPSTREAM: 0.5}),
        ]
    }
    out, snaps = snapped(records, STATED, "阿合奇县")
    assert snaps == () and out == records  # printed or sure; known; unknown far from any; between two
    assert snapped(records, STATED, None)[1] == ()


def test_the_ocr_check_reports_every_snap_with_its_row():
    records = {"cooperative": [_cooperative(4, "社会保瘴", ["县教育局"], "", {CATEGORY: 0.6})]}
    out, snaps = snapped(records, STATED, None)
    check = check_ocr(out, "scan", snaps)
    texts = [(f.row, f.text) for f in check.findings]
    assert (4, "category read '社会保瘴', taken as the preface's '社会保障' (1 edit away)") in texts
    assert "1 names taken as known ones" in check.message
    assert out["cooperative"][0][CATEGORY] == "社会保障"
