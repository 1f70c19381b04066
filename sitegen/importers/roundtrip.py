"""Read a written file back with the real parser and list where it disagrees with the import.

The importer only helps if the site shows what the importer found: the same clauses with the
same numbers, addressees, responsible people and deadlines. This check runs on every import
(its findings go into the report) and in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.importers.document import Assigned, ImportedDocument, Role
from sitegen.load.source import read_source
from sitegen.model import AddresseeName, Clause, ClauseRole, Deadline
from sitegen.parse.frontmatter import parse_front_matter
from sitegen.parse.structure import Structure, parse_structure

_ROLES = {Role.TASK: ClauseRole.TASK, Role.ACKNOWLEDGE: ClauseRole.ACKNOWLEDGE}
_ROLES[Role.CONTROL] = ClauseRole.CONTROL


@dataclass(frozen=True, slots=True)
class Reread:
    """The parser's view of a written file; `front_matter` is None while fields are missing."""

    values: dict[str, object] | None
    structure: Structure
    problems: tuple[str, ...]  # the parser's diagnostics, as `sitegen check` prints them


def reread(text: str, document: ImportedDocument, path: str = "imported.md") -> Reread:
    source, problems = read_source(text.encode("utf-8"), path, "resolutions")
    assert source is not None, problems  # the writer always writes front matter
    front_matter, found = parse_front_matter(source)
    addressees = tuple(AddresseeName(a.name, (a.written, *a.aliases)) for a in document.addressees)
    structure, more = parse_structure(
        source.body, source.body_line, path, addressees, document.lang, document.date
    )
    messages = tuple(str(d) for d in [*found, *more])
    values = dict(front_matter.values) if front_matter is not None else None
    return Reread(values, structure, messages)


def _deadline(deadline: Deadline | None) -> tuple[object, ...] | None:
    return None if deadline is None else (deadline.kind, deadline.due, deadline.start)


def differences(document: ImportedDocument, text: str) -> list[str]:
    """Every point where the parser reads the written text differently from the import."""
    reread_ = reread(text, document)
    found = reread_.structure
    problems: list[str] = _requisites(document, reread_.values)
    clauses = document.clauses()
    if len(clauses) != len(found.clauses):
        return [*problems, f"{len(clauses)} clauses imported, {len(found.clauses)} read back"]
    for assigned, clause in zip(clauses, found.clauses, strict=True):
        problems.extend(_compare(assigned.point.number, assigned, clause))
    headings = [p for p in document.points if p.role is Role.HEADING]
    got = [(s.number, s.addressee) for s in found.sections]
    want = [(p.number, p.addressees[0] if p.addressees else None) for p in headings]
    if got != want:
        problems.append(f"sections {want} imported, {got} read back")
    return problems


def _requisites(document: ImportedDocument, values: dict[str, object] | None) -> list[str]:
    """Front-matter values as written against the import (skipped while fields are missing)."""
    if values is None:
        return []
    expected = {
        "title": document.title,
        "kind": document.kind,
        "body": document.body,
        "date": document.date,
        "number": document.number,
        "lang": document.lang,
        "control": document.control,
        "signed": document.signed,
    }
    problems = [
        f"{key}: {want!r} imported, {values.get(key)!r} read back"
        for key, want in expected.items()
        if values.get(key) != want
    ]
    names = [name for name, _ in values.get("addressees") or ()]  # type: ignore[attr-defined]
    if names != [a.name for a in document.addressees]:
        problems.append(f"addressees {names!r} read back")
    return problems


def _compare(number: str | None, assigned: Assigned, clause: Clause) -> list[str]:
    point = assigned.point
    label = number or clause.number
    problems = []
    if number is not None and clause.number != number:
        problems.append(f"clause {number} read back as {clause.number}")
    if _ROLES[point.role] is not clause.role:
        problems.append(f"clause {label} is a {point.role}, read back as {clause.role}")
    if assigned.addressee != clause.addressee:
        problems.append(
            f"clause {label}: addressee {assigned.addressee!r}, read back {clause.addressee!r}"
        )
    if _deadline(point.deadline) != _deadline(clause.deadline):
        problems.append(f"clause {label}: deadline {point.deadline}, read back {clause.deadline}")
    if point.addressees and assigned.responsible != clause.responsible:
        problems.append(f"clause {label}: responsible read back {clause.responsible!r}")
    return problems
