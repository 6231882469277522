"""convert: a Word or WPS document (.doc, .wps) or a WPS spreadsheet xlrd cannot read (.et), converted
by LibreOffice (`soffice --headless`) to .docx or .xlsx, which the readers read. Without LibreOffice,
the input is refused with what to do instead."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import InputError

TIMEOUT = 300  # seconds a conversion may take


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def has_soffice() -> bool:
    return _soffice() is not None


@contextmanager
def converted(path: Path, to: str) -> Iterator[Path]:
    """The file converted to `to` (docx or xlsx) in a temporary folder, removed afterwards."""
    soffice = _soffice()
    if soffice is None:
        kind = "a Word 97–2003 or WPS document" if to == "docx" else "an Excel 97–2003 or WPS workbook"
        raise InputError(f"{kind}: convert it to .docx/.xlsx first, or install LibreOffice (soffice)")
    with tempfile.TemporaryDirectory(prefix="qingdan-convert-") as folder:
        profile = Path(folder) / "profile"  # its own profile: no clash with a LibreOffice already running
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                   "--outdir", folder, str(path.absolute())]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice took over {TIMEOUT} s to convert it to .{to}") from None
        out = Path(folder) / f"{path.stem}.{to}"
        if not out.is_file():
            raise InputError(f"LibreOffice could not convert it to .{to} (damaged, or protected by a password)")
        yield out
