"""A Markdown document without front matter → plain lines for text.py.

Markdown resolutions pasted from elsewhere use bold for headings, `###` headings, dash lists and
backslash escapes. The lines keep their words; links keep their text. A file that already has
front matter is a content file: it needs copying, not importing.
"""

from __future__ import annotations

import re


class MarkdownError(ValueError):
    """The file is not a document to import (it has front matter already)."""


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"</?[a-zA-Z][^>]*>")


def markdown_text(text: str) -> str:
    if re.match(r"^---[ \t]*\n", text):
        raise MarkdownError(
            "the file already has front matter; copy it into content/resolutions/ instead"
        )
    lines = []
    for line in text.split("\n"):
        line = _LINK.sub(r"\1", line)
        line = _HTML.sub("", line)
        lines.append(_ESCAPE.sub(r"\1", line.rstrip()))
    return "\n".join(lines)
