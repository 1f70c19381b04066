"""A .docx document → plain lines, keeping the clause numbers the reader sees.

Word numbers lists itself ("1.", "1.1.", "а)"), so the numbers are not in the text, and
mammoth, which turns the document into clean HTML, drops them. python-docx reads each
paragraph's numbering (numPr: numId and level, directly or through its style) against the
numbering definitions, and the label is written into the paragraph as text before mammoth
converts it. Tables of measures become one line per row: number, text, then the deadline
on its own line and the responsible person in parentheses.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

import docx
import mammoth
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from sitegen.importers.lines import is_deadline_line
from sitegen.importers.persons import PERSON


class DocxError(ValueError):
    """Not a readable .docx file."""


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
_ROMAN += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, fmt: str) -> str:
    letters = {
        "lowerLetter": "abcdefghijklmnopqrstuvwxyz",
        "upperLetter": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "russianLower": _CYRILLIC,
        "russianUpper": _CYRILLIC.upper(),
    }
    if fmt in letters:
        alphabet = letters[fmt]
        return alphabet[(number - 1) % len(alphabet)] * ((number - 1) // len(alphabet) + 1)
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


def _val(element: object, tag: str) -> str | None:
    found = element.find(qn(tag)) if element is not None else None  # type: ignore[attr-defined]
    return found.get(qn("w:val")) if found is not None else None


def _definitions(document: docx.document.Document) -> dict[str, dict[int, _Level]]:
    """numId → level → format, label pattern and start, with the num's start overrides."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    result: dict[str, dict[int, _Level]] = {}
    for num in numbering.findall(qn("w:num")):
        abstract = abstracts.get(_val(num, "w:abstractNumId"))
        if abstract is None:
            continue
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl"), "0"))
            start = int(_val(lvl, "w:start") or 1)
            levels[ilvl] = _Level(
                _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", start
            )
        for override in num.findall(qn("w:lvlOverride")):
            ilvl = int(override.get(qn("w:ilvl"), "0"))
            if (start := _val(override, "w:startOverride")) and ilvl in levels:
                level = levels[ilvl]
                levels[ilvl] = _Level(level.fmt, level.text, int(start))
        result[num.get(qn("w:numId"))] = levels
    return result


def _num_pr(paragraph: object, styles: dict[str, object]) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, from its own properties or its style's chain."""
    ppr = paragraph.find(qn("w:pPr"))  # type: ignore[attr-defined]
    candidates = [ppr]
    style_id = _val(ppr, "w:pStyle")
    seen: set[str] = set()
    while style_id and style_id not in seen and style_id in styles:
        seen.add(style_id)
        style = styles[style_id]
        candidates.append(style.find(qn("w:pPr")))  # type: ignore[attr-defined]
        style_id = _val(style, "w:basedOn")
    for props in candidates:
        num_pr = props.find(qn("w:numPr")) if props is not None else None
        if num_pr is not None and (num_id := _val(num_pr, "w:numId")):
            return (num_id, int(_val(num_pr, "w:ilvl") or 0)) if num_id != "0" else None
    return None


def _label(levels: dict[int, _Level], counters: list[int | None], ilvl: int) -> str:
    level = levels[ilvl]
    if level.fmt == "bullet":
        return "-"
    if level.fmt == "none":
        return ""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        count = counters[index] if counters[index] is not None else levels.get(index, level).start
        return _format(count or 1, levels.get(index, level).fmt)

    return re.sub(r"%([1-9])", value, level.text)


def _materialise_numbering(document: docx.document.Document) -> None:
    """Write each automatic list label into its paragraph and switch the numbering off."""
    definitions = _definitions(document)
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    counters: dict[str, list[int | None]] = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        found = _num_pr(paragraph, styles)
        if found is None or found[0] not in definitions or found[1] not in definitions[found[0]]:
            continue
        num_id, ilvl = found
        levels = definitions[num_id]
        state = counters.setdefault(num_id, [None] * 9)
        current = state[ilvl]
        state[ilvl] = levels[ilvl].start if current is None else current + 1
        state[ilvl + 1 :] = [None] * (8 - ilvl)
        _prefix(paragraph, _label(levels, state, ilvl))


def _prefix(paragraph: object, label: str) -> None:
    ppr = paragraph.get_or_add_pPr()  # type: ignore[attr-defined]
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    off = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "0")
    off.append(num_id)
    ppr.append(off)
    if label:
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = f"{label} "
        run.append(text)
        ppr.addnext(run)


class _Lines(HTMLParser):
    """mammoth's HTML → lines: one per paragraph, heading or list item, one per table row."""

    _BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []
        elif tag == "br" or (tag in self._BLOCKS and self.row is None):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self.row is not None:
            self.row.append(" ".join(" ".join(self.cell).split()))
        elif tag == "tr" and self.row is not None:
            self.lines.extend(_row(self.row))
            self.row = None
        elif tag in self._BLOCKS and self.row is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        (self.cell if self.row is not None else self.current).append(data)

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.lines.extend(["", text])
        self.current = []


def _row(cells: list[str]) -> list[str]:
    """A row of a table of measures: '1. | Провести … | до 01.09.2020 | Іваненко І.І.'."""
    cells = [c for c in cells if c]
    if not cells or re.fullmatch(r"(?:№|N)\s*(?:з/п|п/п)?", cells[0]):
        return []  # empty, or the table's header row
    number = cells[0] if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", cells[0]) else None
    rest = cells[1:] if number else cells
    deadlines = [c for c in rest if is_deadline_line(c)]
    people = [c for c in rest if c not in deadlines and PERSON.fullmatch(c.strip())]
    text = " ".join(c for c in rest if c not in deadlines and c not in people)
    if people:
        text += f" ({', '.join(people)})"
    first = f"{number.rstrip('.')}. {text}" if number else text
    return ["", first, *deadlines]


def docx_text(raw: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocxError(f"not a readable .docx file ({exc})") from exc
    _materialise_numbering(document)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    html = mammoth.convert_to_html(buffer).value
    parser = _Lines()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines).strip() + "\n"
