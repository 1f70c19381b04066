"""Requisites from the header (and, failing that, from after the body): kind, title, date, number.

Headers come in many shapes — "РІШЕННЯ / колегії … / 04.03.2020   № 1/2020-3", "Приказ от
24.03.2009 г № 632", "№ 984 від 29 вересня 2015 року", "Від 14.11.19961076" (date and number
glued), "27/05/2025" — and some pages put kind, number and date after the text. Only header
and tail lines are read here: the preamble cites other acts with their own dates and numbers.
"""

from __future__ import annotations

import re
from datetime import date

from sitegen.importers.kinds import EVENT_KINDS, kind_in
from sitegen.importers.zones import TITLE_START, Zones
from sitegen.parse.deadlines import parse_deadline

_NUMBER = re.compile(r"(?:№|(?<![\w])N(?=\s*\d))\s*(?P<number>[^\s,;]*\d[^\s,;]*)")
_GLUED = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?P<n>\d{1,6})\b")
_NUMERIC = re.compile(r"(?<![\d.])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)(?!\d)")
_WORDS = re.compile(r"(?<!\d)(?P<d>\d{1,2})[»\"]?\s+(?P<month>[^\W\d_]{3,})\s+(?P<y>(?:19|20)\d\d)")
_BARE_NUMBER = re.compile(r"^(?:№\s*)?(?P<number>\d[\w/-]*)$")


def title_lines(header: list[str]) -> list[int]:
    """Indexes of the header's subject line and its wrapped continuations."""
    start = next((i for i, line in enumerate(header) if TITLE_START.match(line)), None)
    if start is None:
        return []
    taken = [start]
    index = start + 1
    while index < len(header):
        line = header[index]
        if not line:
            following = header[index + 1] if index + 1 < len(header) else ""
            if following[:1].islower():
                index += 1
                continue
            break
        if header[taken[-1]].endswith((".", '»"')) and not line[:1].islower():
            break
        if kind_in(line) or _date_in(line) or _NUMBER.search(line) or TITLE_START.match(line):
            break
        taken.append(index)
        index += 1
    return taken


def continuation(header: list[str], index: int) -> list[str]:
    """The lines that go on the heading at `index`: lower case or a quotation ("«Взаимодействие
    педвуза и школы …»"), blank lines between them allowed."""
    lines: list[str] = []
    for line in header[index + 1 :]:
        if not line:
            continue
        if not (line[:1].islower() or line[:1] in '«"') or TITLE_START.match(line):
            break
        lines.append(line)
    return lines


def _clean_title(text: str) -> str:
    text = " ".join(text.split()).strip().rstrip(".").strip()
    if text.startswith("«") and text.endswith("»") and text.count("«") == 1:
        text = text[1:-1]
    return text[:1].upper() + text[1:]


def read_title(zones: Zones, kind: str | None) -> str | None:
    header = zones.header
    if taken := title_lines(header):
        return _clean_title(" ".join(header[i] for i in taken))
    for line in header:
        if kind_in(line) and (m := re.search(r"«((?:Про|Щодо|Об|О)\s[^»]+)»", line)):
            return _clean_title(m.group(1))
        if kind_in(line) and (m := re.search(r"\s((?:Про|Щодо|Об|О)\s.+)$", line)):
            return _clean_title(m.group(1))
    if kind in EVENT_KINDS:  # "Резолюция / областного вебинара …": the heading is the title
        for index, line in enumerate(header):
            if kind_in(line):
                rest = [line, *continuation(header, index)]
                if len(" ".join(rest).split()) > 1:
                    return _clean_title(" ".join(rest))
    return None


def _date_in(line: str) -> date | None:
    for pattern in (_GLUED, _NUMERIC):
        for m in pattern.finditer(line):
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    for m in _WORDS.finditer(line):
        found = parse_deadline(f"{m['d']} {m['month']} {m['y']}", None)
        if found is not None and found.due is not None:
            return found.due
    return None


def _number_in(line: str) -> str | None:
    if m := _NUMBER.search(line):
        return m["number"].rstrip(".,;:")
    if m := _GLUED.search(line):
        return m["n"]
    return None


def read_date_number(zones: Zones) -> tuple[date | None, str | None]:
    """The document's own date and number: from the header, else from a trailer that repeats
    the kind ("Распоряжение / 500 / 16 октября 2007 года")."""
    skip = set(title_lines(zones.header))
    found_date: date | None = None
    number: str | None = None
    for index, line in enumerate(zones.header):
        if index in skip:
            continue
        found_date = found_date or _date_in(line)
        number = number or _number_in(line)
    trailer = next((i for i, line in enumerate(zones.tail) if kind_in(line) == line.lower()), None)
    if trailer is not None:
        for line in zones.tail[trailer + 1 : trailer + 4]:
            if number is None and (m := _BARE_NUMBER.match(line)):
                number = m["number"]
            elif found_date is None and (day := _date_in(line)):
                found_date = day
    return found_date, number
