"""Word forms: headings say "Директорам навчальних закладів", front matter says "Директори …".

pymorphy3 (with its Ukrainian and Russian dictionaries) gives each word's lemma, so a dative
heading and a nominative name compare equal without hand-written inflection tables.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3

_WORD = re.compile(r"[\w’'ʼ-]+", re.UNICODE)


@cache
def _analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru" if lang == "ru" else "uk")


def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The one (cached) analyzer per language, shared with the importers' case changes."""
    return _analyzer(lang)


@cache
def lemmas(word: str, lang: str) -> frozenset[str]:
    """Every dictionary form a word may be: "малій" is a surname or the adjective "малий"."""
    lowered = word.lower().replace("ʼ", "’").replace("'", "’")
    if not lowered.isalpha() or len(lowered) < 3:
        return frozenset({lowered})
    return frozenset(p.normal_form for p in _analyzer(lang).parse(lowered)) or frozenset({lowered})


def _word_forms(word: str, lang: str) -> frozenset[str]:
    """Hyphenated compounds ("Тренерам-викладачам") are inflected part by part."""
    parts = [part for part in word.split("-") if part]
    if len(parts) == 1:
        return lemmas(parts[0], lang)
    return frozenset({"-".join(min(lemmas(part, lang)) for part in parts)})


@lru_cache(maxsize=65536)
def lemma_key(phrase: str, lang: str) -> tuple[frozenset[str], ...]:
    """Per word, the lemmas it may have; see `same_name`."""
    return tuple(_word_forms(word, lang) for word in _WORD.findall(phrase))


def same_name(first: str, second: str, lang: str) -> bool:
    """True when two phrases are the same words in any grammatical case, word by word."""
    a, b = lemma_key(first, lang), lemma_key(second, lang)
    return bool(a) and len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


def lemma_text(phrase: str, lang: str) -> str:
    """One stable lemma per word, for similarity ranking ("did you mean …?")."""
    return " ".join(min(forms) for forms in lemma_key(phrase, lang))


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


def has_infinitive(phrase: str, lang: str) -> bool:
    """'Утвердить', '… подати на затвердження …': an instruction, never an addressee's name."""
    for word in _WORD.findall(phrase):
        parses = _analyzer(lang).parse(word.lower())
        grammemes = str(parses[0].tag).replace(" ", ",").split(",") if parses else []
        if ("INFN" in grammemes or "infn" in grammemes) and parses[0].score >= 0.3:
            return True
    return False
