"""The issuing body, in the nominative, as front matter names it.

Where documents say who issued them, in order of trust: "РІШЕННЯ / колегії управління освіти
…" (genitive after the kind), "засідання педради" (protocols), the header's organisation lines
("ХАРКІВСЬКА МІСЬКА РАДА / ВИКОНАВЧИЙ КОМІТЕТ" → "Виконавчий комітет Харківської міської
ради"), the subject of the formula ("…, Екатеринбургская городская Дума решила:") and the
signer's post ("Глава администрации города Канаш" → "Администрация города Канаш").
"""

from __future__ import annotations

import re

from sitegen.importers.inflect import can_be, expand, inflect_phrase
from sitegen.importers.kinds import EVENT_KINDS, kind_in
from sitegen.importers.persons import PERSON
from sitegen.importers.requisites import continuation, title_lines
from sitegen.importers.zones import POST, Zones
from sitegen.parse.morphology import analyzer, lemma_text

_ORGAN = re.compile(
    r"\b(?:міністерств\w*|рад[аиі]|комітет\w*|управлінн\w*|відділ\w*|департамент\w*"
    r"|адміністраці\w*|колегі\w*|голова|министерств\w*|администраци\w*|дум[аы]|совет\w*"
    r"|комитет\w*|управлени\w*|отдел\w*|глава|мэри\w*|инспекци\w*|інспекці\w*|клуб\w*)\b",
    re.I,
)
_EXECUTIVE = re.compile(r"^(?:виконавчий\s+комітет|исполнительный\s+комитет|администрация)$", re.I)
_NAME_WORDS = frozenset({"NOUN", "ADJF"})
_COUNCIL = re.compile(r"\b(?:рада|совет|дума)$", re.I)
_EVENTS = frozenset(
    {"вебінар", "вебинар", "семінар", "семинар", "конференція", "конференция", "нарада"}
    | {"совещание", "засідання", "заседание", "круглий", "круглый", "форум", "зліт", "слет"}
)
_MEETING = re.compile(r"\b(?:засідання|заседания)\s+(?P<organ>.+)$", re.I)


def proper_words(text: str, lang: str) -> frozenset[str]:
    """Lemmas of words written capitalised inside sentences: 'України', 'Харківської'."""
    found = re.findall(r"(?<=[\w,;:»\"]\s)([А-ЯІЇЄҐЁ][а-яіїєґё’'-]+)", text)
    return frozenset(lemma_text(word, lang) for word in found)


def restore_case(text: str, lang: str, proper: frozenset[str]) -> str:
    """'ХАРКІВСЬКА МІСЬКА РАДА' → 'Харківська міська рада' (capitals only where the text uses
    them); abbreviations the dictionary does not know ('ЗОШ', 'МКУ') stay in capitals."""
    if not text.isupper():
        return text

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        lowered = token.lower()
        if len(token) <= 5 and not analyzer(lang).word_is_known(lowered):
            return token
        parses = analyzer(lang).parse(lowered)
        named = bool(parses) and bool({"Geox", "Name", "Surn", "Orgn"} & set(_grammemes(parses[0])))
        unknown = not analyzer(lang).word_is_known(lowered)  # a place's name, most likely
        if match.start() == 0 or text[match.start() - 1] in '"«' or unknown or named:
            return lowered[:1].upper() + lowered[1:]
        if lemma_text(token, lang) in proper:
            return lowered[:1].upper() + lowered[1:]
        return lowered

    return re.sub(r"[^\W\d_][\w’'ʼ-]*", word, text)


def _grammemes(parse: object) -> list[str]:
    return str(parse.tag).replace(" ", ",").split(",")  # type: ignore[attr-defined]


def _nominative_of(phrase: str, lang: str) -> str:
    named = inflect_phrase(phrase, lang, "gent")
    return named[:1].upper() + named[1:]


def read_body(zones: Zones, lang: str, kind: str | None) -> str | None:
    proper = proper_words(" ".join([*zones.preamble, *zones.operative]), lang)
    for find in (_meeting, _after_kind, _organ_lines):
        if found := find(zones.header, lang, kind, proper):
            return found
    return _formula_subject(zones, lang) or _from_signature(zones.tail, lang)


def _after_kind(
    header: list[str], lang: str, kind: str | None, proper: frozenset[str]
) -> str | None:
    """'РІШЕННЯ / колегії управління освіти …' and 'Рекомендации международного семинара …'."""
    for index, line in enumerate(header):
        if not kind_in(line):
            continue
        words = line.split(maxsplit=1)
        rest = words[1] if len(words) > 1 and words[1][:1].islower() else None
        following = continuation(header, index)
        if rest is None and following:
            rest, following = following[0], following[1:]
        if rest and following and following[0][:1] in '«"':
            rest = f"{rest} {following[0]}"
        if rest is None or not can_be(rest.split()[0], lang, "gent", _NAME_WORDS):
            continue
        rest = rest.rstrip(".")
        if kind in EVENT_KINDS or any(lemma_text(w, lang) in _EVENTS for w in rest.split()[:2]):
            participants = "Учасники" if lang == "uk" else "Участники"
            return f"{participants} {rest}"
        return _nominative_of(rest, lang)
    return None


def _meeting(header: list[str], lang: str, kind: str | None, proper: frozenset[str]) -> str | None:
    """Protocols: 'засідання педради' → 'Педагогічна рада' (+ 'Матіївської ЗОШ …' below)."""
    for index, line in enumerate(header):
        match = _MEETING.search(line)
        if match is None:
            continue
        organ = re.split(r"\s+(?:від|от|№)\s", match["organ"])[0].strip()
        words = organ.split()
        organ = expand(words[0], lang) if len(words) == 1 else inflect_phrase(organ, lang, "gent")
        for following in header[index + 1 : index + 4]:
            if following and _is_genitive_name(following, lang):
                organ = f"{organ} {following}"
                break
        return organ[:1].upper() + organ[1:]
    return None


def _is_genitive_name(line: str, lang: str) -> bool:
    first = line.split()[0]
    if not first[:1].isupper() or PERSON.search(line) or POST.match(line):
        return False
    return any(p.tag.case == "gent" and p.tag.POS == "ADJF" for p in analyzer(lang).parse(first))


def _organ_lines(
    header: list[str], lang: str, kind: str | None, proper: frozenset[str]
) -> str | None:
    skip = set(title_lines(header))
    organs: list[str] = []
    for index, line in enumerate(header):
        if index in skip or not line or kind_in(line) or not _ORGAN.search(line):
            continue
        if len(line.split()) > 12:
            continue
        following = header[index + 1] if index + 1 < len(header) else ""
        if following.startswith(('"', "«")):
            line = f"{line} {following}"
        organs.append(restore_case(line, lang, proper))
    if not organs:
        return None
    last = organs[-1]
    councils = [o for o in organs[:-1] if _COUNCIL.search(o)]
    if _EXECUTIVE.match(last) and councils:
        return f"{last} {inflect_phrase(councils[-1], lang, 'nomn', 'gent')}"
    return last


def _formula_subject(zones: Zones, lang: str) -> str | None:
    """'…, Екатеринбургская городская Дума решила:' → 'Екатеринбургская городская Дума'."""
    if not zones.formula or not zones.preamble:
        return None
    last = re.split(r"[,;:]\s+", zones.preamble[-1])[-1].strip()
    if not _ORGAN.search(last) or len(last.split()) > 12 or last.endswith("."):
        return None
    return last[:1].upper() + last[1:]


def _from_signature(tail: list[str], lang: str) -> str | None:
    """'Глава администрации города Канаш' → 'Администрация города Канаш'; 'Глава … района'."""
    for index, line in enumerate(tail):
        if not re.match(r"^(?:(?:и\.\s?о\.|в\.\s?о\.)\s*)?(?:глава|голова|главы)\b", line, re.I):
            continue
        following = [] if PERSON.search(line) else tail[index + 1 : index + 3]
        post = " ".join([line, *[t for t in following if not PERSON.search(t)]])
        post = " ".join(PERSON.sub("", post).split())
        rest = re.sub(r"^(?:(?:и\.\s?о\.|в\.\s?о\.)\s*)?\w+\s*", "", post, flags=re.I)
        if rest and _ORGAN.match(rest):
            return _nominative_of(rest, lang)
        return post or None
    return None
