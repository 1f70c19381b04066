"""One input file → one new resolution file, never overwriting: the `sitegen import` command.

Each format is first read into plain lines (text.py does the rest): .txt is decoded, .md loses
its Markdown markers, .docx shows its list numbers as text, .doc and .odt go through
LibreOffice to .docx. The written file is read back by the parser at once, and any
disagreement goes into the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.importers.decode import UndecodableError, decode
from sitegen.importers.document import ImportedDocument
from sitegen.importers.docx import DocxError, docx_text
from sitegen.importers.markdown import MarkdownError, markdown_text
from sitegen.importers.office import OfficeError, office_text
from sitegen.importers.roundtrip import differences
from sitegen.importers.text import read_text
from sitegen.importers.write import render
from sitegen.link.urls import resolution_slug


class ImportFailed(Exception):
    """A file that cannot be imported; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file."""

    source: Path
    target: Path | None = None
    document: ImportedDocument | None = None
    error: str | None = None
    disagreements: tuple[str, ...] = ()


def _plain(path: Path) -> tuple[str, str | None]:
    raw = path.read_bytes()
    decoded = decode(raw)
    return decoded.text, decoded.encoding


def _markdown(path: Path) -> tuple[str, str | None]:
    text, encoding = _plain(path)
    return markdown_text(text), encoding


READERS: dict[str, Callable[[Path], tuple[str, str | None]]] = {
    ".txt": _plain,
    ".text": _plain,
    ".md": _markdown,
    ".markdown": _markdown,
    ".docx": lambda path: (docx_text(path.read_bytes()), None),
    ".doc": lambda path: (office_text(path), None),
    ".odt": lambda path: (office_text(path), None),
}


def read_document(path: Path) -> ImportedDocument:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ImportFailed(f"cannot import {path.suffix or 'files without a suffix'}; use {known}")
    try:
        text, encoding = reader(path)
    except (UndecodableError, DocxError, MarkdownError, OfficeError) as exc:
        raise ImportFailed(str(exc)) from exc
    if not text.strip():
        raise ImportFailed("the document has no text")
    return read_text(text, path.name, encoding)


def target_for(document: ImportedDocument, folder: Path) -> Path:
    """folder/<slug>.md, or <slug>-2.md, -3 … when that name is taken."""
    title = document.title or Path(document.source).stem
    slug = resolution_slug(document.number, document.date, title, document.lang)
    candidate = folder / f"{slug}.md"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{counter}.md"
        counter += 1
    return candidate


def default_folder(site: Path, document: ImportedDocument) -> Path:
    year = str(document.date.year) if document.date else "undated"
    return site / "content" / "resolutions" / year


def import_file(path: Path, site: Path, out: Path | None = None) -> Outcome:
    """Read `path`, write the resolution under `out` (else content/resolutions/<year>/)."""
    if not path.is_file():
        return Outcome(path, error="no such file")
    try:
        document = read_document(path)
    except ImportFailed as exc:
        return Outcome(path, error=str(exc))
    except OSError as exc:
        return Outcome(path, error=f"cannot read it ({exc.strerror or exc})")
    folder = out if out is not None else default_folder(site, document)
    text = render(document)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = target_for(document, folder)
        with target.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite
            handle.write(text)
    except OSError as exc:
        return Outcome(path, document=document, error=f"cannot write into {folder} ({exc})")
    return Outcome(path, target, document, disagreements=tuple(differences(document, text)))
