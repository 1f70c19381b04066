"""The render plan: one PlannedPage per HTML file of DESIGN §2.3, with its template and view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.config import SiteConfig
from sitegen.model import Site
from sitegen.render.views import Views


@dataclass(frozen=True, slots=True)
class PlannedPage:
    path: str  # site-relative page path ("addressees/x/") or file name ("404.html")
    template: str
    lang: str
    view: Mapping[str, object]


def plan_pages(site: Site, config: SiteConfig) -> list[PlannedPage]:
    views = Views(site, config)
    lang = config.language
    pages = [
        PlannedPage("", "index.html", lang, views.home()),
        PlannedPage("resolutions/", "resolutions.html", lang, {"years": _years(site, views)}),
        PlannedPage(
            "addressees/",
            "addressees.html",
            lang,
            {"entries": views.index_entries(site.addressees)},
        ),
        PlannedPage("deadlines/", "deadlines.html", lang, views.deadlines()),
        PlannedPage("bodies/", "bodies.html", lang, {"entries": views.index_entries(site.bodies)}),
        PlannedPage("years/", "years.html", lang, {"entries": views.index_entries(site.years)}),
        PlannedPage("materials/", "materials.html", lang, {"materials": views.materials()}),
        PlannedPage("search/", "search.html", lang, {}),
        PlannedPage("404.html", "404.html", lang, {}),
    ]
    pages += [
        PlannedPage(site.paths[r.source], "resolution.html", r.lang, views.resolution_page(r))
        for r in site.resolutions
    ]
    for listing in site.addressees:
        page = views.addressee_page(listing)
        pages.append(PlannedPage(listing.path, "addressee.html", lang, page))
        pages += [
            PlannedPage(
                y["path"], "addressee.html", lang, views.addressee_year_page(listing, y["key"])
            )
            for y in page["years"]
        ]
    pages += [PlannedPage(b.path, "body.html", lang, views.listing(b)) for b in site.bodies]
    pages += [PlannedPage(y.path, "year.html", lang, views.listing(y)) for y in site.years]
    pages += [PlannedPage(m.path, "month.html", lang, views.month_page(m)) for m in site.months]
    pages += [
        PlannedPage(site.paths[m.source], "material.html", m.lang, views.material_page(m))
        for m in site.materials
    ]
    pages += [
        PlannedPage(site.paths[p.source], "page.html", p.lang, {"page": p}) for p in site.pages
    ]
    return pages


def _years(site: Site, views: Views) -> list[dict[str, object]]:
    return [
        {
            "key": y.key,
            "path": y.path,
            "documents": [views.documents[r.source] for r in y.resolutions],
        }
        for y in site.years
    ]
