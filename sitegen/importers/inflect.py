"""Case changes for names the documents write in the dative, genitive or accusative.

Front matter wants addressees and bodies in the nominative ("Директори навчальних закладів"),
the documents say "Директорам навчальних закладів", "колегії управління освіти …" or "возложить
на начальника отдела образования". Only the head noun phrase changes case: the adjectives that
agree with the head noun and the head itself; genitive dependents ("закладів позашкільної
освіти") stay as written. Every form comes from pymorphy3's dictionaries, never from a table.
"""

from __future__ import annotations

import re

from pymorphy3.analyzer import Parse

from sitegen.parse.morphology import analyzer, has_infinitive

_TOKEN = re.compile(r"[\w’'ʼ-]+|[^\w’'ʼ-]+")
_WORD = re.compile(r"[^\W\d_][\w’'ʼ-]*")
_MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR"})
# Words that only point back ("данных учреждений", "зазначених закладів"): not part of a name.
_ANAPHORIC = frozenset(
    {"данных", "даних", "этих", "цих", "указанных", "зазначених", "вказаних", "названных"}
)
ABBREVIATIONS = {"педрада": "педагогічна рада", "педсовет": "педагогический совет"}


def is_infinitive(word: str, lang: str) -> bool:
    """'Утвердить', 'затвердити': a clause, not a name, starts with one."""
    return has_infinitive(word, lang)


def can_be(word: str, lang: str, case: str, pos: frozenset[str] = frozenset({"NOUN"})) -> bool:
    """Whether some reading of `word` is one of `pos` in `case` (dative for addressees)."""
    return any(p.tag.case == case and p.tag.POS in pos for p in analyzer(lang).parse(word.lower()))


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _readings(word: str, lang: str, case: str, pos: frozenset[str]) -> list[Parse]:
    return [
        p
        for p in analyzer(lang).parse(word.lower())
        if p.tag.POS in pos and (p.tag.case == case or _animate_accusative(p, case))
    ]


def _animate_accusative(parse: Parse, case: str) -> bool:
    """'директоров', 'начальника': an animate accusative is written like the genitive."""
    return case == "accs" and parse.tag.case == "gent" and parse.tag.animacy == "anim"


def _number(parse: Parse) -> str:
    return str(parse.tag.number or "sing")  # the Ukrainian dictionary leaves singular unmarked


def _agreeing(modifiers: list[Parse], head: Parse) -> Parse | None:
    for modifier in modifiers:
        if _number(modifier) != _number(head):
            continue
        if _number(head) == "plur" or modifier.tag.gender in (None, head.tag.gender):
            return modifier
    return None


def inflect_phrase(phrase: str, lang: str, case: str, target: str = "nomn") -> str:
    """The head noun phrase of `phrase`, read in `case`, put into `target`; the rest as written.

    'Керівникам закладів позашкільної освіти' (datv) → 'Керівники закладів позашкільної освіти';
    'ХАРКІВСЬКА МІСЬКА РАДА' (nomn → gent) → 'ХАРКІВСЬКОЇ МІСЬКОЇ РАДИ'. A phrase whose first
    words are no noun phrase in `case` comes back unchanged.
    """
    tokens = _TOKEN.findall(phrase)
    words = [i for i, t in enumerate(tokens) if _WORD.fullmatch(t)]
    modifiers: list[tuple[int, list[Parse]]] = []
    head: tuple[int, Parse] | None = None
    for index in words:
        nouns = _readings(tokens[index], lang, case, frozenset({"NOUN"}))
        readings = _readings(tokens[index], lang, case, _MODIFIERS)
        if nouns and not (readings and _next_is_word(tokens, words, index)):
            head = (index, nouns[0])
            break
        if not readings:
            return phrase
        modifiers.append((index, readings))
    if head is None:
        return phrase
    index, noun = head
    changed = {index: _form(noun, {target, _number(noun)})}
    for position, readings in modifiers:
        modifier = _agreeing(readings, noun)
        if modifier is None:
            return phrase
        grammemes = {target, _number(noun)}
        if _number(noun) == "sing" and noun.tag.gender:
            grammemes.add(str(noun.tag.gender))
        changed[position] = _form(modifier, grammemes)
    _agreeing_participle(tokens, words, index, noun, case, target, lang, changed)
    for position, word in changed.items():
        tokens[position] = _cased(word, tokens[position])
    return "".join(tokens)


def _next_is_word(tokens: list[str], words: list[int], index: int) -> bool:
    later = [i for i in words if i > index]
    return bool(later) and tokens[index + 1].isspace() and later[0] == index + 2


def _grammemes(parse: Parse) -> set[str]:
    found = set(str(parse.tag).replace(" ", ",").split(","))
    return found if "plur" in found else found | {"sing"}


def _form(parse: Parse, grammemes: set[str]) -> str:
    """The lexeme's form with `grammemes`; of two ("учители"/"учителя") the one in -а/-я."""
    forms = [
        f.word for f in parse.lexeme if f.tag.POS == parse.tag.POS and grammemes <= _grammemes(f)
    ]
    if not forms:
        inflected = parse.inflect(grammemes - {"sing"})
        return inflected.word if inflected else parse.word
    if parse.tag.POS == "NOUN" and len(set(forms)) > 1:
        return next((w for w in forms if w.endswith(("а", "я"))), forms[0])
    return forms[0]


def _agreeing_participle(
    tokens: list[str],
    words: list[int],
    head: int,
    noun: Parse,
    case: str,
    target: str,
    lang: str,
    changed: dict[int, str],
) -> None:
    """'органам …, осуществляющим управление' → 'органы …, осуществляющие управление'."""
    for index in words:
        if index <= head or "," not in tokens[index - 1]:
            continue
        for reading in _readings(tokens[index], lang, case, frozenset({"PRTF"})):
            if _number(reading) == _number(noun):
                changed[index] = _form(reading, {target, _number(noun)})
                break
        return


def canonical_name(phrase: str, lang: str, case: str = "datv") -> str:
    """An addressee as front matter names it: nominative, capitalised, without 'данных'."""
    named = inflect_phrase(phrase, lang, case)
    kept = [t for t in _TOKEN.findall(named) if t.lower() not in _ANAPHORIC]
    text = " ".join("".join(kept).split())
    return text[:1].upper() + text[1:]


def expand(word: str, lang: str) -> str:
    """'педради' → 'педагогічна рада' in the nominative: the abbreviations bodies go by."""
    parses = analyzer(lang).parse(word.lower())
    lemma = parses[0].normal_form if parses else word.lower()
    return ABBREVIATIONS.get(lemma, lemma)
