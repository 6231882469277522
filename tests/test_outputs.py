"""The everyday outputs of a build: Excel, CSV, the data package, Parquet metadata, pipeline.load."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.cli import main

from .conftest import SEED


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs") / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    return out


def test_excel_workbook(build, seed_extraction):
    from openpyxl import load_workbook

    book = load_workbook(build / "lists.xlsx")
    assert book.sheetnames == ["说明", "基本履职事项清单", "配合履职事项清单", "上级部门收回事项清单"]
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["乡镇"] == "哈拉奇乡" and about["检查：counts"].startswith("pass")
    coop = book["配合履职事项清单"]
    assert coop.freeze_panes == "A2"
    header = [c.value for c in coop[1]]
    assert header[:6] == ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡配合职责"]
    assert coop.max_row == 1 + 121
    row4 = [c.value for c in coop[5]]
    assert row4[0] == 4 and row4[3] == "阿合奇县委组织部、阿合奇县人力资源和社会保障局"
    assert coop.cell(5, 5).alignment.wrap_text
    assert coop.column_dimensions["E"].width >= 40


def test_csv_read_back_by_pandas(build, seed_extraction):
    raw = (build / "withdrawn.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(build / "withdrawn.csv", encoding="utf-8-sig")
    assert len(frame) == 61 and list(frame.columns[:4]) == ["序号", "事项类别", "事项名称", "承接部门及工作方式"]
    record = seed_extraction.edition.records["withdrawn"][23]
    assert frame.loc[23, "承接部门"] == "、".join(record["handler_departments"])
    assert frame.loc[23, "承接部门及工作方式"] == record["handler"]


def test_datapackage_validates(build):
    from frictionless import validate

    report = validate(build / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]
    package = json.loads((build / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in build.iterdir()} - {"datapackage.json", ".qingdan-manifest.json"}


def test_parquet_metadata(build, seed_extraction):
    metadata = pq.read_schema(build / "basic.parquet").metadata
    assert metadata[b"qingdan.source_sha256"].decode() == seed_extraction.edition.source.sha256
    assert metadata[b"qingdan.township"].decode() == "哈拉奇乡"
    assert metadata[b"qingdan.edition"].decode() == "阿合奇县哈拉奇乡"
    assert b"qingdan.version" in metadata
    assert pq.ParquetFile(build / "basic.parquet").metadata.row_group(0).column(0).compression == "ZSTD"


def test_load_returns_typed_frames(build, seed_extraction):
    frames = pipeline.load(build)
    assert {k: len(v) for k, v in frames.items()} == {"basic": 112, "cooperative": 121, "withdrawn": 61}
    coop = frames["cooperative"]
    assert str(coop["seq"].dtype) == "int32"
    assert coop.loc[3, "departments"] == ["阿合奇县委组织部", "阿合奇县人力资源和社会保障局"]
    assert isinstance(coop.loc[0, "upstream_by_department"], list)
    assert coop.loc[0, "name"] == seed_extraction.edition.records["cooperative"][0]["name"]
