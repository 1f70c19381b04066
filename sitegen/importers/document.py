"""What an importer reads out of a document, before it is written in the content format.

The values mirror what the parser will read back from the written file (DESIGN §1.1), so a
test can compare the two: points with their numbers, addressees, responsible people and
deadlines, and the requisites that go into front matter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sitegen.model import Deadline


class Role(StrEnum):
    """What a point of the operative part is; only headings are not clauses."""

    HEADING = "heading"  # "2. Руководителям образовательных учреждений:"
    TASK = "task"
    ACKNOWLEDGE = "acknowledge"  # "Довідку … взяти до відома"
    CONTROL = "control"  # "Контроль за виконанням … покласти на …"


@dataclass(frozen=True, slots=True)
class Addressee:
    """An addressee as front matter declares it: nominative name, first written form, others."""

    name: str
    written: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Point:
    """A clause or an addressee heading; `addressees` are those the point names itself."""

    number: str | None  # as written, without the trailing dot ("2.1"); None when unnumbered
    text: str
    role: Role = Role.TASK
    subitems: tuple[str, ...] = ()  # "а) …", "- …": part of the clause, never clauses
    deadline_line: str | None = None  # a deadline on its own line after the clause ("Постійно")
    addressees: tuple[str, ...] = ()
    responsible: str | None = None
    deadline: Deadline | None = None
    persons: tuple[str | None, ...] = ()  # per addressee, the people its remark names


@dataclass(frozen=True, slots=True)
class Assigned:
    """A point with the addressee and person it ends up with (its own, or its heading's)."""

    point: Point
    addressee: str | None
    responsible: str | None


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    source: str  # the input file's name
    encoding: str | None  # for text files: as detected
    lang: str
    kind: str | None
    title: str | None
    body: str | None
    date: date | None
    number: str | None
    addressees: tuple[Addressee, ...]
    preamble: tuple[str, ...]
    formula: str | None
    points: tuple[Point, ...]
    signatures: tuple[str, ...]
    control: str | None = None
    signed: str | None = None
    formula_inline: bool = False  # the formula ends the preamble's last paragraph, as written

    def assigned(self) -> Iterator[Assigned]:
        """Every point in order with its effective addressee, the way the parser assigns them:
        a heading opens a section that lasts until the next heading, a point numbered past the
        heading's own number ("5." after "4."), or the control clause."""
        heading: Point | None = None
        for point in self.points:
            if point.role is Role.HEADING:
                heading = point
            elif point.role is Role.CONTROL or _leaves(point, heading):
                heading = None
            own = point.addressees[0] if point.addressees else None
            section = heading.addressees[0] if heading and heading.addressees else None
            addressee = own or section
            responsible = point.responsible
            if responsible is None and heading is not None and not point.addressees:
                responsible = heading.responsible
            yield Assigned(point, addressee, responsible)

    def clauses(self) -> list[Assigned]:
        return [a for a in self.assigned() if a.point.role is not Role.HEADING]


def _leaves(point: Point, heading: Point | None) -> bool:
    if heading is None or not point.number or not heading.number:
        return False
    own, parent = point.number.split("."), heading.number.split(".")
    if not (own[0].isdigit() and parent[0].isdigit()) or len(own) > len(parent):
        return False
    return int(own[0]) > int(parent[0])
