"""The text reader's column walk: cells told apart by wrap width, department names and gaps; rows no
walk explains refused; a text without page marks; a very long cell in bounded memory."""

import json
import os
import resource
import subprocess

from pipeline.cli import main
from pipeline.model import RowBlock
from pipeline.readers.text.walk import split_row, walk_row, width_peaks
from tests.helpers import PYTHON, ROOT, TABLES, make_pieces, text_lines, write_lines


def test_split_row_repairs_a_wrapped_category_and_drops_lone_marks():
    block = RowBlock(
        "cooperative", 100, tuple(text_lines("100 应急管理及", "消防", "", "安全生产监督检查", "“ “", "x"))
    )
    categories, lines, pieces, stray = split_row(block, ("应急管理及消防",))
    assert (categories, lines) == ({"category": "应急管理及消防"}, (1, 2))
    assert [p.text for p in pieces] == ["安全生产监督检查", "x"]
    assert [p.text for p in stray] == ["“", "“"]


ROLES = ("name", "departments", "upstream_duties", "township_duties")

WIDTHS = (9.0, 7.0, 30.0, 23.0)


def test_walk_splits_by_width_and_department_names():
    pieces = make_pieces(
        ("推荐县级以上党代表",),
        ("阿合奇县委组织",),
        ("部",),
        ("阿合奇县委组织部：",),
        ("1.对县级以上党代表进行推荐提名、公示并配合考察；",),
        ("2.对县级党代表推荐人选进行全面考察，并形成考察报告提交县委审",),
        ("批。",),
        ("1.根据县级分配的党代表名额及人员构成，进行提",),
        ("名；",),
    )
    cost, columns = walk_row(pieces, ROLES, WIDTHS)
    assert columns == [0, 1, 1, 2, 2, 2, 2, 3, 3]


def test_walk_splits_two_cells_sharing_a_line():
    pieces = make_pieces(
        ("的鉴定", "阿合奇县教育局"),
        ("阿合奇县教育局：",),
        ("负责社会考生资格复审工作。", "对社会考生的政治态度、思想品德作出鉴定。"),
    )
    _, columns = walk_row(pieces, ROLES, WIDTHS)
    assert columns == [0, 1, 2, 2, 3]


def test_walk_refuses_what_fits_no_column():
    pieces = make_pieces(("推荐",), ("阿合奇县委组织部",), ("x" * 200,))
    assert walk_row(pieces, ROLES, WIDTHS) is None


def test_width_peaks_finds_the_wrap_widths():
    rows = [make_pieces(*[("字" * 7,)] * 5 + [("字" * 3,)] + [("字" * 23,)] * 4)]
    assert [w for w, _ in width_peaks(rows)[:2]] == [7.0, 23.0]


def test_text_without_page_marks_fails_loudly_or_matches(tmp_path, seed_lines, seed_extraction):
    """Another converter may mark no page starts. Repeated headers still give the pages;
    rows whose fragments then cannot be told apart must fail a check, not change quietly."""
    source = tmp_path / "unmarked.txt"
    source.write_text("\n".join(line.lstrip(" ") for line in seed_lines), encoding="utf-8")
    out = tmp_path / "out"
    status = main(["build", str(source), "--out", str(out)])
    checks = {c["name"]: c for c in json.loads((out / "edition.json").read_text(encoding="utf-8"))["checks"]}
    changed = []
    for table in TABLES:
        got = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        for a, b in zip(got, seed_extraction.edition.records[table], strict=True):
            if {k: v for k, v in a.items() if k != "source"} != {k: v for k, v in b.items() if k != "source"}:
                changed.append(f"{table} {a['seq']}")
    assert changed == ["cooperative 76"]  # its middle pages repeat no header: fragments unknown
    assert status == 1
    assert checks["wraps"]["status"] == "fail"
    assert any("row 76" in d for d in checks["wraps"]["details"])


def test_a_cell_of_twenty_thousand_lines_builds_in_bounded_memory(tmp_path, seed_lines):
    start = seed_lines.index("1.负责本辖区职工互助医疗保障相关政策宣传；")
    text = "负责本辖区职工互助医疗保障相关政策宣传登记单位参保人员名单上报县总工会收集费用" * 3
    filler = [text[j % 20 : j % 20 + 23] for j in range(20_000)]
    source = write_lines(tmp_path, seed_lines[: start + 1] + filler + seed_lines[start + 1 :])

    def limit():  # a walk that grows with the square of the lines runs out here, not on the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    child = subprocess.Popen(PYTHON + ["build", str(source), "--out", str(tmp_path / "out")], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read()
    assert usage.ru_maxrss < 800 * 1024  # KiB: about what the seed alone takes, not gigabytes
    township = json.loads((tmp_path / "out" / "cooperative.json").read_text(encoding="utf-8"))[24]["township_duties"]
    assert township.count("\n") == 4  # the filler is one wrapped paragraph
