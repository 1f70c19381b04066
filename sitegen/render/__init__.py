"""Stage 4, render: the linked Site → every output file as bytes (nothing is written here)."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.config import SiteConfig
from sitegen.link.urls import feed_path
from sitegen.model import OutputFile, Site
from sitegen.render.api import clauses_csv, resolutions_json
from sitegen.render.assets import collect_assets
from sitegen.render.feeds import addressee_feeds, site_feed
from sitegen.render.html import TemplateProblem, render_page
from sitegen.render.ical import calendars
from sitegen.render.plan import PlannedPage, plan_pages
from sitegen.render.search import SearchUnavailable, with_search_index
from sitegen.render.sitemap import robots, sitemap
from sitegen.render.theme import Theme, ThemeError, environment, load_theme

__all__ = [
    "SearchUnavailable",
    "TemplateProblem",
    "Theme",
    "ThemeError",
    "load_theme",
    "render_site",
]


def render_site(site: Site, config: SiteConfig, theme: Theme) -> Iterator[OutputFile]:
    """Yield files one by one, so that the writer streams them instead of holding the site."""
    env = environment(theme)
    pages = plan_pages(site, config)
    assets = collect_assets(theme)
    site_globals = {
        "site": {"title": config.title, "description": config.description},
        "pages": [{"path": site.paths[p.source], "title": p.title} for p in site.pages],
        "stylesheet": assets.path("style.css"),
        "search_script": assets.path("search.js"),
        "feed": feed_path(),
    }
    html = (render_page(page, env, theme, config, site_globals) for page in pages)
    # The pages first; the rest while Pagefind indexes them; then its bundle (pagefind/…).
    yield from with_search_index(html, config.language, _other_files(site, config, theme, pages))
    yield from assets.files


def _other_files(
    site: Site, config: SiteConfig, theme: Theme, pages: list[PlannedPage]
) -> Iterator[OutputFile]:
    """Everything that is not an HTML page: sitemap, robots, feeds, calendars, open data."""
    yield sitemap(pages, config)
    yield robots(config)
    yield site_feed(site, config, theme.catalogue)
    yield from addressee_feeds(site, config, theme.catalogue)
    yield from calendars(site, config, theme.catalogue)
    yield resolutions_json(site, config)
    yield clauses_csv(site, config)
