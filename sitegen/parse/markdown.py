"""The one configured Markdown parser; nothing else in sitegen builds a MarkdownIt.

Editors may paste raw HTML (a table from Word), so it is allowed, but every fragment that
contains any is passed through nh3 (the Ammonia sanitiser): no script, event handler,
`javascript:` URL or iframe can reach a page, whatever the content says. markdown-it itself
already refuses `javascript:` and `data:` links written in Markdown syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# markdown-it's default, said aloud: the strikethrough rule asks for it for every inline run,
# and an option missing from its OptionsDict is found missing through a raised KeyError (a
# tenth of parsing our resolutions).
_OPTIONS = {"html": True, "typographer": False, "strikethrough_single_tilde": False}


@cache
def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", _OPTIONS).enable(["table", "strikethrough"])


_RAW_HTML = ("html_block", "html_inline")


def _has_raw_html(tokens: Sequence[Token]) -> bool:
    return any(t.type in _RAW_HTML or (t.children and _has_raw_html(t.children)) for t in tokens)


def _safe(html: str, tokens: Sequence[Token]) -> str:
    """Sanitise only what carries raw HTML: the rest is escaped by markdown-it already."""
    return nh3.clean(html) if _has_raw_html(tokens) else html


def render_blocks(tokens: Sequence[Token]) -> str:
    md = markdown()
    return _safe(md.renderer.render(list(tokens), md.options, {}), tokens)


def render_inline(children: Sequence[Token]) -> str:
    md = markdown()
    return _safe(md.renderer.renderInline(list(children), md.options, {}), children)


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
    return render_blocks(markdown().parse(text))
