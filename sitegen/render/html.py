"""PlannedPage and its view → HTML bytes through the theme's Jinja templates."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from itertools import islice

from jinja2 import Environment, TemplateError

from sitegen.config import SiteConfig
from sitegen.link.urls import file_of
from sitegen.render.metadata import og_locale
from sitegen.render.plan import PlannedPage
from sitegen.render.theme import Theme
from sitegen.render.views import href_for


class TemplateProblem(Exception):
    """A template failed to render: carries the template name and line for the diagnostic."""

    def __init__(self, template: str, line: int, message: str) -> None:
        super().__init__(message)
        self.template = template
        self.line = line


def render_page(
    page: PlannedPage,
    view: Mapping[str, object],
    env: Environment,
    theme: Theme,
    config: SiteConfig,
    site_globals: dict,
) -> bytes:
    href = href_for(page.path)
    if page.path == "404.html":  # served at any depth: only absolute links work there
        href = lambda target: config.base_url + file_of(target).removesuffix("index.html")  # noqa: E731
    context = {
        **site_globals,
        "page": view,
        "lang": page.lang,
        "t": theme.catalogue.translator(page.lang),
        "href": href,
        "canonical": config.base_url + page.path,
        "page_path": page.path,
        "og_locale": og_locale(page.lang),
    }
    try:
        return _encoded(env.get_template(page.template).generate(context))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None) or 1
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or page.template
        raise TemplateProblem(str(name), line, f"{type(exc).__name__}: {exc}") from exc


PIECES = 8192  # template output pieces joined and encoded at a time


def _encoded(pieces: Iterator[str]) -> bytes:
    """The page as UTF-8, encoded as it is generated. `Template.render` joins every piece
    into one `str` first: for a month page listing 15,000 tasks (a 50,000-resolution archive)
    that is millions of pieces, then 2 bytes per Cyrillic letter, then the bytes: ~350 MB at
    once in a page worker, against the page's ~60 MB here."""
    out = io.BytesIO()
    batch = list(islice(pieces, PIECES))
    while batch:
        out.write("".join(batch).encode("utf-8"))
        batch = list(islice(pieces, PIECES))
    return out.getvalue()
