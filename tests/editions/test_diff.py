"""diff on editions edited from the reviewed golden records: every edit classified exactly."""

import copy
import json

from pipeline.cli import main
from pipeline.editions import load_edition
from pipeline.editions.diff import diff_editions
from tests.helpers import GOLDEN, GOLDEN_RECORDS, SEED, TABLES, one_line, write_lines


def _write(folder, records):
    folder.mkdir()
    (folder / "edition.json").write_text(json.dumps({"township": "哈拉奇乡", "county": "阿合奇县"}), encoding="utf-8")
    for table, rows in records.items():
        (folder / f"{table}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return folder


def _edited():
    r = copy.deepcopy(GOLDEN_RECORDS)
    basic, coop, withdrawn = r["basic"], r["cooperative"], r["withdrawn"]
    basic[11]["name"] = "推动党纪学习教育常态化长效化"  # 12: renamed slightly (推进 → 推动)
    basic[105]["category"] = "综合行政"  # 106: category renamed
    basic[19]["seq"], basic[20]["seq"] = 21, 20  # 20 and 21 change places
    coop[1]["departments"] = ["阿合奇县委组织部", "阿合奇县人社局"]  # 2: a department added
    moved = coop.pop(119)  # 120 taken back by the county
    withdrawn.pop(60)  # 61 removed
    withdrawn.append(
        {
            "seq": 62,
            "category": "综合政务",
            "name": moved["name"],
            "handler": "阿合奇县人民政府办公室：负责。",
            "handler_departments": ["阿合奇县人民政府办公室"],
            "source": moved["source"],
        }
    )
    basic.append({"seq": 113, "category": "文化和旅游", "name": "做好乡村旅游服务工作", "source": basic[0]["source"]})
    return r


def _classes(result):
    return sorted(
        (
            i["class"],
            (i["old"] or {}).get("list"),
            (i["old"] or {}).get("seq"),
            (i["new"] or {}).get("list"),
            (i["new"] or {}).get("seq"),
        )
        for i in result["items"]
    )


def test_every_edit_is_classified(tmp_path):
    old = load_edition(_write(tmp_path / "old", GOLDEN_RECORDS))
    new = load_edition(_write(tmp_path / "new", _edited()))
    result = diff_editions(old, new)
    assert _classes(result) == sorted(
        [
            ("added", None, None, "basic", 113),
            ("removed", "withdrawn", 61, None, None),
            ("changed", "basic", 12, "basic", 12),
            ("changed", "basic", 106, "basic", 106),
            ("changed", "cooperative", 2, "cooperative", 2),
            ("moved", "cooperative", 120, "withdrawn", 62),
            ("renumbered", "basic", 20, "basic", 21),
            ("renumbered", "basic", 21, "basic", 20),
        ]
    )
    by_key = {(i["old"] or i["new"])["seq"] if i["class"] != "moved" else "moved": i for i in result["items"]}
    assert by_key[12]["fields"] == ["name"]
    assert by_key[12]["text_changes"]["name"] == [{"op": "replace", "old": "推进", "new": "推动"}]
    assert by_key[106]["fields"] == ["category"]
    assert by_key[2]["departments"] == {"added": ["阿合奇县人力资源和社会保障局"], "removed": []}
    assert sum(result["summary"]["unchanged"].values()) == 294 - 7


def test_the_unedited_pair_is_unchanged_and_cli_exit_statuses(tmp_path, capsys):
    old = _write(tmp_path / "old", GOLDEN_RECORDS)
    same = _write(tmp_path / "same", GOLDEN_RECORDS)
    new = _write(tmp_path / "new", _edited())
    result = diff_editions(load_edition(old), load_edition(same))
    assert result["items"] == [] and not result["changed"]
    assert main(["diff", str(old), str(same)]) == 0
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "d")]) == 3
    report = (tmp_path / "d" / "diff.md").read_text(encoding="utf-8")
    assert "## moved (1)" in report and "配合履职事项 120 → 上级部门收回事项 62" in report
    assert json.loads((tmp_path / "d" / "diff.json").read_text(encoding="utf-8"))["changed"] is True
    assert main(["diff", str(old), str(tmp_path / "nothing")]) == 2


def test_a_reworded_name_still_matches():
    from pipeline.editions import LoadedEdition as Edition
    from pipeline.editions.diff import diff_editions

    old = {t: json.loads((GOLDEN / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}
    new = json.loads(json.dumps(old))
    row = next(r for r in new["basic"] if r["name"] == "档案管理工作")
    row["name"] = "档案规范管理工作"
    result = diff_editions(Edition("old", None, None, old), Edition("new", None, None, new))
    assert [(i["class"], i["old"]["seq"], i["new"]["seq"]) for i in result["items"]] == [
        ("changed", row["seq"], row["seq"])
    ]


def test_diff_warns_when_a_side_failed_its_checks(tmp_path, seed_lines, capsys):
    short = write_lines(tmp_path, [line for line in seed_lines if line != "112 综合政务 撤乡设镇工作"])
    assert main(["diff", str(SEED), str(short)]) == 3
    err = capsys.readouterr().err
    one_line(err)
    assert f"warning: new {short} failed its checks (counts)" in err


def _layout_only(records: dict) -> dict:
    """The same edition as another form might print it: no line breaks, half-width brackets."""
    out = copy.deepcopy(records)
    for rows in out.values():
        for r in rows:
            for field in ("upstream_duties", "township_duties", "handler"):
                if field in r:
                    r[field] = r[field].replace("\n", "")
            r["name"] = r["name"].replace("（", "(").replace("）", ")")
    return out


def test_line_breaks_spaces_and_widths_are_layout_not_content(tmp_path, capsys):
    old = _write(tmp_path / "old", GOLDEN_RECORDS)
    new = _write(tmp_path / "new", _layout_only(GOLDEN_RECORDS))
    result = diff_editions(load_edition(old), load_edition(new))
    assert result["changed"] is False and result["items"] == []
    assert len(result["layout_only"]) > 100
    assert main(["diff", str(old), str(new)]) == 0
    assert "differ only in layout" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--layout"]) == 0
    assert "## layout only (" in capsys.readouterr().out
    edited = _layout_only(GOLDEN_RECORDS)
    edited["basic"][0]["name"] += "工作"  # a real edit still shows
    assert main(["diff", str(old), str(_write(tmp_path / "edited", edited))]) == 3


def test_diff_html_sets_both_editions_side_by_side_with_changed_words_marked(tmp_path):
    old, new = _write(tmp_path / "old", GOLDEN_RECORDS), _write(tmp_path / "new", _edited())
    page = tmp_path / "diff.html"
    assert main(["diff", str(old), str(new), "--html", str(page)]) == 3
    text = page.read_text(encoding="utf-8")
    assert "<del>推进</del>" in text and "<ins>推动</ins>" in text  # basic 12, a word changed
    # the moved item: where it went, linked to where it was
    assert "<a id='new-withdrawn-62' href='#old-cooperative-120'>" in text
    assert "<a id='old-cooperative-120' href='#new-withdrawn-62'>" in text
    assert text.count("<tr><td><a id='old-") + text.count("<tr><td>—") == 8  # one row per item
    assert main(["diff", str(old), str(new), "--html", str(tmp_path)]) == 2  # a folder: refused
