"""Phrases that cite another decision: "рішення колегії від 04.03.2020 № 1/2020-3", "решение № 5".

Parse only finds them; link decides whether they name a document of this site. Citations of
other bodies' acts (a Cabinet resolution) are common and legal, so they stay plain text.
"""

from __future__ import annotations

import re

from sitegen.model import Reference

_KINDS = (
    r"рішенн\w*|наказ\w*|постанов\w*|розпорядженн\w*|протокол\w*|резолюці\w*|рекомендаці\w*"
    r"|решени\w*|приказ\w*|распоряжени\w*|резолюци\w*|рекомендаци\w*"
)
_PHRASE = re.compile(
    rf"\b(?P<kind>{_KINDS})(?P<between>[^.;:!?№]{{0,120}}?)"
    r"(?:\s+(?:від|от)\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:р\.|г\.|року|года)?)?"
    r"\s*(?:№|N)\s*(?P<number>[\w/.-]*\w)",
    re.IGNORECASE,
)
_DATE_IN_BETWEEN = re.compile(r"\s+(?:від|от)\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\S*\s*$", re.I)


def find_references(text: str, line: int) -> list[Reference]:
    """Every citation phrase with a number in a piece of text; `target` is the number."""
    found: list[Reference] = []
    # A citation holds a number sign, or N in either case (the only characters `(?:№|N)`
    # matches): a line with none is not searched, as the pattern costs 2 µs a line (4 s of a
    # cold 10,000-document build) and few lines cite anything.
    if "№" not in text and "N" not in text and "n" not in text:
        return found
    for match in _PHRASE.finditer(text):
        found.append(
            Reference(
                target=match.group("number"),
                text=match.group(0).strip(),
                line=line,
                explicit=False,
            )
        )
    return found


def cited_date(reference: Reference) -> str | None:
    """'… від 04.03.2020 № 1/2020-3' → '2020-03-04', to tell apart equal numbers of two years."""
    match = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", reference.text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def cited_words(reference: Reference) -> list[str]:
    """The words between the act's kind and its date or number: who issued it ('колегії')."""
    match = _PHRASE.match(reference.text)
    if not match:
        return []
    between = _DATE_IN_BETWEEN.sub("", match.group("between"))
    return re.findall(r"[\w’']+", between)
