"""Plain text → ImportedDocument: the reading every importer ends in.

.docx, .doc, .odt and .md are first turned into plain lines (numbering made visible); from
there one path reads the header's requisites, the preamble and formula, the points with their
addressees and deadlines, and the signature.
"""

from __future__ import annotations

from sitegen.importers.bodies import read_body
from sitegen.importers.clauses import control_of, finish, read_drafts
from sitegen.importers.document import ImportedDocument
from sitegen.importers.kinds import detect_lang, read_kind
from sitegen.importers.lines import Line, clean_lines, split_run_in
from sitegen.importers.persons import signer, signer_person
from sitegen.importers.requisites import read_date_number, read_title
from sitegen.importers.zones import split_zones


def read_text(text: str, source: str, encoding: str | None = None) -> ImportedDocument:
    lines = _unrepeated(clean_lines(text))
    lines = [Line(part, line.indent) for line in lines for part in split_run_in(line.text)]
    full = "\n".join(line.text for line in lines)
    lang = detect_lang(full)
    zones = split_zones(lines)
    kind = read_kind([*zones.header, *zones.tail], zones.formula, lang)
    document_date, number = read_date_number(zones)
    points, addressees = finish(read_drafts(zones.operative, lang), lang, document_date)
    signed = signer(zones.tail)
    return ImportedDocument(
        source=source,
        encoding=encoding,
        lang=lang,
        kind=kind,
        title=read_title(zones, kind),
        body=read_body(zones, lang, kind),
        date=document_date,
        number=number,
        addressees=addressees,
        preamble=tuple(zones.preamble),
        formula=zones.formula,
        points=points,
        signatures=tuple(zones.tail),
        control=control_of(points, signer_person(signed, lang) if signed else None),
        signed=signed,
        formula_inline=zones.formula_inline,
    )


def _unrepeated(lines: list[Line]) -> list[Line]:
    """A heading repeated at the start of the next paragraph ("Об организации … В целях …")
    is cut off that paragraph: pages often print the title twice."""
    seen: list[str] = []
    result: list[Line] = []
    for line in lines:
        text = line.text
        for earlier in seen:
            if len(earlier) >= 20 and text.startswith(earlier + " ") and len(text) > len(earlier):
                text = text[len(earlier) :].strip()
                break
        if text:
            seen.append(text)
        result.append(Line(text, line.indent))
    return result
