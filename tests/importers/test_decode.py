"""Encodings and line ends: detected by charset-normalizer, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.importers.decode import UndecodableError, decode

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "РІШЕННЯ\nколегії управління освіти\n1. Довідку взяти до відома.\n"
RUSSIAN = "ПРИКАЗ\nот 15.08.2019 N 112\nПРИКАЗЫВАЮ:\n1. Провести совещание.\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.replace("\n", "\r\n").encode("cp1251"), "Windows-1251"),
        (RUSSIAN.encode("koi8_r"), "KOI8-R"),
        (RUSSIAN.encode("cp1251"), "Windows-1251"),
    ],
)
def test_encodings_and_line_ends(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert decoded.encoding == encoding
    assert "\r" not in decoded.text and "\ufeff" not in decoded.text
    assert decoded.text in (TEXT, RUSSIAN)


def test_fixture_files_are_what_their_names_say() -> None:
    assert decode((FIXTURES / "nakaz-45-cp1251.txt").read_bytes()).encoding == "Windows-1251"
    assert decode((FIXTURES / "prikaz-112-koi8r.txt").read_bytes()).encoding == "KOI8-R"
    assert b"\r\n" in (FIXTURES / "nakaz-45-cp1251.txt").read_bytes()


def test_binary_files_are_refused() -> None:
    with pytest.raises(UndecodableError):
        decode(b"%PDF-1.4\x00\x01\x02\x03binary")
