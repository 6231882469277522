"""Generated editions: the seed list re-issued by other townships and counties, in the encodings
and line endings converters use. For the many-edition build's tests and benchmark."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "raw" / "000_0308d53cfc65b0ad.txt"
_SYLLABLES = "阿克苏托乌恰喀什巴楚英吉沙莎车叶城伽师岳普湖麦盖提泽普塔什库尔干"
_ENCODINGS = ("utf-8", "gb18030", "utf-8-sig", "utf-16")


def variant_names(index: int) -> tuple[str, str]:
    """(township, county) of the index-th generated edition: two made-up place names."""
    a = _SYLLABLES[index % len(_SYLLABLES)]
    b = _SYLLABLES[(index * 7 + 3) % len(_SYLLABLES)]
    c = _SYLLABLES[(index * 11 + 5) % len(_SYLLABLES)]
    return f"{a}{b}{c}乡", f"{c}{a}县"


def write_variants(folder: Path, count: int) -> list[Path]:
    """`count` editions of the seed under other names, encodings and line endings."""
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        township, county = variant_names(index)
        edition = text.replace("哈拉奇乡", township).replace("阿合奇县", county).replace("阿合奇", county[:-1])
        if index % 3 == 1:
            edition = edition.replace("\n", "\r\n")
        path = folder / f"edition_{index:03d}.txt"
        path.write_bytes(edition.encode(_ENCODINGS[index % len(_ENCODINGS)]))
        paths.append(path)
    return paths
