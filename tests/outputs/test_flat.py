"""The everyday outputs: Excel, CSV, the data package, Parquet metadata."""

import json

import pandas as pd
import pyarrow.parquet as pq

from pipeline.cli import main
from tests.helpers import ROOT, TABLES


def test_excel_workbook(seed_build, seed_extraction):
    from openpyxl import load_workbook

    book = load_workbook(seed_build / "lists.xlsx")
    assert book.sheetnames == ["说明", "基本履职事项清单", "配合履职事项清单", "上级部门收回事项清单"]
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["乡镇"] == "哈拉奇乡" and about["检查：counts"].startswith("pass")
    coop = book["配合履职事项清单"]
    assert coop.freeze_panes == "A2"
    header = [c.value for c in coop[1]]
    # every column any template prints, in one order whatever the edition's template: 一级类别 and
    # 依据 and 备注 empty here, where the seed prints none
    assert header[:9] == [
        "序号",
        "一级类别",
        "事项类别",
        "事项名称",
        "对应上级部门",
        "上级部门职责",
        "乡配合职责",
        "履职依据",
        "备注",
    ]
    assert coop.max_row == 1 + 121
    row4 = {title: c.value for title, c in zip(header, coop[5], strict=True)}
    assert row4["序号"] == 4 and row4["对应上级部门"] == "阿合奇县委组织部、阿合奇县人力资源和社会保障局"
    assert row4["一级类别"] is None and row4["备注"] is None
    assert coop.cell(5, 6).alignment.wrap_text
    assert coop.column_dimensions["F"].width >= 40


def test_csv_read_back_by_pandas(seed_build, seed_extraction):
    raw = (seed_build / "withdrawn.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(seed_build / "withdrawn.csv", encoding="utf-8-sig")
    assert len(frame) == 61 and list(frame.columns[:5]) == [
        "序号",
        "一级类别",
        "事项类别",
        "事项名称",
        "承接部门及工作方式",
    ]
    record = seed_extraction.edition.records["withdrawn"][23]
    assert frame.loc[23, "承接部门"] == "、".join(record["handler_departments"])
    assert frame.loc[23, "承接部门及工作方式"] == record["handler"]


def test_datapackage_validates(seed_build):
    from frictionless import validate

    report = validate(seed_build / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]
    package = json.loads((seed_build / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in seed_build.iterdir()} - {"datapackage.json", ".qingdan-manifest.json"}


def test_parquet_metadata(seed_build, seed_extraction):
    metadata = pq.read_schema(seed_build / "basic.parquet").metadata
    assert metadata[b"qingdan.source_sha256"].decode() == seed_extraction.edition.source.sha256
    assert metadata[b"qingdan.township"].decode() == "哈拉奇乡"
    assert metadata[b"qingdan.edition"].decode() == "阿合奇县哈拉奇乡"
    assert b"qingdan.version" in metadata
    assert pq.ParquetFile(seed_build / "basic.parquet").metadata.row_group(0).column(0).compression == "ZSTD"


def test_csv_columns_have_one_dtype_in_every_list(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "tests" / "fixtures" / "pdf" / "reportlab_grid.pdf"), "--out", str(out)]) == 0
    frames = [pd.read_csv(out / f"{t}.csv", encoding="utf-8-sig") for t in TABLES]
    shared = set.intersection(*(set(f.columns) for f in frames))
    for column in shared:
        assert len({str(f[column].dtype) for f in frames}) == 1, column
    assert str(frames[1]["起始页"].dtype) == "int64" and frames[1]["起始行"].isna().all()
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    types = {(f["name"], f["type"]) for r in package["resources"] if "schema" in r for f in r["schema"]["fields"]}
    assert ("起始页", "integer") in types and ("起始行", "integer") in types
