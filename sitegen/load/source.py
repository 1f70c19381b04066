"""Read one content file: decode it, normalise line ends and split off the YAML front matter."""

from __future__ import annotations

import hashlib
import re

from sitegen.diagnostics import Diagnostic, error
from sitegen.model import Source

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def read_source(raw: bytes, path: str, section: str) -> tuple[Source | None, list[Diagnostic]]:
    """Bytes → Source; a file that cannot be read as a document gives a diagnostic instead."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02X} cannot be decoded); "
            "save it as UTF-8, or convert it with 'sitegen import'"
        )
        return None, [error(path, line, message, "source.encoding")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [
            error(path, line, "the file contains NUL bytes; is it binary?", "source.binary")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n"):
        message = (
            "the file does not start with front matter; add a '---' line, the fields, and '---'"
        )
        return None, [error(path, 1, message, "front-matter.missing")]
    closing = _FENCE.search(text, 4)
    if closing is None:
        message = "the front matter is not closed; add a line '---' after the last field"
        return None, [error(path, 1, message, "front-matter.unclosed")]
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
