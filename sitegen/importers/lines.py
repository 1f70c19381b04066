"""Plain text as it comes from web pages and e-mail → clean lines, then paragraphs.

What survives here: letter-spaced formulas ("В И Р І Ш И В:"), text pushed right with spaces,
table pipes and signature underscores, Markdown markers of texts that were half-converted,
hard-wrapped paragraphs (~70 columns) and whole documents on one line ("…: 1. Организовать …
2. Ответственность … 3. Контроль …").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sitegen.parse.deadlines import labelled_phrase, parse_deadline

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\t\u00a0\u2007\u202f\u2009"), " ")
_PIPES = re.compile(r"^\|\s*|\s*\|$")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*\S)?)\*(?![\w*])")
_UNDERSCORES = re.compile(r"_{3,}")
_LETTER_SPACED = re.compile(r"(?<!\S)((?:[^\W\d_] ){3,}[^\W\d_])(?=[\s:.,!]|$)")
NUMBER = re.compile(
    r"^(?P<number>\d{1,3}(?:\.\d{1,3}){0,3})[.)](?:\s+|(?=[^\W\d_«\"]|[«\"]))"
    r"|^(?P<deep>\d{1,3}(?:\.\d{1,3}){1,3})\s+(?=\S)"
    r"|^(?P<letter>[а-яіїєґa-z])\)\s*"
    r"|^(?P<roman>[IVXІХ]{1,5})\.\s+"
)
BULLET = re.compile(r"^[-–—•·]\s+")
_RUN_IN = re.compile(r"(?<=[.:;])\s+(?P<n>\d{1,2})\.\s*(?=[А-ЯІЇЄҐЁA-Z])")
_SENTENCE_END = (".", "!", "?", ";", ":")


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # cleaned; "" for a blank line
    indent: int  # leading spaces as written: paragraphs of wrapped text start indented


def clean(raw: str) -> Line:
    text = raw.translate(_INVISIBLE).translate(_SPACES)
    indent = len(text) - len(text.lstrip(" "))
    text = _PIPES.sub("", text.strip()).strip()
    text = _HEADING_MARK.sub("", text).replace("**", "")
    text = _EMPHASIS.sub(r"\1", text)
    text = _UNDERSCORES.sub(" ", text)
    text = " ".join(text.split())
    text = _LETTER_SPACED.sub(lambda m: m.group(1).replace(" ", ""), text)
    return Line(text.strip(), indent)


def clean_lines(text: str) -> list[Line]:
    return [clean(raw) for raw in text.split("\n")]


def number_of(text: str) -> tuple[str | None, str]:
    """'2.1. Текст' → ('2.1', 'Текст'); '1.Схвалити' → ('1', 'Схвалити'); none → (None, text)."""
    if match := NUMBER.match(text):
        number = next(g for g in match.groups() if g)
        return number, text[match.end() :].strip()
    return None, text


def is_deadline_line(text: str) -> bool:
    """'Постійно', 'Квітень 2020 р.', 'Термін: …': a short line that is only a deadline."""
    if labelled_phrase(text) is not None:
        return True
    return len(text) <= 60 and parse_deadline(text, None) is not None


def is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped text: most longer lines end near one width, none goes far past it."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 40]
    if len(lengths) < 5:
        return False
    return max(lengths) <= 90 and sum(length >= 55 for length in lengths) >= 0.6 * len(lengths)


def _continues(previous: Line, line: Line, wrapped: bool) -> bool:
    """Whether `line` goes on the paragraph that `previous` ended. A deadline on a line of its
    own ("Постійно") starts anew, unless it is a sentence's wrapped end ("… до 20 / грудня")."""
    text, before = line.text, previous.text
    if re.fullmatch(r"[.,;:]+", text):
        return True
    if NUMBER.match(text) or BULLET.match(text) or before.endswith(":"):
        return False
    starts_low = text[:1].islower() or text[:1].isdigit() or wrapped
    mid_sentence = starts_low and not before.endswith(_SENTENCE_END)
    if is_deadline_line(text) and not mid_sentence:
        return False
    if text[:1].islower() or text[:1] in '(«"':
        return True
    if wrapped:
        return not before.endswith(_SENTENCE_END) or line.indent <= previous.indent
    return False


def paragraphs(lines: list[Line]) -> list[str]:
    """Lines → paragraphs: blank lines separate, wrapped lines are joined back."""
    wrapped = is_wrapped(lines)
    result: list[str] = []
    previous: Line | None = None
    for line in lines:
        if not line.text:
            previous = None
            continue
        if previous is not None and result and _continues(previous, line, wrapped):
            glue = "" if re.fullmatch(r"[.,;:]+", line.text) else " "
            result[-1] = result[-1] + glue + line.text
        else:
            result.extend(split_run_in(line.text))
        previous = line
    return result


def split_run_in(text: str) -> list[str]:
    """'…: 1. Организовать … 2. Ответственность …' → one paragraph per point, when the
    numbers inside the text run 1, 2, 3 (anything else is a reference, not a list)."""
    own, _ = number_of(text)
    expected = int(own) + 1 if own and own.isdigit() else 1
    cuts: list[int] = []
    for match in _RUN_IN.finditer(text):
        if int(match["n"]) == expected:
            cuts.append(match.start("n"))
            expected += 1
    if not cuts or (own is None and len(cuts) < 2):
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
