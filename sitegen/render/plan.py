"""The render plan: one PlannedPage per HTML file of DESIGN §2.3, with its template and view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from sitegen.config import SiteConfig
from sitegen.link.urls import file_of
from sitegen.model import Listing, Site
from sitegen.render.search import bundle_path, search_shards
from sitegen.render.views import Views


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page to be: its view model is built only when asked for, so a large site never holds
    the views of every page at once."""

    path: str  # site-relative page path ("addressees/x/") or file name ("404.html")
    template: str
    lang: str
    view: Callable[[], Mapping[str, object]]
    searchable: bool = False  # has `data-pagefind-body`: Pagefind reads it
    # What the view is made from, when that is cheaper to fingerprint than the view itself.
    inputs: Callable[[], object] | None = None
    # What the inputs are made from, cheaper still: equal members give equal inputs. Only
    # with `inputs`.
    members: Callable[[], object] | None = None
    listing: Listing | None = None  # the list whose page this is (see render/reuse.py)


# The pages of one document each: small, and most of a site's pages.
DOCUMENT_TEMPLATES = frozenset(("resolution.html", "material.html", "page.html"))


def plan_pages(site: Site, config: SiteConfig, views: Views) -> list[PlannedPage]:
    lang = config.language

    def fixed(view: Mapping[str, object]) -> Callable[[], Mapping[str, object]]:
        return lambda: view

    pages = [
        PlannedPage("", "index.html", lang, views.home),
        PlannedPage(
            "resolutions/", "resolutions.html", lang, lambda: {"years": _years(site, views)}
        ),
        PlannedPage(
            "addressees/",
            "addressees.html",
            lang,
            lambda: {"entries": views.index_entries(site.addressees)},
        ),
        PlannedPage("deadlines/", "deadlines.html", lang, views.deadlines),
        PlannedPage(
            "bodies/", "bodies.html", lang, lambda: {"entries": views.index_entries(site.bodies)}
        ),
        PlannedPage(
            "years/", "years.html", lang, lambda: {"entries": views.index_entries(site.years)}
        ),
        PlannedPage("materials/", "materials.html", lang, lambda: {"materials": views.materials()}),
        PlannedPage("search/", "search.html", lang, fixed({"bundles": _search_bundles(site)})),
        PlannedPage("404.html", "404.html", lang, fixed({})),
    ]

    def document(
        source: str, template: str, language: str, view: Callable, inputs: Callable | None = None
    ) -> PlannedPage:
        """The page of a resolution, material or plain page: searchable."""
        return PlannedPage(site.paths[source], template, language, view, True, inputs)

    pages += [
        document(
            r.source,
            "resolution.html",
            r.lang,
            partial(views.resolution_page, r),
            partial(views.resolution_inputs, r),
        )
        for r in site.resolutions
    ]
    for listing in site.addressees:
        # Its name is searchable; its per-year pages are long lists that Pagefind need not read.
        pages.append(
            PlannedPage(
                listing.path,
                "addressee.html",
                lang,
                partial(views.addressee_page, listing),
                searchable=True,
                inputs=partial(views.listing_inputs, listing),
                members=partial(views.listing_members, listing),
                listing=listing,
            )
        )
        pages += [
            PlannedPage(
                y["path"],
                "addressee.html",
                lang,
                partial(views.addressee_year_page, listing, y["key"]),
                inputs=partial(views.listing_inputs, listing, y["key"]),
                members=partial(views.listing_members, listing, y["key"]),
                listing=listing,
            )
            for y in views.addressee_years(listing)
        ]
    for template, listings, view in (
        ("body.html", site.bodies, views.listing),
        ("year.html", site.years, views.listing),
        ("month.html", site.months, views.month_page),
    ):
        pages += [
            PlannedPage(
                listing.path,
                template,
                lang,
                partial(view, listing),
                inputs=partial(views.listing_inputs, listing),
                members=partial(views.listing_members, listing),
                listing=listing,
            )
            for listing in listings
        ]
    pages += [
        document(m.source, "material.html", m.lang, partial(views.material_page, m))
        for m in site.materials
    ]
    pages += [document(p.source, "page.html", p.lang, fixed({"page": p})) for p in site.pages]
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


def _search_bundles(site: Site) -> list[str]:
    """The per-year search bundles the search page merges into the main one."""
    return [bundle_path(shard) for shard in sorted(resolution_shards(site))]


def resolution_shards(site: Site) -> frozenset[str]:
    return search_shards([file_of(site.paths[r.source]) for r in site.resolutions])
