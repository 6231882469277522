"""forms: which form a file is, told from its content — magic bytes, a zip's parts, a compound
file's streams, the markup — never from its name alone (a .doc saved as .txt is still Word).

  %PDF                                → pdf
  a zip with word/document.xml        → docx (Word, WPS saving as .docx)
  a zip with xl/workbook.xml          → xlsx (Excel, WPS saving as .xlsx)
  a compound file with Workbook/Book  → xls  (Excel 97–2003, WPS .et)
  a compound file with WordDocument   → doc  (Word 97–2003, WPS .wps)
  a compound file with EncryptedPackage → refused: protected by a password
  PNG, JPEG, TIFF                     → image (a scan)
  markup: <html>, <body>, <table> …   → html
  anything else                       → text (the text reader refuses what is not text)
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import InputError
from ..settings import DEFAULT, FileSettings
from .web import is_html

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF (both byte orders)


def _zip_form(path: Path, settings: FileSettings) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"damaged zip (an Office file cut short or corrupted): {exc}") from None
    unpacked = sum(info.file_size for info in infos)
    markup = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if unpacked > settings.max_unpacked or markup > settings.max_markup:
        raise InputError(
            f"too large to read: its parts unpack to {unpacked >> 20} MiB, {markup >> 20} MiB of it markup "
            f"(at most {settings.max_unpacked >> 20} and {settings.max_markup >> 20})"
        )
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(name.startswith(("word/", "xl/")) for name in names):
        raise InputError("damaged Office file: its main part (word/document.xml or xl/workbook.xml) is missing")
    raise InputError("a zip archive, not a Word or Excel file: unpack it and build each edition it holds")


def _compound_form(path: Path) -> str:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except (OSError, ValueError, IndexError) as exc:  # olefile raises these for damaged files
        raise InputError(f"damaged Office 97–2003 file: {exc}") from None
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise InputError("protected by a password: save it without one (File ▸ Info ▸ Protect), then build it")
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "WordDocument" in streams:
        return "doc"
    raise InputError("an Office 97–2003 file that is neither a Word document nor an Excel workbook")


def sniff(path: Path, settings: FileSettings = DEFAULT.files) -> str:
    """pdf, docx, xlsx, xls, doc, html, image or text. Raises InputError for a damaged, protected or
    oversized Office file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return "text"  # the text reader says why it cannot be read
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_IMAGES):
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_form(path, settings)
    if head.startswith(_OLE) or is_html(head):
        size = path.stat().st_size
        if size > settings.max_markup:
            raise InputError(f"too large to read: {size >> 20} MiB (at most {settings.max_markup >> 20})")
        return _compound_form(path) if head.startswith(_OLE) else "html"
    return "text"
