"""dictionary: jieba's dictionary and IDF table, loaded only as far as a text needs them.

jieba loads its whole prefix dictionary (580,000 entries) before cutting a word — a second and
90 MiB — and its keyword extractor the part-of-speech tables too. But cutting a text only looks
up the text's own substrings: every entry jieba may consult starts with a character of the text
and, if longer, with one of its character pairs. So the dictionary is kept in a cache file (made
once from jieba's own dict.txt and idf.txt, in the user's cache folder), its entries in buckets by
their first two characters, and a Tokenizer gets the buckets of a text's characters and pairs before it
cuts it: the words, the frequencies and the total are jieba's, and so is every cut.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import zlib
from array import array
from pathlib import Path

BUCKETS = 1 << 18  # many more than a text has character pairs, so that it touches few
_MAGIC = b"qingdan-jieba-2\n"


def bucket(key: str) -> int:
    """The bucket of an entry: by its first two characters (one, for a one-character entry)."""
    return zlib.crc32(key[:2].encode("utf-8")) & (BUCKETS - 1)


def _sources() -> tuple[Path, Path]:
    import jieba

    package = Path(jieba.__file__).resolve().parent
    return package / "dict.txt", package / "analyse" / "idf.txt"


def _signature(paths: tuple[Path, ...]) -> str:
    """Of the dictionary files: the cache is made anew when jieba's files change."""
    parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in paths]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _prefix_dict(path: Path) -> tuple[dict[str, int], int]:
    """jieba's gen_pfdict: every word with its frequency, every prefix of a word with 0."""
    freq: dict[str, int] = {}
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count = line.strip().split(" ")[:2]
        freq[word] = int(count)
        total += int(count)
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total


def _idf(path: Path) -> tuple[dict[str, float], float]:
    """jieba's IDFLoader: every word's IDF and their median."""
    idf = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, value = line.strip().split(" ")
        idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]


def _bucketed(table: dict) -> tuple[bytes, array]:
    """(the buckets' marshalled dicts one after another, the offset of each and of the end)."""
    buckets: list[dict] = [{} for _ in range(BUCKETS)]
    for key, value in table.items():
        buckets[bucket(key)][key] = value
    blobs, offsets, at = [], array("Q"), 0
    for entries in buckets:
        offsets.append(at)
        blob = marshal.dumps(entries) if entries else b""
        blobs.append(blob)
        at += len(blob)
    offsets.append(at)
    return b"".join(blobs), offsets


def _cache_bytes(dict_txt: Path, idf_txt: Path) -> bytes:
    freq, total = _prefix_dict(dict_txt)
    idf, median = _idf(idf_txt)
    freq_blob, freq_offsets = _bucketed(freq)
    idf_blob, idf_offsets = _bucketed(idf)
    size = len(freq_offsets.tobytes()) + len(idf_offsets.tobytes()) + len(freq_blob) + len(idf_blob)
    header = marshal.dumps((total, median, len(freq_blob), size))
    parts = (_MAGIC, len(header).to_bytes(4, "little"), header, freq_offsets.tobytes(), idf_offsets.tobytes())
    return b"".join(parts) + freq_blob + idf_blob


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all, whoever else writes it at once."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cache_folder() -> Path:
    """The user's own cache folder (XDG), where no other user can put a file of theirs."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home: a folder of this user's in the temporary folder
            return Path(tempfile.gettempdir()) / f"qingdan-{os.getuid()}"
    return Path(base) / "qingdan"


def _trusted(fd: int) -> bool:
    """A cache file this user owns, that no one else may write."""
    status = os.fstat(fd)
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


class _Slices:
    """An open file read slice by slice (os.pread): only what is read is in memory — a mapped file
    would stay resident page by page as buckets are touched."""

    def __init__(self, fd: int):
        self.fd, self.size = fd, os.fstat(fd).st_size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _ = part.indices(self.size)
        return os.pread(self.fd, max(0, stop - start), start)


class Dictionary:
    """jieba's dictionary and IDF table in their cache file, read a bucket at a time."""

    def __init__(self, folder: Path | None = None):
        dict_txt, idf_txt = _sources()
        folder = folder or cache_folder()
        path = folder / f"qingdan-jieba-{_signature((dict_txt, idf_txt))}.cache"
        fd = None
        try:
            fd = os.open(path, os.O_RDONLY)
            if not _trusted(fd):
                raise ValueError("a cache file another user could have written")
            self._map: _Slices | bytes = _Slices(fd)  # open while the process lives, as the dictionary does
            self._layout()
            valid = True
        except (OSError, ValueError, EOFError, TypeError):  # none yet, cut short or damaged: made anew
            if fd is not None:
                os.close(fd)
            valid = False
        if not valid:
            self._map = _cache_bytes(dict_txt, idf_txt)
            self._layout()
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                _write(path, self._map)
            except OSError:
                pass  # a folder we cannot write: the dictionary is read from memory this time

    def _layout(self) -> None:
        """Where the parts stand; a file that is not a whole cache raises ValueError."""
        if self._map[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a qingdan dictionary cache")
        at = len(_MAGIC)
        size = int.from_bytes(self._map[at : at + 4], "little")
        self.total, self.median_idf, freq_size, body = marshal.loads(self._map[at + 4 : at + 4 + size])
        at += 4 + size
        if len(self._map) != at + body:
            raise ValueError("a dictionary cache cut short")
        width = (BUCKETS + 1) * 8
        self._freq_offsets = array("Q", self._map[at : at + width])
        self._idf_offsets = array("Q", self._map[at + width : at + 2 * width])
        self._freq_start = at + 2 * width
        self._idf_start = self._freq_start + freq_size

    def _read(self, start: int, offsets: array, index: int) -> dict:
        first, last = offsets[index], offsets[index + 1]
        return marshal.loads(self._map[start + first : start + last]) if last > first else {}

    def freq_bucket(self, index: int) -> dict[str, int]:
        return self._read(self._freq_start, self._freq_offsets, index)

    def idf_bucket(self, index: int) -> dict[str, float]:
        return self._read(self._idf_start, self._idf_offsets, index)


def text_buckets(text: str) -> set[int]:
    """The buckets whose entries cutting `text` may look up: of its characters and character pairs."""
    keys = set(text) | {text[i : i + 2] for i in range(len(text) - 1)}
    return {bucket(key) for key in keys}
