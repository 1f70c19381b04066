"""The operative part's paragraphs → points: headings, clauses with their sub-items, deadlines.

Numbers are kept as written ("2.1", "1"); "1)" and "а)" after a clause that ends in ':' are its
sub-items, as are dash items there (a dash list straight after the formula is the clause list
itself). A short line that is only a deadline belongs to the clause above it. Addressees and
responsible people come from headings and from the clauses themselves (executors.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sitegen.importers.document import Addressee, Point, Role
from sitegen.importers.executors import Named, canonical, heading, in_clause, run_in_heading
from sitegen.importers.inflect import is_infinitive
from sitegen.importers.lines import BULLET, is_deadline_line, number_of
from sitegen.importers.persons import people
from sitegen.importers.zones import CONTROL
from sitegen.model import Deadline
from sitegen.parse.deadlines import find_deadline, labelled_phrase, parse_deadline
from sitegen.parse.morphology import same_name

_ACKNOWLEDGE = re.compile(
    r"(?:взяти|прийняти)\s+до\s+відома|принять\s+к\s+сведени[юе]|взять\s+на\s+заметку", re.I
)
_PAREN_ITEM = re.compile(r"^(?:\d{1,3}|[а-яіїєґa-z])\)")
_SELF_CONTROL = re.compile(r"залишаю\s+за\s+собою|оставляю\s+за\s+собой", re.I)
_CONTROL_TARGET = re.compile(
    r"\b(?:покласти|возложить|покладається|возлагается)\s+на\s+(.+)$", re.I
)


@dataclass(slots=True)
class _Draft:
    number: str | None
    text: str
    role: Role = Role.TASK
    subitems: list[str] = field(default_factory=list)
    deadline_line: str | None = None
    named: list[Named] = field(default_factory=list)
    responsible: str | None = None


def _role(text: str) -> Role:
    if CONTROL.match(text):
        return Role.CONTROL
    return Role.ACKNOWLEDGE if _ACKNOWLEDGE.search(text) else Role.TASK


def _children_follow(number: str | None, following: list[str]) -> bool:
    nxt = number_of(following[0])[0] if following else None
    return bool(number and nxt and nxt.startswith(number + "."))


def read_drafts(paragraphs: list[str], lang: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    numbered = any(number_of(p)[0] and not _PAREN_ITEM.match(p) for p in paragraphs)
    for index, paragraph in enumerate(paragraphs):
        current = drafts[-1] if drafts else None
        number, text = number_of(paragraph)
        open_list = current is not None and (
            current.text.endswith(":") or bool(current.subitems) or (numbered and current.number)
        )
        if current is not None and is_deadline_line(paragraph) and current.role is not Role.HEADING:
            current.deadline_line = current.deadline_line or paragraph
            continue
        if (
            current is not None
            and open_list
            and (_PAREN_ITEM.match(paragraph) or BULLET.match(paragraph))
        ):
            current.subitems.append(paragraph)
            continue
        if found := heading(text, lang, _children_follow(number, paragraphs[index + 1 :])):
            draft = _Draft(number, text, Role.HEADING, named=[found])
            draft.responsible = ", ".join(found.persons) or None
            drafts.append(draft)
            continue
        if number is None and (bullet := BULLET.match(paragraph)):
            text = paragraph[bullet.end() :]
        elif number is None and current is not None and numbered and not _starts_clause(text, lang):
            current.text = f"{current.text} {text}"
            continue
        if number is None and (split := run_in_heading(text, lang)):
            found, text = split
            drafts.append(_Draft(None, f"{found.written}:", Role.HEADING, named=[found]))
        drafts.append(_clause(number, text, lang))
    return drafts


def _starts_clause(text: str, lang: str) -> bool:
    """In a numbered document an unnumbered paragraph is a clause only when it reads as one."""
    first = text.split()[0].strip('«"') if text.split() else ""
    return bool(CONTROL.match(text)) or is_infinitive(first, lang) or bool(in_clause(text, lang))


def _clause(number: str | None, text: str, lang: str) -> _Draft:
    draft = _Draft(number, text, _role(text))
    if draft.role is Role.CONTROL:
        target = _CONTROL_TARGET.search(text)
        draft.responsible = ", ".join(people(target.group(1) if target else text, lang)) or None
    elif draft.role is Role.TASK:
        draft.named = in_clause(text, lang)
        persons = [p for named in draft.named for p in named.persons]
        if not draft.named:  # "Підготувати звіт (Іваненко І.І.)": the person answers for it
            remarks = [r for r in re.findall(r"\(([^()]{3,60})\)", text) if len(r.split()) <= 4]
            persons = [p for remark in remarks for p in people(f"({remark})", lang, None)]
        draft.responsible = ", ".join(persons) or None
    return draft


class Registry:
    """Addressees of one document: one entry per name, whatever case it was written in."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: list[Addressee] = []

    def add(self, named: Named) -> str:
        name = canonical(named, self.lang)
        for index, entry in enumerate(self.entries):
            if same_name(name, entry.name, self.lang):
                if named.written not in (entry.written, *entry.aliases, entry.name):
                    aliases = (*entry.aliases, named.written)
                    self.entries[index] = Addressee(entry.name, entry.written, aliases)
                return entry.name
        self.entries.append(Addressee(name, named.written))
        return name

    def addressees(self) -> tuple[Addressee, ...]:
        return tuple(self.entries)


def _deadline(draft: _Draft, document_date: date | None) -> Deadline | None:
    if draft.role is not Role.TASK:
        return None
    if draft.deadline_line:
        phrase = labelled_phrase(draft.deadline_line) or draft.deadline_line
        if found := parse_deadline(phrase, document_date):
            return found
    return find_deadline(draft.text, document_date)


def finish(
    drafts: list[_Draft], lang: str, document_date: date | None
) -> tuple[tuple[Point, ...], tuple[Addressee, ...]]:
    registry = Registry(lang)
    points = []
    for draft in drafts:
        by_name: dict[str, str | None] = {}
        for named in draft.named:
            by_name.setdefault(registry.add(named), ", ".join(named.persons) or None)
        points.append(
            Point(
                number=draft.number,
                text=draft.text,
                role=draft.role,
                subitems=tuple(draft.subitems),
                deadline_line=draft.deadline_line,
                addressees=tuple(by_name),
                persons=tuple(by_name.values()),
                responsible=draft.responsible,
                deadline=_deadline(draft, document_date),
            )
        )
    return tuple(points), registry.addressees()


def control_of(points: tuple[Point, ...], signer: str | None) -> str | None:
    """Who controls execution: the control clause's person(s), or the signer for 'залишаю за
    собою'."""
    for point in points:
        if point.role is Role.CONTROL:
            if _SELF_CONTROL.search(point.text):
                return signer
            return point.responsible
    return None
