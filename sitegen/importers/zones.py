"""A document's parts: header (requisites, site chrome), preamble, formula, operative part, tail.

The operative formula ("НАКАЗУЮ:", "В И Р І Ш И В:", "…, Дума решила:") is the one landmark
every kind of document shares, so it is found first. Without one, the operative part starts
at the first numbered point or after a long preamble line ending in ':'. The header is what
precedes the first line of prose; the tail starts with the signature (or after the control
clause) and holds signatures, executors and page footers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.importers.kinds import kind_in
from sitegen.importers.lines import Line, number_of, paragraphs
from sitegen.parse.structure import FORMULA_VERBS

_VERBS = FORMULA_VERBS
_FORMULA_ALONE = re.compile(rf"^(?P<formula>[\w\s«»\"'’.,-]{{0,80}}?\b(?:{_VERBS})\s*:?)$", re.I)
_FORMULA_TAIL = re.compile(rf"\b(?P<formula>(?:{_VERBS})\s*:)\s*$", re.I)
_FORMULA_HEAD = re.compile(rf"^(?P<formula>(?:{_VERBS})\s*:)\s*(?P<rest>\S.*)$", re.I)
TITLE_START = re.compile(r"^(?:Про|Щодо|Об|О|З\s+питання|По\s+вопросу)\s", re.I)
_OPENER = re.compile(
    r"^(?:Відповідно|Згідно|На\s+виконання|На\s+підставі|У\s+зв['’]язку|В\s+зв['’]язку"
    r"|Заслухавши|Розглянувши|Обговоривши|Керуючись|З\s+метою|Взявши\s+до\s+уваги|Враховуючи"
    r"|В\s+соответствии|Согласно|В\s+целях|С\s+целью|Учитывая|Рассмотрев|Заслушав|Обсудив"
    r"|Руководствуясь|Во\s+исполнение|На\s+основании|В\s+связи|В\s+ходе|У\s+ході)\b",
    re.I,
)
POST = re.compile(
    r"^(?:(?:міський|селищний|сільський|перший|первый)\s+)?(?:голова|глава|начальник|директор"
    r"|міністр|министр|заступник|заместитель|секретар|секретарь|председатель|керівник"
    r"|руководитель|мэр|ректор|завідувач|заведующий|в\.\s?о\.|и\.\s?о\.|т\.\s?в\.\s?о\.)(?!\w)",
    re.I,
)
CONTROL = re.compile(
    r"^(?:[-–—]\s*)?контроль\s+(?:(?:за|над)\s+)?(?:виконанн|исполнени|выполнени)\w*", re.I
)


@dataclass(frozen=True, slots=True)
class Zones:
    header: list[str]  # lines, blank ones as ""
    preamble: list[str]  # paragraphs
    formula: str | None
    operative: list[str]  # paragraphs
    tail: list[str]  # paragraphs: signatures, executor, footer
    formula_inline: bool = False  # "…, Дума решила:" ends the preamble's last paragraph


def _formula(lines: list[Line]) -> tuple[int, str, str, str] | None:
    """(line index, preamble part, formula, operative part) of the first formula line."""
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        alone = _FORMULA_ALONE.match(text) if len(text.split()) <= 8 else None
        if alone and (text.endswith(":") or text.isupper()):
            return index, "", alone["formula"], ""
        if m := _FORMULA_TAIL.search(text):
            return index, text[: m.start()].rstrip(" ,"), m["formula"], ""
        if m := _FORMULA_HEAD.match(text):
            return index, "", m["formula"], m["rest"]
    return None


def _operative_start(lines: list[Line]) -> tuple[int, int]:
    """Without a formula: (end of preamble, start of the operative part) as line indexes."""
    for index, line in enumerate(lines):
        if number_of(line.text)[0] is not None and not line.text.startswith("№"):
            return index, index
        if len(line.text) >= 60 and line.text.endswith(":") and not TITLE_START.match(line.text):
            return index + 1, index + 1
    return len(lines), len(lines)


def _is_prose(text: str) -> bool:
    if TITLE_START.match(text) or kind_in(text):
        return False
    return bool(_OPENER.match(text)) or len(text) >= 90


def split_zones(lines: list[Line]) -> Zones:
    found = _formula(lines)
    if found is not None:
        index, before_part, formula, after_part = found
        before = [*lines[:index], Line(before_part, 0)]
        after = [Line(after_part, 0), *lines[index + 1 :]]
    else:
        end, start = _operative_start(lines)
        before, after, formula = lines[:end], lines[start:], None
    prose = next((i for i, line in enumerate(before) if _is_prose(line.text)), len(before))
    header = [line.text for line in before[:prose]]
    preamble = paragraphs(before[prose:])
    operative, tail = split_tail(paragraphs(after))
    inline = bool(found and found[1] and preamble)
    formula_text = formula.strip() if formula else None
    return Zones(header, preamble, formula_text, operative, tail, inline)


def is_signature(text: str) -> bool:
    return bool(POST.match(text)) and len(text.split()) <= 15 and not text.endswith(":")


def split_tail(operative: list[str]) -> tuple[list[str], list[str]]:
    """The operative paragraphs up to the signature, and the rest. After the control clause
    only numbered points stay operative; a signature glued to the control clause ("…
    Иванову. Глава администрации …") is cut off it."""
    kept: list[str] = []
    after_control = False
    for index, text in enumerate(operative):
        number, rest = number_of(text)
        if (is_signature(text) and number is None) or (after_control and number is None):
            return kept, operative[index:]
        if CONTROL.match(rest):
            clause, signature = _cut_signature(text)
            kept.append(clause)
            if signature:
                return kept, [signature, *operative[index + 1 :]]
            after_control = True
            continue
        kept.append(text)
    return kept, []


def _cut_signature(text: str) -> tuple[str, str | None]:
    for match in re.finditer(r"(?<=[.;])\s+(?=\S)", text):
        rest = text[match.end() :]
        if POST.match(rest):
            return text[: match.start()], rest
    return text, None
