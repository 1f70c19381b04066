"""The one configured Markdown parser; nothing else in sitegen builds a MarkdownIt.

Raw HTML is off: content is text written by editors, and the published site must never carry
markup (or scripts) that an imported document smuggled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def render_blocks(tokens: Sequence[Token]) -> str:
    md = markdown()
    return md.renderer.render(list(tokens), md.options, {})


def render_inline(children: Sequence[Token]) -> str:
    md = markdown()
    return md.renderer.renderInline(list(children), md.options, {})


def plain_text(children: Sequence[Token]) -> str:
    """Inline tokens → the text a reader sees, for matching, feeds and search."""
    parts: list[str] = []
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.children:
            parts.append(plain_text(token.children))
    return "".join(parts)


def render_markdown(text: str) -> str:
    """A whole Markdown document (a page or a material) → HTML."""
    return markdown().render(text)
