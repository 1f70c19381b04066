"""Alphabetical order as readers expect it: Ukrainian Ґ after Г, Є after Е, І and Ї after И,
and "№ 5" before "№ 12". ICU's uk_UA/ru_RU collators with numeric collation do exactly this;
plain DUCET (pyuca) folds Ґ into Г and sorts digits one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import icu

_LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_US"}


@cache
def _collator(lang: str) -> icu.Collator:
    collator = icu.Collator.createInstance(icu.Locale(_LOCALES.get(lang, "uk_UA")))
    collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return collator


def sort_key(lang: str) -> Callable[[str], bytes]:
    """A key function for sorted(): the language's alphabet, numbers by value."""
    return _collator(lang).getSortKey
