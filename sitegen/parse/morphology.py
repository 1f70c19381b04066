"""Word forms: headings say "Директорам навчальних закладів", front matter says "Директори …".

pymorphy3 (with its Ukrainian and Russian dictionaries) gives each word's lemma, so a dative
heading and a nominative name compare equal without hand-written inflection tables.
"""

from __future__ import annotations

import re
from functools import cache

import pymorphy3

_WORD = re.compile(r"[\w’'ʼ-]+", re.UNICODE)


@cache
def _analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru" if lang == "ru" else "uk")


@cache
def lemma(word: str, lang: str) -> str:
    lowered = word.lower().replace("ʼ", "’").replace("'", "’")
    if not lowered.isalpha() or len(lowered) < 3:
        return lowered
    parses = _analyzer(lang).parse(lowered)
    return parses[0].normal_form if parses else lowered


def lemma_key(phrase: str, lang: str) -> tuple[str, ...]:
    """The lemmas of a phrase's words: equal for the same name in any grammatical case."""
    return tuple(lemma(word, lang) for word in _WORD.findall(phrase))


def surname_nominative(surname: str, lang: str, case: str = "accs") -> str:
    """'Иванову' → 'Иванова': the control clause names a person in the accusative.

    Only a surname parse in that case is trusted; without one (the dictionary may not know
    the feminine form) the word is kept as written rather than guessed into another gender.
    """
    for parse in _analyzer(lang).parse(surname):
        if "Surn" in parse.tag and parse.tag.case == case:
            inflected = parse.inflect({"nomn"})
            if inflected:
                return inflected.word[:1].upper() + inflected.word[1:]
    return surname
