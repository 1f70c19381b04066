"""Read one content file: decode it, normalise line ends and split off the YAML front matter."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sitegen.diagnostics import Diagnostic, error
from sitegen.model import ContentFile, Source

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def read_source(raw: bytes, path: str, section: str) -> tuple[Source | None, list[Diagnostic]]:
    """Bytes → Source; a file that cannot be read as a document gives a diagnostic instead."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(path, line, "source.encoding", byte=f"{raw[exc.start]:02X}")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [error(path, line, "source.binary")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n"):
        return None, [error(path, 1, "front-matter.missing")]
    closing = _FENCE.search(text, 4)
    if closing is None:
        return None, [error(path, 1, "front-matter.unclosed")]
    front_matter = text[4 : closing.start()]
    body_start = closing.end() + 1
    body_line = text[:body_start].count("\n") + 1
    source = Source(
        path=path,
        section=section,
        front_matter=front_matter,
        body=text[body_start:],
        front_matter_line=2,
        body_line=body_line,
        digest=digest,
    )
    return source, []


def read_again(file: ContentFile, root: Path) -> tuple[Source | None, list[Diagnostic]]:
    """The Source of a file load listed, read from disk once more for parsing. A file whose
    bytes are no longer the ones load hashed was saved during the build: its result would be
    cached under the old digest, so it is an error (build again), never parsed."""
    try:
        with open(root / file.path, "rb") as stream:
            raw = stream.read()
    except OSError:
        raw = b""
    if hashlib.sha256(raw).hexdigest() != file.digest:
        return None, [error(file.path, 1, "source.changed")]
    return read_source(raw, file.path, file.section)
