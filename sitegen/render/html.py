"""PlannedPage and its view → HTML bytes through the theme's Jinja templates."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

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
        "t": partial(theme.catalogue.text, page.lang),
        "href": href,
        "canonical": config.base_url + page.path,
        "page_path": page.path,
        "og_locale": og_locale(page.lang),
    }
    try:
        text = env.get_template(page.template).render(context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None) or 1
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or page.template
        raise TemplateProblem(str(name), line, f"{type(exc).__name__}: {exc}") from exc
    return text.encode("utf-8")
