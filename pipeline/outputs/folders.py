"""folders: a build folder written whole or not at all, and never over files a build did not write.

A build is written into a staging folder beside its target and swapped into place in one step
(Linux renameat2 RENAME_EXCHANGE; elsewhere two renames, undone by the next build if a kill falls
between them), so the previous build survives until the new one is complete. Every build folder
holds a manifest of the files it wrote; a folder is replaced only when it holds nothing else.
A staging folder is locked by the process writing it: one whose writer died is a leftover and is
removed by the next build into the same target; concurrent builds into one target each swap in
a whole build, the last one winning.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import InputError
from ..spec import KEYS

MANIFEST = ".qingdan-manifest.json"
FORMAT = "qingdan-build/1"
_STAGING = ".qingdan-staging-"
_RETIRED = ".qingdan-retired-"
# What a build wrote before it kept a manifest: such a folder is still recognised as a build.
_LEGACY_FILES = frozenset(
    {"edition.json", "report.md", "lists.xlsx", "datapackage.json"}
    | {f"{t}.{ext}" for t in KEYS for ext in ("json", "parquet", "csv")}
)


def foreign_entries(folder: Path) -> list[str]:
    """What in `folder` no build wrote: [] for a missing or empty folder or a build's own files."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        return [folder.name]
    entries = sorted(p.name for p in folder.iterdir())
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            written = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        except (OSError, ValueError, KeyError, TypeError):
            written = set()
        return [name for name in entries if name != MANIFEST and name not in written]
    if "edition.json" in entries:  # a build of a version that kept no manifest
        return [name for name in entries if name not in _LEGACY_FILES]
    return entries


def write_manifest(folder: Path) -> None:
    """Name every file of `folder` (with its size and sha256) as written by this build."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST:
            data = path.read_bytes()
            files[path.name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    document = {"format": FORMAT, "files": files}
    (folder / MANIFEST).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _check_replaceable(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InputError(f"--out {target}: is a file, not a build folder; refusing to replace it")
    foreign = foreign_entries(target)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InputError(f"--out {target}: holds files a qingdan build did not write ({shown}); refusing to replace it")


def _locked(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None if another process holds it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _tidy(target: Path) -> None:
    """Undo what an interrupted build left beside `target`: restore a retired build if the
    swap was cut between its two renames, remove staging folders whose writer is gone."""
    parent = target.parent
    retired = sorted(parent.glob(f".{target.name}{_RETIRED}*"), key=lambda p: p.stat().st_mtime)
    if retired and not target.exists():
        os.rename(retired.pop(), target)
    for leftover in retired + list(parent.glob(f".{target.name}{_STAGING}*")):
        fd = _locked(leftover)
        if fd is not None:  # nobody writes it any more
            try:
                shutil.rmtree(leftover, ignore_errors=True)
            finally:
                os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(staging: Path, target: Path) -> None:
    """Put the complete `staging` folder at `target`, removing the build it replaces."""
    try:
        os.rename(staging, target)  # no build there yet
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
    if _exchange(staging, target):
        shutil.rmtree(staging)  # it holds the replaced build now
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}{_RETIRED}", dir=target.parent))
    retired.rmdir()
    os.rename(target, retired)
    try:
        os.rename(staging, target)  # killed before this: the next build restores `retired`
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """An empty folder to write a build into; when the block ends without an error, it takes
    `target`'s place whole. Refuses (InputError) a target holding files no build wrote."""
    target = Path(os.path.abspath(target))
    _check_replaceable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _tidy(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}", dir=target.parent))
    except OSError as exc:
        raise InputError(f"--out {target}: cannot write there ({exc.strerror})") from None
    lock = _locked(staging)
    try:
        yield staging
        write_manifest(staging)
        os.chmod(staging, 0o755)
        _check_replaceable(target)  # still nothing of a user's there
        _swap_in(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"--out {target}: cannot write there ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if lock is not None:
            os.close(lock)
