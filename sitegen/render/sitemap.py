"""sitemap.xml and robots.txt: what search engines need to find every page."""

from __future__ import annotations

from xml.sax.saxutils import escape

from sitegen.config import SiteConfig
from sitegen.model import OutputFile
from sitegen.render.plan import PlannedPage

SITEMAP_XML = "sitemap.xml"
ROBOTS_TXT = "robots.txt"


def sitemap(pages: list[PlannedPage], config: SiteConfig) -> OutputFile:
    urls = sorted(config.base_url + p.path for p in pages if p.path != "404.html")
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{body}</urlset>\n"
    )
    return OutputFile(SITEMAP_XML, text.encode("utf-8"))


def robots(config: SiteConfig) -> OutputFile:
    text = f"User-agent: *\nAllow: /\nSitemap: {config.base_url}sitemap.xml\n"
    return OutputFile(ROBOTS_TXT, text.encode("utf-8"))
