"""decode: the bytes of a converter's text → SourceText (decoded, line endings unified, control
characters removed and noted)."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from ...core.text import strip_controls
from ...model import InputError, SourceText
from ...settings import DEFAULT, TextSettings

# Tried in order when there is no byte-order mark. GB18030 is a superset of GBK and GB2312.
_FALLBACK_ENCODINGS = ("utf-8", "gb18030")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raise InputError for empty or binary input."""
    if not data.strip():
        raise InputError("empty input: no text to read")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"not {encoding} text despite its byte-order mark: {exc}") from None
    if b"\x00" in data:
        raise InputError("binary input: NUL bytes and no UTF-16 byte-order mark")
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError("undecodable input: neither UTF-8 nor GB18030 text")


def load_text(path: Path, settings: TextSettings = DEFAULT.text) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if sum(ch.isprintable() or ch.isspace() for ch in text) < settings.printable_share * len(text):
        raise InputError("binary input: mostly unprintable characters")
    lines, notes = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        line, codes = strip_controls(line)
        lines.append(line)
        if codes:
            notes.append((f"line {number}", f"control characters {codes} removed"))
    return SourceText(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=tuple(lines),
        notes=tuple(notes),
    )
