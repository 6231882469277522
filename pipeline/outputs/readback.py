"""readback: a build folder → the three lists as pandas DataFrames (pipeline.load)."""

from __future__ import annotations

from pathlib import Path

from ..spec import KEYS


def load(build_dir: str | Path) -> dict:
    """{"basic", "cooperative", "withdrawn"} → pandas DataFrame, read from the Parquet files.

    seq is int32; text columns are str; list columns (departments, handler_departments,
    keywords, upstream_by_department) hold Python lists; source holds dicts.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    frames = {}
    for table in KEYS:
        data = pq.read_table(Path(build_dir) / f"{table}.parquet")
        frame = data.to_pandas()
        for field in data.schema:
            if pa.types.is_list(field.type) or pa.types.is_struct(field.type):
                frame[field.name] = data.column(field.name).to_pylist()
        frames[table] = frame
    return frames
