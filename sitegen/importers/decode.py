"""Bytes → text: documents arrive as UTF-8 (with or without BOM), Windows-1251 or KOI8-R.

The encoding is detected by charset-normalizer, never guessed by hand. Its candidates are
limited to the encodings Ukrainian and Russian documents are actually saved in: without that,
a short Windows-1251 file can come out as Mac Cyrillic, which decodes without error into
nonsense.
"""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

CANDIDATES = ("utf_8", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5")
_NAMES = {
    "utf_8": "UTF-8",
    "cp1251": "Windows-1251",
    "koi8_r": "KOI8-R",
    "koi8_u": "KOI8-U",
    "cp866": "CP866",
    "iso8859_5": "ISO-8859-5",
}


class UndecodableError(ValueError):
    """The bytes are in none of the candidate encodings (a binary file, a PDF)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # LF line ends, no BOM
    encoding: str  # as the report names it: "UTF-8", "Windows-1251", "KOI8-R"


def decode(raw: bytes) -> Decoded:
    """Detect the encoding, decode, drop a BOM and turn CRLF/CR into LF."""
    if not raw.strip():
        return Decoded("", "UTF-8")
    if b"\x00" in raw:
        raise UndecodableError("the file contains NUL bytes; is it a binary document?")
    best = from_bytes(raw, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise UndecodableError("cannot tell the text encoding (not UTF-8, Windows-1251 or KOI8-R)")
    name = _NAMES.get(best.encoding, best.encoding)
    text = str(best).removeprefix("\ufeff")
    return Decoded(_lines(text), f"{name} with BOM" if best.bom else name)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
