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

from sitegen.diagnostics import Text, text
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


def _found(document: ImportedDocument) -> Text:
    parts = [document.kind or "—"]
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
    counts = {"addressees": len(document.addressees), "clauses": len(clauses)}
    return text("import.found", head=head, deadlines=deadlines, **counts)


def _missing(document: ImportedDocument) -> list[Text]:
    values = {
        "title": document.title,
        "kind": document.kind,
        "body": document.body,
        "date": document.date,
        "number": document.number,
        "addressees": document.addressees or None,
        "signed": document.signed,
    }
    return [text("import.fill-field", key=key) for key, value in values.items() if value is None]


def _doubts(document: ImportedDocument) -> list[Text]:
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
                doubts.append(text("import.doubt-nominative", key=key, value=match.group(0)))
    if not document.date and any(p.deadline and not p.deadline.due for p in document.points):
        doubts.append(text("import.doubt-year"))
    return list(dict.fromkeys(doubts))


def report(outcome: Outcome, lang: str = "en") -> list[str]:
    """The lines for one input file, in the editor's language."""
    if outcome.error is not None or outcome.document is None or outcome.target is None:
        line = text("import.failed", source=_shown(outcome.source), error=str(outcome.error))
        return [line.render(lang)]
    document = outcome.document
    encoding = f" ({document.encoding})" if document.encoding else ""
    lines = [f"{_shown(outcome.target)}  ← {outcome.source.name}{encoding}"]
    lines.append("  " + _found(document).render(lang))
    if missing := _missing(document):
        fields = ", ".join(m.render(lang) for m in missing)
        lines.append("  " + text("import.fill-in", fields=fields).render(lang))
    if doubts := _doubts(document):
        found = "; ".join(d.render(lang) for d in doubts)
        lines.append("  " + text("import.check", doubts=found).render(lang))
    left_out = len(document.signatures) - len(signature_lines(document))
    if left_out:
        lines.append("  " + text("import.left-out", count=left_out).render(lang))
    if document.points and not any(p.role is not Role.HEADING for p in document.points):
        lines.append("  " + text("import.no-clauses").render(lang))
    for disagreement in outcome.disagreements:
        lines.append("  " + text("import.read-back", what=disagreement).render(lang))
    return lines
