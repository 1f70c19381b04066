"""Who a point asks to act: addressee headings, and addressees named inside a clause.

Headings: "ІІ. Директорам навчальних закладів:", "3. Міському методичному центру (завідувач
Герасим Н.П.)" — a dative noun phrase with no verb. Inside clauses: a leading dative before the
infinitive ("Управлінню освіти (Купріяненко В. П.) розробити …"), the object of "Рекомендувати /
Предложить / Поручить" (dative) or "Обязать" (accusative), and "Ответственность … возложить на
директоров …". Every name is put into the nominative for front matter; the written form is kept
as an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.importers.inflect import can_be, canonical_name, is_infinitive
from sitegen.importers.persons import people
from sitegen.parse.addressees import split_heading
from sitegen.parse.morphology import analyzer

_CASE_WORDS = frozenset({"NOUN", "ADJF", "PRTF"})
_STOP_WORDS = frozenset(
    [
        "до",
        "з",
        "із",
        "зі",
        "в",
        "у",
        "на",
        "по",
        "к",
        "с",
        "о",
        "об",
        "для",
        "щодо",
        "протягом",
        "не",
        "згідно",
        "відповідно",
        "шляхом",
        "через",
        "та",
        "і",
        "й",
        "и",
        "а",
        "але",
        "также",
        "також",
        "при",
        "від",
        "от",
        "за",
        "під",
        "под",
        "між",
        "между",
        "після",
        "после",
    ]
)
_DIRECTIVE = re.compile(
    r"^(?P<verb>рекомендувати|рекомендовать|запропонувати|предложить|доручити|поручить"
    r"|зобов[’'ʼ]язати|обязать)\s+(?P<rest>.+)$",
    re.I,
)
_RESPONSIBILITY = re.compile(
    r"^(?:персональну\s+)?(?:відповідальність|ответственность)\b.*?\b(?:покласти|возложить)\s+на"
    r"\s+(?P<rest>.+)$",
    re.I,
)
_TOKEN = re.compile(r"«[^»]*»|\"[^\"]*\"|\([^()]*\)|[^\s(«\"]+")


@dataclass(frozen=True, slots=True)
class Named:
    """An addressee as a point writes it, its case there, and the people in its remark."""

    written: str
    case: str
    persons: tuple[str, ...] = ()


def heading(text: str, lang: str, has_children: bool) -> Named | None:
    """An addressee heading, or None: 'ІІ. Директорам навчальних закладів:'."""
    parts = split_heading(text)
    words = parts.name.split()
    if not words or len(words) > 25 or not (parts.ends_with_colon or has_children):
        return None
    if any(is_infinitive(w.strip('«»",.;'), lang) for w in words):
        return None
    first = words[0].strip('«»"')
    name_like = (first.isupper() and len(first) > 1) or words[0][:1] in '«"'
    if not (can_be(first, lang, "datv", _CASE_WORDS) or (name_like and parts.ends_with_colon)):
        return None
    persons = tuple(people(f"({parts.remark})", lang)) if parts.remark else ()
    case = "datv" if can_be(first, lang, "datv", _CASE_WORDS) else "nomn"
    return Named(parts.name, case, persons)


def run_in_heading(text: str, lang: str) -> tuple[Named, str] | None:
    """'Организационному комитету …: разместить текст …' → the heading and the clause."""
    head, colon, rest = text.partition(": ")
    if not colon or not rest[:1].islower() or not is_infinitive(rest.split()[0], lang):
        return None
    found = heading(head + ":", lang, False)
    return (found, rest) if found else None


def in_clause(text: str, lang: str) -> list[Named]:
    """The addressees a clause names in its own text, in order."""
    if match := _RESPONSIBILITY.match(text):
        return _phrases(match["rest"], lang, "accs")
    if match := _DIRECTIVE.match(text):
        case = "accs" if match["verb"].lower().startswith(("зобов", "обяз")) else "datv"
        return _phrases(match["rest"], lang, case)
    words = text.split()
    if not words or not can_be(words[0].strip('«"'), lang, "datv", _CASE_WORDS):
        return []
    found = _phrases(text, lang, "datv")
    return found if found and _infinitive_follows(text, found[-1].written, lang) else []


def _infinitive_follows(text: str, last: str, lang: str) -> bool:
    rest = text[text.find(last) + len(last) :]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    return any(is_infinitive(w.strip(",.;:"), lang) for w in rest.split()[:8])


def _phrases(text: str, lang: str, case: str) -> list[Named]:
    """Noun phrases in `case` at the start of `text`, joined by 'і/и/та' or commas after a
    remark: 'администрации … (Нестерюк Е.В.) и МБОУ … (Семушина М.А.)'."""
    found: list[Named] = []
    tokens = _TOKEN.findall(text)
    index = 0
    while index < len(tokens):
        phrase, persons, index = _phrase(tokens, index, lang, case)
        if not phrase:
            break
        found.append(Named(phrase, case, tuple(persons)))
        if not persons or index >= len(tokens) or tokens[index].lower() not in {"і", "и", "та"}:
            break
        index += 1
    return found


def _phrase(tokens: list[str], start: int, lang: str, case: str) -> tuple[str, list[str], int]:
    words: list[str] = []
    persons: list[str] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        bare = token.rstrip(",.;:")
        if token.startswith("("):
            persons = people(token, lang, case)
            index += 1
            break
        if token.startswith(("«", '"')):
            words.append(token)
            index += 1
            continue
        if not words:
            abbreviation = bare.isupper() and len(bare) > 1  # "МБОУ СОШ № 2"
            fits = can_be(bare, lang, case, _CASE_WORDS) or _animate(bare, lang, case)
            if not (fits or abbreviation):
                return "", [], start
        elif _joins_genitive(tokens, index, lang):
            words.append(token)  # "Інституту … технологій і змісту освіти": one name
            index += 1
            continue
        elif bare.isdigit() and words[-1] in {"N", "№", "№№"}:
            pass  # "школа № 5": the number is part of the name
        elif _stops(bare, lang):
            break
        words.append(bare)
        index += 1
        if bare != token:  # a comma or full stop ends the phrase
            break
    return " ".join(words), persons, index


def _joins_genitive(tokens: list[str], index: int, lang: str) -> bool:
    if tokens[index].lower() not in {"і", "й", "та", "и"} or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1].rstrip(",.;:")
    return following[:1].islower() and can_be(following, lang, "gent", _CASE_WORDS)


def _animate(word: str, lang: str, case: str) -> bool:
    return case == "accs" and can_be(word, lang, "gent", _CASE_WORDS)


def _stops(word: str, lang: str) -> bool:
    lowered = word.lower()
    if lowered in _STOP_WORDS or not re.match(r"[^\W\d_]", word) or word in {"-", "–", "—"}:
        return True
    if is_infinitive(word, lang):
        return True
    parses = analyzer(lang).parse(lowered)
    return bool(parses) and parses[0].tag.POS in {"ADVB", "VERB", "INFN", "PREP", "CONJ"}


def canonical(named: Named, lang: str) -> str:
    """The front-matter name of an addressee written in any case."""
    if named.case == "nomn":
        return named.written[:1].upper() + named.written[1:]
    return canonical_name(named.written, lang, named.case)
