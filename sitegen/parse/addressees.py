"""Addressee headings: "ІІ. Директорам навчальних закладів:" → the declared addressee it names.

A heading matches a front-matter name when, after its number, bold markers, colon and
parenthesised remark are removed, it equals the name or an alias ignoring case, or has the same
word lemmas (the dative of the heading against the nominative of the name).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from sitegen.model import AddresseeName
from sitegen.parse.morphology import lemma_text, same_name

ROMAN = "IVXІХ"  # Latin and the Cyrillic look-alikes the documents use ("ІІ.")
_NUMBER = re.compile(rf"^\s*(?P<number>(?:\d+(?:\.\d+)*|[{ROMAN}]+))\s*[.)]\s*")
_REMARK = re.compile(r"\(([^()]*)\)")
_PERSON = re.compile(
    r"[А-ЯІЇЄҐЁ][а-яіїєґё’'ʼ-]+\s+[А-ЯІЇЄҐЁ]\.\s*(?:[А-ЯІЇЄҐЁ]\.)?"
    r"|[А-ЯІЇЄҐЁ]\.\s*(?:[А-ЯІЇЄҐЁ]\.)?\s*[А-ЯІЇЄҐЁ][а-яіїєґё’'ʼ-]+"
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading split into its parts; `name` is what is matched against addressees."""

    number: str | None
    name: str
    remark: str | None
    responsible: str | None
    ends_with_colon: bool


def split_heading(text: str) -> Heading:
    text = text.strip().replace("*", "").strip()
    number = None
    if match := _NUMBER.match(text):
        number = match.group("number")
        text = text[match.end() :]
    ends_with_colon = text.rstrip().endswith(":")
    text = text.rstrip().rstrip(":").strip()
    remarks = _REMARK.findall(text)
    name = " ".join(_REMARK.sub(" ", text).split()).strip(" ,")
    remark = "; ".join(r.strip() for r in remarks) or None
    return Heading(number, name, remark, person_in(remark) if remark else None, ends_with_colon)


def person_in(text: str) -> str | None:
    """'завідувач Герасим Н.П.' → 'Герасим Н.П.': the named person, without the role."""
    found = persons_in(text)
    return found[-1] if found else None


def persons_in(text: str) -> list[str]:
    """'Чехунов М.В., Покроєв А.Г.' → both: a clause may name several responsible people."""
    return [" ".join(found.split()) for found in _PERSON.findall(text)]


@dataclass(frozen=True, slots=True)
class AddresseeMatcher:
    """Matches heading names against one document's declared addressees."""

    addressees: tuple[AddresseeName, ...]
    lang: str

    def match(self, name: str) -> str | None:
        return _match(name, self.addressees, self.lang)

    def closest(self, name: str) -> str | None:
        """The declared name most like an unmatched heading, for "did you mean …?"."""
        by_key = {lemma_text(a.name, self.lang): a.name for a in self.addressees}
        found = difflib.get_close_matches(lemma_text(name, self.lang), by_key, n=1, cutoff=0.5)
        return by_key[found[0]] if found else None


@lru_cache(maxsize=65536)
def _match(name: str, addressees: tuple[AddresseeName, ...], lang: str) -> str | None:
    """Cached: a corpus repeats the same headings and addressee lists thousands of times."""
    folded = _fold(name)
    for addressee in addressees:
        if folded in {_fold(spelling) for spelling in (addressee.name, *addressee.aliases)}:
            return addressee.name
    for addressee in addressees:
        spellings = (addressee.name, *addressee.aliases)
        if any(same_name(name, spelling, lang) for spelling in spellings):
            return addressee.name
    return None


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("ʼ", "'").split()).casefold()
