"""Body → preamble, operative formula, addressee sections, clauses, control clause, signatures.

Real resolutions are typed, not marked up: "3.1." often continues the paragraph of a list item,
deadlines sit on their own lines, and headings are bold, numbered, or just end in ':'. So we read
the Markdown token stream as *lines* (each keeps its inline tokens and file line), regroup the
lines into units by their numbers, and only then decide what each unit is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from markdown_it.token import Token

from sitegen.diagnostics import Diagnostic, text, warning
from sitegen.model import (
    AddresseeName,
    Clause,
    ClauseRole,
    Deadline,
    DeadlineKind,
    Section,
)
from sitegen.parse.addressees import (
    AddresseeMatcher,
    Heading,
    person_in,
    persons_in,
    split_heading,
)
from sitegen.parse.deadlines import find_deadline, labelled_phrase, parse_deadline
from sitegen.parse.markdown import markdown, plain_text, render_blocks, render_inline
from sitegen.parse.morphology import has_infinitive
from sitegen.wording import pack_wording

_NUMBER = re.compile(r"^(?P<number>\d{1,4}(?:\.\d{1,4}){0,3})[.)]\s*")
_DOTTED_NUMBER = re.compile(r"^(?P<number>\d{1,4}(?:\.\d{1,4}){1,3})\s+(?=\D)")  # "4.3  Текст"
_DATE_LIKE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")  # "21.08.2019 року" starts no clause
_ROMAN = re.compile(r"^(?P<number>[IVXІХ]{1,5})\.\s+")
# Verbs of the operative formula ("КОЛЕГІЯ УХВАЛЮЄ:", "ПРИКАЗЫВАЮ:"); the importer reuses them.
FORMULA_VERBS = (
    r"ухвалю[єю]|ухвалил[аи]?|ухвалив|вирішил[аи]?|вирішив|виріш[уи][єю]|постановля[єю]"
    r"|постановил[аи]?|наказую|рекоменду[єю]т?ь?|рекомендувати|пропону[єю]т?ь?"
    r"|решил[аи]?|решает|постановля(?:ет|ю|ют)|постановил[аи]?|приказываю"
    r"|рекомендует|рекомендуют|рекомендовать|предлагает|предлагают|зобов[’'ʼ]язую"
    r"|ухвалюють|вирішують|розпоряджаюсь|доручаю|решают|распоряжаюсь|обязываю|поручаю"
)
_FORMULA_LINE = re.compile(rf"^[\w\s«»\"'’.,-]{{0,80}}?\b(?:{FORMULA_VERBS})\s*:\s*$", re.I)
_FORMULA_TAIL = re.compile(rf"\b(?:{FORMULA_VERBS})\s*:\s*$", re.I)
_CONTROL = re.compile(
    r"^\s*контроль\s+(?:(?:за|над)\s+)?(?:виконанн|исполнени|выполнени)\w*", re.I
)  # "Контроль за виконанням …", "Контроль исполнения настоящего Решения …"
_ACKNOWLEDGE = re.compile(r"(?:взяти|прийняти)\s+до\s+відома|принять\s+к\s+сведени[юе]", re.I)
_EXPLICIT = re.compile(r"\s*\{deadline=(?P<date>\d{4}-\d{2}-\d{2})\}\s*$")
_RESPONSIBLE = re.compile(
    r"^\s*(?:відповідальн(?:ий|а|і)|ответственн(?:ый|ая|ые))\s*(?:за\s+виконання)?\s*[:—–-]\s*(?P<who>.+)$",
    re.I,
)
# "Виконавці: Управління освіти (Купріяненко В.П.); Міський методичний центр" after a clause:
# who is asked to act when the clause names it in its own text rather than under a heading.
_EXECUTORS = re.compile(
    r"^\s*\**\s*(?:виконав(?:ці|ець)|исполнител(?:и|ь))\s*\**\s*:\s*\**\s*(?P<who>.+)$", re.I
)
_SENTENCE_END = (".", ";", ":", "!", "?", "»", '"', ")")
_PUNCTUATION_ONLY = re.compile(r"^[\s.,;:!?…–—-]+$")
_MAX_HEADING_WORDS = 25


class _Line:
    """One source line of a paragraph or heading, with its inline tokens.

    Its plain text is asked for again and again while the structure is read (a tenth of
    parsing once), so it is kept until the tokens change: they are only ever appended to
    while the line is gathered, or replaced whole.
    """

    __slots__ = ("_children", "_text", "block_start", "heading", "line", "list_number")

    def __init__(
        self,
        children: list[Token],
        line: int,
        block_start: bool,
        heading: bool = False,
        list_number: str | None = None,
    ) -> None:
        self._children, self._text = children, (-1, "")
        self.line, self.block_start, self.heading = line, block_start, heading
        self.list_number = list_number

    @property
    def children(self) -> list[Token]:
        return self._children

    @children.setter
    def children(self, children: list[Token]) -> None:
        self._children, self._text = children, (-1, "")

    @property
    def text(self) -> str:
        count, text = self._text
        if count != len(self._children):
            text = " ".join(plain_text(self._children).split())
            self._text = (len(self._children), text)
        return text


@dataclass(slots=True)
class _Unit:
    """Lines that belong together: a heading, a clause, a preamble paragraph."""

    lines: list[_Line]
    number: str | None = None
    heading: bool = False
    blocks: list[list[Token]] = field(default_factory=list)
    deadline_lines: list[_Line] = field(default_factory=list)
    responsible: str | None = None
    executors: _Line | None = None

    @property
    def line(self) -> int:
        return self.lines[0].line

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines).strip()

    def html(self) -> str:
        inline = "\n".join(render_inline(line.children) for line in self.lines)
        return inline + "".join(render_blocks(block) for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Structure:
    preamble_html: str
    formula: str | None
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]  # every clause in document order, sectioned or not
    signatures: tuple[str, ...]
    control_text: str | None


def parse_structure(
    body: str,
    body_line: int,
    path: str,
    addressees: tuple[AddresseeName, ...],
    lang: str,
    document_date: date | None,
    school_year_end: tuple[int, int] = (6, 30),
) -> tuple[Structure, list[Diagnostic]]:
    """The whole body of a resolution → its Structure, plus warnings about what was unclear."""
    tokens = markdown().parse(body)
    units = _units(_elements(tokens, body_line))
    reader = _Reader(path, AddresseeMatcher(addressees, lang), document_date, school_year_end)
    return reader.read(units), reader.problems


# -- tokens → lines and blocks ---------------------------------------------------------------


def _closing(tokens: list[Token], start: int) -> int:
    opening = tokens[start]
    closing_type = opening.type.replace("_open", "_close")
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == closing_type and tokens[index].level == opening.level:
            return index
    return len(tokens) - 1


def _lines(inline: Token, body_line: int, heading: bool = False) -> list[_Line]:
    first = body_line + (inline.map[0] if inline.map else 0)
    lines = [_Line([], first, block_start=True, heading=heading)]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append(_Line([], lines[-1].line + 1, block_start=False, heading=heading))
        else:
            lines[-1].children.append(child)
    return [line for line in lines if line.text]


def _elements(tokens: list[Token], body_line: int) -> list[_Line | list[Token]]:
    """Top-level tokens → lines (paragraphs, headings, ordered items) and other blocks."""
    elements: list[_Line | list[Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing(tokens, index) if token.nesting == 1 else index
        if token.type in ("paragraph_open", "heading_open"):
            elements.extend(_lines(tokens[index + 1], body_line, token.type == "heading_open"))
        elif token.type == "ordered_list_open":
            elements.extend(_ordered_items(tokens[index + 1 : end], body_line))
        else:
            elements.append(tokens[index : end + 1])
        index = end + 1
    return elements


def _ordered_items(tokens: list[Token], body_line: int) -> list[_Line | list[Token]]:
    """An ordered list item "2. …" is a numbered line; what it nests stays attached to it."""
    elements: list[_Line | list[Token]] = []
    index = 0
    while index < len(tokens):
        if tokens[index].type != "list_item_open":
            index += 1
            continue
        end = _closing(tokens, index)
        inner = tokens[index + 1 : end]
        number = tokens[index].info or None
        if inner and inner[0].type == "paragraph_open":
            lines = _lines(inner[1], body_line)
            if lines:
                lines[0].list_number = number
            elements.extend(lines)
            inner = inner[3:]
        if inner:
            elements.append(inner)
        index = end + 1
    return elements


# -- lines → units ---------------------------------------------------------------------------


def _line_number(line: _Line) -> tuple[str | None, int]:
    """The clause or section number a line starts with, and how many characters it takes."""
    if line.list_number:
        return line.list_number, 0
    text = plain_text(line.children).lstrip()
    for pattern in (_NUMBER, _DOTTED_NUMBER, _ROMAN):
        if (match := pattern.match(text)) and not _DATE_LIKE.fullmatch(match.group("number")):
            return match.group("number"), match.end()
    return None, 0


def _strip_prefix(children: list[Token], count: int) -> list[Token]:
    """Drop the first `count` characters of plain text (the clause number) from inline tokens."""
    result: list[Token] = []
    for child in children:
        if count > 0 and child.type == "text":
            stripped = child.content.lstrip() if not result else child.content
            taken = min(count, len(stripped))
            count -= taken
            rest = stripped[taken:].lstrip()
            if rest:
                copy = Token(child.type, child.tag, child.nesting)
                copy.content = rest
                result.append(copy)
        else:
            result.append(child)
    return result


def _run_in(line: _Line) -> tuple[_Line, _Line] | None:
    """'**Организационному комитету …:** разместить …' → a heading line and a clause line."""
    children = [c for c in line.children if c.type != "text" or c.content]
    if not line.block_start or not children or children[0].type != "strong_open":
        return None
    close = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None:
        return None
    head = children[: close + 1]
    rest = _strip_prefix(children[close + 1 :], 0)
    if not plain_text(head).rstrip().endswith(":") or not plain_text(rest).strip():
        return None
    first = rest[0]
    if first.type == "text":
        copy = Token("text", "", 0)
        copy.content = first.content.lstrip()
        rest = [copy, *rest[1:]]
    return _Line(head, line.line, True, heading=True), _Line(rest, line.line, True)


def _is_deadline_line(line: _Line, previous: _Line | None) -> bool:
    text = line.text
    if labelled_phrase(text) is not None:
        return True
    if len(text) > 60 or parse_deadline(text, None) is None:
        return False
    continues_sentence = previous is not None and not previous.text.endswith(_SENTENCE_END)
    return line.block_start or text[:1].isupper() or not continues_sentence


def _units(elements: list[_Line | list[Token]]) -> list[_Unit]:
    units: list[_Unit] = []
    previous: _Line | None = None
    for element in elements:
        if not isinstance(element, _Line):
            if units:
                units[-1].blocks.append(element)
            else:
                units.append(_Unit([], blocks=[element]))
            continue
        split = _run_in(element)
        for line in split or (element,):
            _place(line, previous, units)
            previous = line
    return units


def _place(line: _Line, previous: _Line | None, units: list[_Unit]) -> None:
    number, width = _line_number(line)
    current = units[-1] if units else None
    if number is not None:
        children = line.children if line.list_number else _strip_prefix(line.children, width)
        line.children = children
        units.append(_Unit([line], number=number, heading=line.heading))
    elif current is not None and current.lines and _is_deadline_line(line, previous):
        current.deadline_lines.append(line)
    elif current is not None and current.lines and (who := _RESPONSIBLE.match(line.text)):
        current.responsible = who.group("who").strip()
    elif current is not None and current.lines and _EXECUTORS.match(line.text):
        current.executors = line
    elif current is not None and current.lines and _PUNCTUATION_ONLY.match(line.text):
        current.lines.append(line)
    elif line.block_start or current is None or line.heading != current.heading:
        units.append(_Unit([line], heading=line.heading))
    else:
        current.lines.append(line)


# -- units → structure -----------------------------------------------------------------------


def _anchor(number: str) -> str:
    return "clause-" + re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-").lower()


def _leaves_section(unit: _Unit, section: _OpenSection | None) -> bool:
    """ "5. Контроль …" after section "4." is back at the document's level, not a clause of 4."""
    if section is None or not unit.number or not section.heading.number:
        return False
    own, parent = unit.number.rstrip("."), section.heading.number.rstrip(".")
    if not (own[0].isdigit() and parent[0].isdigit()) or _depth(own) > _depth(parent):
        return False
    return int(own.split(".")[0]) > int(parent.split(".")[0])


def _depth(number: str | None) -> int:
    if number is None:
        return 0
    return number.count(".") + 1 if number[0].isdigit() else 1


@dataclass(slots=True)
class _OpenSection:
    heading: Heading
    addressee: str | None
    line: int
    position: int
    deadline: Deadline | None
    clauses: list[Clause] = field(default_factory=list)


class _Reader:
    """Walks the units once, keeping the current section; collects warnings as it goes."""

    def __init__(
        self,
        path: str,
        matcher: AddresseeMatcher,
        document_date: date | None,
        school_year_end: tuple[int, int],
    ) -> None:
        self.path = path
        self.matcher = matcher
        self.document_date = document_date
        self.school_year_end = school_year_end
        self.problems: list[Diagnostic] = []

    def read(self, units: list[_Unit]) -> Structure:
        start, formula = self._operative_start(units)
        preamble = "".join(
            f"<p>{unit.html()}</p>" if unit.lines else unit.html() for unit in units[:start]
        )
        sections: list[_OpenSection] = []
        loose: list[Clause] = []
        order: list[tuple[int, int]] = []  # (section index or -1, clause index) in document order
        signatures: list[str] = []
        control_text = None
        current: _OpenSection | None = None
        for unit in units[start:]:
            if control_text is not None:
                signatures.extend(line.text for line in unit.lines)
                continue
            if _CONTROL.match(unit.text):
                signature_lines = self._split_signatures(unit)
                clause = self._clause(unit, None, ClauseRole.CONTROL, len(loose) + 1)
                loose.append(clause)
                order.append((-1, len(loose) - 1))
                control_text = clause.text
                signatures.extend(signature_lines)
                current = None
                continue
            section = self._section(unit, len(sections) + 1)
            if section is not None:
                sections.append(section)
                current = section
                for item in self._list_clauses(unit, section):
                    section.clauses.append(item)
                    order.append((len(sections) - 1, len(section.clauses) - 1))
                continue
            if _leaves_section(unit, current):
                current = None
            role = ClauseRole.ACKNOWLEDGE if _ACKNOWLEDGE.search(unit.text) else ClauseRole.TASK
            if current is None:
                loose.append(self._clause(unit, None, role, len(loose) + 1))
                order.append((-1, len(loose) - 1))
            else:
                current.clauses.append(self._clause(unit, current, role, len(current.clauses) + 1))
                order.append((len(sections) - 1, len(current.clauses) - 1))
        return self._finish(preamble, formula, sections, loose, order, signatures, control_text)

    # -- the operative part ----------------------------------------------------------------

    def _operative_start(self, units: list[_Unit]) -> tuple[int, str | None]:
        """Index of the first operative unit, after the formula ("КОЛЕГІЯ УХВАЛЮЄ:") if any."""
        for index, unit in enumerate(units):
            for position, line in enumerate(unit.lines):
                if _FORMULA_LINE.match(line.text) and len(line.text.split()) <= 8:
                    return _split_at_formula(units, index, position), line.text
                if position == len(unit.lines) - 1 and (tail := _FORMULA_TAIL.search(line.text)):
                    line.children = _cut_tail(line.children, len(line.text) - tail.start())
                    return index + 1, tail.group(0).strip()
        for index, unit in enumerate(units):
            if unit.number or self._heading_addressee(unit) is not None:
                return index, None
        for index, unit in enumerate(units[:-1]):  # "…, керуючись ст. 42 Закону …:" then clauses
            if unit.text.endswith(":") and len(unit.text) >= 60 and not unit.heading:
                return index + 1, None
        return len(units), None

    def _heading_addressee(self, unit: _Unit, heading: Heading | None = None) -> str | None:
        """The addressee the unit's heading names; `heading`: the unit's text split already."""
        text = unit.text
        if not (unit.heading or text.endswith((":", ")", ":**")) or len(text.split()) <= 12):
            return None  # a clause sentence, not a heading: skip the (costly) name matching
        if heading is None:
            heading = split_heading(text)
        if not heading.name or len(heading.name.split()) > _MAX_HEADING_WORDS:
            return None
        return self.matcher.match(heading.name)

    def _section(self, unit: _Unit, position: int) -> _OpenSection | None:
        if not unit.lines:
            return None
        heading = split_heading(unit.text)
        if unit.number and heading.number is None:
            heading = replace(heading, number=unit.number.rstrip("."))
        addressee = self._heading_addressee(unit, heading)
        has_list = bool(unit.blocks) and unit.blocks[0][0].type == "bullet_list_open"
        if addressee is None:
            looks_like_heading = unit.heading or (
                heading.ends_with_colon
                and not has_list
                and not unit.deadline_lines
                and (unit.number is None or _depth(unit.number) == 1)
                and 0 < len(heading.name.split()) <= _MAX_HEADING_WORDS
                and unit.executors is None  # "Виконавці: …" is said of a clause
                and not has_infinitive(heading.name, self.matcher.lang)  # "3. Утвердить:"
            )
            if not looks_like_heading:
                return None
            hint = self.matcher.closest(heading.name)
            fix = text("hint.did-you-mean-before", name=hint) if hint else ""
            self.problems.append(
                warning(self.path, unit.line, "addressee.unknown", heading=heading.name, hint=fix)
            )
        deadline = self._line_deadline(unit.deadline_lines)
        return _OpenSection(heading, addressee, unit.line, position, deadline)

    def _list_clauses(self, unit: _Unit, section: _OpenSection) -> list[Clause]:
        """A bullet list right under a heading: each item is a clause of that section."""
        clauses = []
        for block in unit.blocks:
            if block[0].type != "bullet_list_open":
                continue
            for index, item in enumerate(_bullet_items(block)):
                lines = [line for line in _elements(item, 0) if isinstance(line, _Line)]
                if lines:
                    sub = _Unit(
                        lines, blocks=[b for b in _elements(item, 0) if not isinstance(b, _Line)]
                    )
                    role = ClauseRole.TASK
                    clause = self._clause(sub, section, role, len(section.clauses) + index + 1)
                    clauses.append(clause)
        return clauses

    # -- clauses ----------------------------------------------------------------------------

    def _clause(
        self, unit: _Unit, section: _OpenSection | None, role: ClauseRole, position: int
    ) -> Clause:
        own = unit.number.rstrip(".") if unit.number else None
        if own is None:
            number = f"{section.position}.{position}" if section else str(position)
        else:
            number = own
        text_lines = [line for line in unit.lines if labelled_phrase(line.text) is None]
        labelled = [line for line in unit.lines if labelled_phrase(line.text) is not None]
        text = " ".join(line.text for line in text_lines).strip()
        html = _Unit(text_lines, blocks=unit.blocks).html() if text_lines else unit.html()
        deadline = None
        if explicit := _EXPLICIT.search(text):
            text = text[: explicit.start()].rstrip()
            html = _EXPLICIT.sub("", html)
            deadline = self._explicit(explicit.group("date"), unit.line)
        if deadline is None and role is ClauseRole.TASK:
            deadline = self._line_deadline(labelled + unit.deadline_lines)
        if deadline is None and role is ClauseRole.TASK:
            deadline = find_deadline(text, self.document_date, school_year_end=self.school_year_end)
        if deadline is None and section is not None and role is ClauseRole.TASK:
            deadline = section.deadline
        named, persons = self._executors(unit.executors)
        responsible = unit.responsible or persons or _parenthesised_person(text)
        if responsible is None and section is not None and not named:
            responsible = section.heading.responsible
        addressee = named[0] if named else section.addressee if section else None
        return Clause(
            number=number,
            anchor=_anchor(number),
            role=role,
            wording=pack_wording(text, html),
            line=unit.line,
            addressee=addressee,
            deadline=deadline,
            responsible=responsible,
            addressees=tuple(named),
        )

    def _executors(self, line: _Line | None) -> tuple[list[str], str | None]:
        """'Виконавці: A (Іваненко І.І.); B' → the declared names of A and B, and the persons."""
        match = _EXECUTORS.match(line.text) if line else None
        if line is None or match is None:
            return [], None
        names: list[str] = []
        persons: list[str] = []
        for item in match.group("who").replace("*", "").split(";"):
            heading = split_heading(item)
            if not heading.name:
                continue
            name = self.matcher.match(heading.name)
            if name is None:
                self.problems.append(
                    warning(
                        self.path,
                        line.line,
                        "addressee.unknown",
                        variant="addressee.unknown-executor",
                        name=heading.name,
                    )
                )
            elif name not in names:
                names.append(name)
            persons.extend(p for p in persons_in(heading.remark or "") if p not in persons)
        return names, ", ".join(persons) or None

    def _explicit(self, value: str, line: int) -> Deadline | None:
        try:
            return Deadline(value, DeadlineKind.DATE, date.fromisoformat(value))
        except ValueError:
            self.problems.append(
                warning(
                    self.path, line, "deadline.unparsed", variant="deadline.not-a-date", value=value
                )
            )
            return None

    def _line_deadline(self, lines: list[_Line]) -> Deadline | None:
        for line in lines:
            phrase = labelled_phrase(line.text)
            deadline = parse_deadline(
                line.text if phrase is None else phrase,
                self.document_date,
                school_year_end=self.school_year_end,
            )
            if deadline is not None:
                return deadline
            self.problems.append(
                warning(self.path, line.line, "deadline.unparsed", phrase=phrase or line.text)
            )
        return None

    def _split_signatures(self, unit: _Unit) -> list[str]:
        """Signature lines often continue the control clause's paragraph; cut them off."""
        for index, line in enumerate(unit.lines):
            if line.text.endswith(".") and index + 1 < len(unit.lines):
                rest = unit.lines[index + 1 :]
                unit.lines = unit.lines[: index + 1]
                return [line.text for line in rest]
        return []

    def _finish(
        self,
        preamble: str,
        formula: str | None,
        sections: list[_OpenSection],
        loose: list[Clause],
        order: list[tuple[int, int]],
        signatures: list[str],
        control_text: str | None,
    ) -> Structure:
        entries = [
            (None, loose[c]) if s < 0 else (sections[s].position, sections[s].clauses[c])
            for s, c in order
        ]
        if len({c.anchor for _, c in entries}) != len(entries):
            entries = self._prefixed(entries)
        finished = tuple(
            Section(
                heading=section.heading.name,
                number=section.heading.number,
                addressee=section.addressee,
                responsible=section.heading.responsible,
                anchor=f"section-{section.position}",
                clauses=tuple(c for p, c in entries if p == section.position),
                line=section.line,
            )
            for section in sections
        )
        clauses = tuple(c for _, c in entries)
        return Structure(preamble, formula, finished, clauses, tuple(signatures), control_text)

    def _prefixed(
        self, entries: list[tuple[int | None, Clause]]
    ) -> list[tuple[int | None, Clause]]:
        """Numbers restart in every section (seed 003): prefix anchors with the section position."""
        result: list[tuple[int | None, Clause]] = []
        seen: set[str] = set()
        for position, clause in entries:
            anchor = clause.anchor
            if position is not None and not clause.number.startswith(f"{position}."):
                anchor = _anchor(f"{position}.{clause.number}")
            if anchor in seen:
                self.problems.append(
                    warning(self.path, clause.line, "clause.duplicate", number=clause.number)
                )
                anchor = f"{anchor}-{clause.line}"
            seen.add(anchor)
            result.append((position, clause._replace(anchor=anchor)))
        return result


def _split_at_formula(units: list[_Unit], index: int, position: int) -> int:
    """Cut the unit at its formula line: lines before are preamble, lines after operative."""
    unit = units[index]
    rest = unit.lines[position + 1 :]
    unit.lines = unit.lines[:position]
    if rest:
        rest[0].block_start = True
        units.insert(index + 1, _Unit(rest, blocks=unit.blocks))
        unit.blocks = []
    if not unit.lines and not unit.blocks:
        del units[index]
        return index
    return index + 1


def _bullet_items(block: list[Token]) -> list[list[Token]]:
    items = []
    index = 1
    while index < len(block) - 1:
        if block[index].type == "list_item_open":
            end = _closing(block, index)
            items.append(block[index + 1 : end])
            index = end + 1
        else:
            index += 1
    return items


def _parenthesised_person(text: str) -> str | None:
    for remark in re.findall(r"\(([^()]{3,60})\)", text):
        person = person_in(remark)
        if person and len(remark.split()) <= 4:
            return person
    return None


def _cut_tail(children: list[Token], count: int) -> list[Token]:
    """Remove the last `count` characters of text (a trailing formula) and close open markup."""
    result = list(children)
    while count > 0 and result:
        last = result[-1]
        if last.type == "text":
            keep = max(0, len(last.content) - count)
            count -= len(last.content) - keep
            if keep:
                copy = Token("text", "", 0)
                copy.content = last.content[:keep].rstrip()
                result[-1] = copy
                break
        result.pop()
    depth: list[Token] = []
    for token in result:
        if token.nesting == 1:
            depth.append(token)
        elif token.nesting == -1 and depth:
            depth.pop()
    for token in reversed(depth):
        close = Token(token.type.replace("_open", "_close"), token.tag, -1)
        close.markup = token.markup
        result.append(close)
    return result
