"""People named in clauses and signatures, as front matter writes them: "Сорока Л.С.".

Documents write "покласти на … Сороку Л.С.", "(Удод О. А.)", "Р.Р. Рахманкулова", "А.А.ЛАЙПАНОВ".
A control clause names its person in the accusative; a remark in parentheses usually in the
nominative (then a form that can be nominative is kept: "(Москвина Е.А.)"). Surnames are put
into the nominative with pymorphy3's dictionaries; a surname they do not know in that case is
kept as written rather than guessed.
"""

from __future__ import annotations

import re

from sitegen.parse.morphology import analyzer

_UPPER = "А-ЯІЇЄҐЁ"
_LOWER = "а-яіїєґё’'ʼ-"
_INITIALS = rf"[{_UPPER}]\.\s*(?:[{_UPPER}]\.)?"
_SURNAME = rf"[{_UPPER}][{_LOWER}]+"
_CAPS_SURNAME = rf"{_SURNAME}|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?"
PERSON = re.compile(
    rf"(?<![\w.])(?:(?P<s1>{_SURNAME})\s+(?P<i1>{_INITIALS})(?!\s*[{_UPPER}])"
    rf"|(?P<i2>{_INITIALS})\s*(?P<s2>{_CAPS_SURNAME}))(?![{_LOWER}{_UPPER}])"
)
# "Степан БУЗАНОВСЬКИЙ": a first name and a surname in capitals, as signatures now write them.
_FULL_NAME = re.compile(rf"\b[{_UPPER}][{_LOWER}]+\s+[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?\b")
_IN_PARENTHESES = re.compile(r"\(([^()]*)\)")


def _initials(text: str) -> str:
    return "".join(text.split())


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word.isupper() else word


def surname_nominative(word: str, lang: str, case: str | None) -> str:
    """'Сороку' (accs) → 'Сорока'; with `case` None a form that can be nominative is kept."""
    parses = [p for p in analyzer(lang).parse(word.lower()) if "Surn" in p.tag]
    if case is None and any(p.tag.case == "nomn" for p in parses):
        return _title(word)
    wanted = [case] if case else ["accs", "gent", "datv"]
    for wanted_case in wanted:
        for parse in parses:
            if parse.tag.case == wanted_case or (
                wanted_case == "accs" and parse.tag.case == "gent" and parse.tag.gender == "masc"
            ):
                inflected = parse.inflect({"nomn"})
                if inflected:
                    return _title(inflected.word[:1].upper() + inflected.word[1:])
    return _feminine(word, lang) or _title(word)


def known_nominative(surname: str, lang: str) -> bool:
    """Whether some reading of `surname` is a nominative: 'Кузьміну' has none, so a report asks
    the editor to check it."""
    return any(p.tag.case == "nomn" for p in analyzer(lang).parse(surname.lower()))


def _can_be_nominative(word: str, lang: str) -> bool:
    return any(
        "Surn" in p.tag and p.tag.case == "nomn" for p in analyzer(lang).parse(word.lower())
    ) or not any("Surn" in p.tag for p in analyzer(lang).parse(word.lower()))


def _feminine(word: str, lang: str) -> str | None:
    """'Могилеву' → 'Могилева' when the dictionary knows that as a woman's surname."""
    if not word.lower().endswith(("у", "ю")):
        return None
    candidate = word[:-1] + ("а" if word.lower().endswith("у") else "я")
    for parse in analyzer(lang).parse(candidate.lower()):
        if "Surn" in parse.tag and parse.tag.gender == "femn" and parse.tag.case == "nomn":
            return _title(candidate)
    return None


def people(text: str, lang: str, case: str | None = "accs") -> list[str]:
    """Every person named in `text`, nominative, "Surname I.I."; in parentheses `case` is None
    unless the form cannot be nominative."""
    inside = {m.span(1) for m in _IN_PARENTHESES.finditer(text)}
    found: list[str] = []
    for match in PERSON.finditer(text):
        surname = match["s1"] or match["s2"]
        initials = _initials(match["i1"] or match["i2"])
        in_remark = any(a <= match.start() and match.end() <= b for a, b in inside)
        if in_remark and (case is None or _can_be_nominative(surname, lang)):
            nominative = surname_nominative(surname, lang, None)
        else:
            nominative = surname_nominative(surname, lang, case)
        person = f"{nominative} {initials}"
        if person not in found:
            found.append(person)
    return found


def signer(lines: list[str]) -> str | None:
    """The name under a signature as written: 'С.В. Мартинюк', 'Степан БУЗАНОВСЬКИЙ'."""
    for line in lines:
        if match := PERSON.search(line) or _FULL_NAME.search(line):
            return " ".join(match.group(0).split())
    return None


def signer_person(written: str, lang: str) -> str:
    """'Б. М. Жебровський' → 'Жебровський Б.М.' (a signature is in the nominative)."""
    if match := PERSON.search(written):
        surname = match["s1"] or match["s2"]
        return f"{_title(surname)} {_initials(match['i1'] or match['i2'])}"
    return written
