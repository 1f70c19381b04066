"""The few lines `sitegen import` prints per file: what was found, and what the editor must do.

For example:

    content/resolutions/2020/45.md  ← наказ-45.txt (UTF-8)
      found: наказ № 45 від 12.03.2020, Відділ освіти …; 3 addressees, 7 clauses, 5 deadlines
      fill in: title (set 'title:'), signed (set 'signed:')

Every "fill in" names the front-matter key to set; "check" marks a value read with doubt.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.importers.document import ImportedDocument, Role
from sitegen.importers.files import Outcome
from sitegen.importers.persons import PERSON, known_nominative
from sitegen.importers.write import signature_lines

_DATE_WORD = {"uk": "від", "ru": "от"}


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _found(document: ImportedDocument) -> str:
    parts = [document.kind or "document"]
    if document.number:
        parts.append(f"№ {document.number}")
    if document.date:
        parts.append(f"{_DATE_WORD.get(document.lang, 'від')} {document.date:%d.%m.%Y}")
    head = " ".join(parts)
    if document.body:
        body = document.body if len(document.body) <= 60 else document.body[:59] + "…"
        head = f"{head}, {body}"
    clauses = document.clauses()
    deadlines = sum(1 for c in clauses if c.point.deadline is not None)
    return (
        f"{head}; {len(document.addressees)} addressees, {len(clauses)} clauses, "
        f"{deadlines} deadlines"
    )


def _missing(document: ImportedDocument) -> list[str]:
    values = {
        "title": document.title,
        "kind": document.kind,
        "body": document.body,
        "date": document.date,
        "number": document.number,
        "addressees": document.addressees or None,
        "signed": document.signed,
    }
    return [f"{key} (set '{key}:')" for key, value in values.items() if value is None]


def _doubts(document: ImportedDocument) -> list[str]:
    doubts = []
    people = [("control", document.control)]
    people += [
        ("responsible", c.responsible) for c in document.clauses() if c.point.role is Role.TASK
    ]
    for key, value in people:
        for match in PERSON.finditer(value or ""):
            surname = match["s1"] or match["s2"]
            if surname.lower().endswith(("у", "ю")) and not known_nominative(
                surname, document.lang
            ):
                doubts.append(f"{key} '{match.group(0)}' may not be in the nominative")
    if not document.date and any(p.deadline and not p.deadline.due for p in document.points):
        doubts.append("deadlines without a year need 'date:' to be resolved")
    return list(dict.fromkeys(doubts))


def report(outcome: Outcome) -> list[str]:
    """The lines for one input file."""
    if outcome.error is not None or outcome.document is None or outcome.target is None:
        return [f"{_shown(outcome.source)}: not imported: {outcome.error}"]
    document = outcome.document
    encoding = f" ({document.encoding})" if document.encoding else ""
    lines = [f"{_shown(outcome.target)}  ← {outcome.source.name}{encoding}"]
    lines.append(f"  found: {_found(document)}")
    if missing := _missing(document):
        lines.append(f"  fill in: {', '.join(missing)}")
    if doubts := _doubts(document):
        lines.append(f"  check: {'; '.join(doubts)}")
    left_out = len(document.signatures) - len(signature_lines(document))
    if left_out:
        lines.append(f"  left out: {left_out} line(s) of signatures and page footer")
    if document.points and not any(p.role is not Role.HEADING for p in document.points):
        lines.append(
            "  check: no clauses found; number them or mark where the operative part starts"
        )
    for disagreement in outcome.disagreements:
        lines.append(f"  read back differently: {disagreement}")
    return lines
