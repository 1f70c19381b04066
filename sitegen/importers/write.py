"""ImportedDocument → a resolution file: YAML front matter and a Markdown body (DESIGN §1.1).

The body keeps the document's words and numbers; what the importer worked out is made
explicit in the forms the parser reads back: a deadline on its own line after its clause, a
`Виконавці:`/`Исполнители:` line naming the addressees a clause names in its own text, and
`addressees:` in the nominative with each written form as an alias. Site chrome and the lines
under the signature are not carried over. Fields the importer could not fill are written
empty with a comment, so that `sitegen check` points the editor at them.
"""

from __future__ import annotations

import json
import re

import yaml

from sitegen.importers.document import ImportedDocument, Point, Role
from sitegen.importers.persons import PERSON

EXECUTORS_LABEL = {"uk": "Виконавці", "ru": "Исполнители"}
_MARKDOWN = re.compile(r"([\\`*_<\[\]])")
_BLOCK_START = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|=+\s*$|-{3,}\s*$)")
_YAML_SPECIAL = tuple("'\"{[&*!|>%@`-?,#")

MISSING_HINTS = {
    "title": 'the subject line, e.g. "Про …"',
    "body": "the issuing body in the nominative",
    "addressees": "who is asked to act, in the nominative (a list)",
}


def escape(text: str) -> str:
    """Plain text that Markdown must show as written: no emphasis, links, HTML or lists."""
    escaped = _MARKDOWN.sub(r"\\\1", text)
    if _BLOCK_START.match(escaped):
        escaped = (
            "\\" + escaped
            if not escaped[0].isdigit()
            else re.sub(r"([.)])", r"\\\1", escaped, count=1)
        )
    return escaped


def scalar(value: str) -> str:
    """A YAML scalar: plain when it reads back as the same text, else double-quoted."""
    try:
        plain_ok = yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok and not value.startswith(_YAML_SPECIAL) and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def front_matter(document: ImportedDocument) -> str:
    lines = ["---"]

    def field(key: str, value: str | None, required: bool = True) -> None:
        if value is not None:
            lines.append(f"{key}: {scalar(value)}")
        elif required:
            lines.append(f"{key}:  # FILL IN: {MISSING_HINTS.get(key, key)}")
        else:
            lines.append(f"# {key}: not found in the document")

    field("title", document.title)
    field("kind", document.kind, required=False)
    field("body", document.body)
    if document.date is not None:
        lines.append(f"date: {document.date.isoformat()}")
    else:
        lines.append("date: null  # not found: set YYYY-MM-DD, or keep null if the text has none")
    if document.number is not None:
        lines.append(f"number: {json.dumps(document.number, ensure_ascii=False)}")
    else:
        lines.append("# number: not found in the document")
    lines.append(f"lang: {document.lang}")
    if document.addressees:
        lines.append("addressees:")
        for addressee in document.addressees:
            spellings = [s for s in (addressee.written, *addressee.aliases) if s != addressee.name]
            lines.append(f"  - name: {scalar(addressee.name)}")
            if spellings:
                quoted = ", ".join(json.dumps(s, ensure_ascii=False) for s in spellings)
                lines.append(f"    aliases: [{quoted}]")
    else:
        field("addressees", None)
    if document.control:
        lines.append(f"control: {scalar(document.control)}")
    field("signed", document.signed, required=False)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _point(point: Point, lang: str) -> list[str]:
    """One point as Markdown blocks: its paragraph (with the executors line), sub-items as a
    list, and its deadline line as a paragraph of its own."""
    text = escape(point.text)
    first = f"{point.number}. {text}" if point.number else text
    paragraph = [first]
    if point.role is not Role.HEADING and point.addressees:
        persons = point.persons or (None,) * len(point.addressees)
        executors = "; ".join(
            f"{name} ({person})" if person else name
            for name, person in zip(point.addressees, persons, strict=True)
        )
        paragraph.append(f"{EXECUTORS_LABEL.get(lang, 'Виконавці')}: {escape(executors)}")
    blocks = ["\n".join(paragraph)]
    if point.subitems:
        blocks.append("\n".join(f"- {escape(_unbulleted(item))}" for item in point.subitems))
    if point.deadline_line:
        blocks.append(escape(point.deadline_line))
    return blocks


def _unbulleted(item: str) -> str:
    return re.sub(r"^[-–—•·]\s+", "", item)


def signature_lines(document: ImportedDocument) -> list[str]:
    """The signature block (post and name) after a control clause; the rest of the tail is
    site chrome or executor details and is left out."""
    if not any(p.role is Role.CONTROL for p in document.points):
        return []
    kept: list[str] = []
    for line in document.signatures:
        kept.append(line)
        if PERSON.search(line) or (document.signed and document.signed in line):
            return kept
    return []


def _preamble(paragraph: str) -> str:
    """Dash items of the preamble ("обсуждены следующие вопросы: - …") stay a list."""
    if bullet := re.match(r"^[-–—•·]\s+", paragraph):
        return "- " + escape(paragraph[bullet.end() :])
    return escape(paragraph)


def body(document: ImportedDocument) -> str:
    blocks = [_preamble(p) for p in document.preamble]
    if document.formula and document.formula_inline and blocks:
        blocks[-1] = f"{blocks[-1]} {escape(document.formula)}"
    elif document.formula:
        blocks.append(escape(document.formula))
    for point in document.points:
        blocks.extend(_point(point, document.lang))
    signature = signature_lines(document)
    if signature:
        blocks.append("\n".join(escape(line) for line in signature))
    return "\n\n".join(blocks) + "\n"


def render(document: ImportedDocument) -> str:
    return front_matter(document) + "\n" + body(document)
