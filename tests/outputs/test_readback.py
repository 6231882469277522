"""pipeline.load: a seed_build folder read back as typed DataFrames."""

import pipeline


def test_load_returns_typed_frames(seed_build, seed_extraction):
    frames = pipeline.load(seed_build)
    assert {k: len(v) for k, v in frames.items()} == {"basic": 112, "cooperative": 121, "withdrawn": 61}
    coop = frames["cooperative"]
    assert str(coop["seq"].dtype) == "int32"
    assert coop.loc[3, "departments"] == ["阿合奇县委组织部", "阿合奇县人力资源和社会保障局"]
    assert isinstance(coop.loc[0, "upstream_by_department"], list)
    assert coop.loc[0, "name"] == seed_extraction.edition.records["cooperative"][0]["name"]
