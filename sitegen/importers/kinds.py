"""Kinds of documents and the words that name them, in Ukrainian and Russian.

A header says "РІШЕННЯ", "Постановление от …" or "Витяг із протоколу №2"; without one, the
formula tells ("НАКАЗУЮ:" → наказ, "ПРИКАЗЫВАЮ:" → приказ).
"""

from __future__ import annotations

import re

_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "uk": (
        ("рішення", r"рішенн(?:я|ям)"),
        ("наказ", r"наказу?"),
        ("розпорядження", r"розпорядженн(?:я|ям)"),
        ("постанова", r"постанов[аиу]"),
        ("протокол", r"протокол[ау]?"),
        ("резолюція", r"резолюці[яї]"),
        ("рекомендації", r"рекомендаці[їя]"),
        ("ухвала", r"ухвал[аи]"),
    ),
    "ru": (
        ("решение", r"решени[ея]"),
        ("приказ", r"приказа?"),
        ("распоряжение", r"распоряжени[ея]"),
        ("постановление", r"постановлени[ея]"),
        ("протокол", r"протокола?"),
        ("резолюция", r"резолюци[яи]"),
        ("рекомендации", r"рекомендаци[ия]"),
    ),
}
_EXTRACT = r"(?:(?:витяг|выписка)\s+(?:з|із|из)\s+)?"
_FORMULA_KINDS = (
    (r"наказую", "наказ"),
    (r"приказываю|обязываю", "приказ"),
    (r"розпоряджаюсь", "розпорядження"),
    (r"распоряжаюсь", "распоряжение"),
    (r"постановля[єю]|постановил", "постанова"),
    (r"постановля(?:ет|ю|ют)|постановил", "постановление"),
    (r"вирішил|вирішив|вирішу|ухвал", "рішення"),
    (r"решил|реша", "решение"),
    (r"рекоменду[єю]", "рекомендації"),
    (r"рекоменду(?:ет|ют)", "рекомендации"),
)
EVENT_KINDS = frozenset({"резолюція", "рекомендації", "резолюция", "рекомендации"})


def detect_lang(text: str) -> str:
    """uk or ru by the letters only one of the two alphabets has."""
    lowered = text.lower()
    ukrainian = sum(lowered.count(c) for c in "іїєґ")
    russian = sum(lowered.count(c) for c in "ыэъё")
    return "ru" if russian > ukrainian else "uk"


def kind_in(line: str) -> str | None:
    """The kind a header line names at its start ("Р І Ш Е Н Н Я", "Витяг із протоколу №2")."""
    for forms in _KINDS.values():
        for kind, pattern in forms:
            if re.match(rf"{_EXTRACT}{pattern}(?![\w-])", line, re.I):
                return kind
    return None


def read_kind(lines: list[str], formula: str | None, lang: str) -> str | None:
    """The first kind a header (or trailer) line names, else the one the formula implies."""
    for line in lines:
        if found := kind_in(line):
            return found
    if formula:
        for pattern, kind in _FORMULA_KINDS:
            if re.search(pattern, formula, re.I) and _lang_of_kind(kind) == lang:
                return kind
    return None


def _lang_of_kind(kind: str) -> str:
    return next(lang for lang, forms in _KINDS.items() if any(k == kind for k, _ in forms))
