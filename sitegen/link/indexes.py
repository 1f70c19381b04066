"""Indexes of the archive: by addressee, issuing body, year and deadline month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from sitegen.link.collation import sort_key
from sitegen.link.tasks import Tasks
from sitegen.link.urls import addressee_path, body_path, month_path, slugify, year_path
from sitegen.model import Listing, Resolution


def newest_first(resolutions: Iterable[Resolution]) -> list[Resolution]:
    """Newest first; undated documents after dated ones; ties by number, naturally."""
    ordered = sorted(resolutions, key=lambda r: (r.source,))
    ordered.sort(key=lambda r: sort_key(r.lang)(r.number or ""), reverse=True)
    return sorted(ordered, key=lambda r: r.date or date.min, reverse=True)


def addressee_listings(
    resolutions: list[Resolution], tasks: Mapping[str, Tasks], lang: str
) -> list[Listing]:
    """Each addressee's documents and tasks (`tasks`: in deadline order, by addressee)."""
    names: dict[str, str] = {}
    for resolution in resolutions:
        for addressee in resolution.addressees:
            names.setdefault(addressee.name, resolution.lang)
    slugs = _unique_slugs(names)
    # One pass over the documents, not one per addressee: sites grow in both.
    docs: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        for name in dict.fromkeys(a.name for a in resolution.addressees):
            docs[name].append(resolution)
    listings = [
        Listing(
            name,
            slugs[name],
            addressee_path(slugs[name]),
            tuple(docs[name]),
            tasks.get(name, ()),
            lang=addressee_lang,
        )
        for name, addressee_lang in names.items()
    ]
    return sorted(listings, key=lambda item: sort_key(lang)(item.key))


def body_listings(resolutions: list[Resolution], lang: str) -> list[Listing]:
    grouped: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        grouped[resolution.body].append(resolution)
    slugs = body_slugs(resolutions)
    listings = [
        Listing(body, slugs[body], body_path(slugs[body]), tuple(docs), lang=docs[0].lang)
        for body, docs in grouped.items()
    ]
    return sorted(listings, key=lambda item: sort_key(lang)(item.key))


def body_slugs(resolutions: Iterable[Resolution]) -> dict[str, str]:
    names: dict[str, str] = {}
    for resolution in sorted(resolutions, key=lambda r: r.source):
        names.setdefault(resolution.body, resolution.lang)
    return _unique_slugs(names)


def year_listings(resolutions: list[Resolution]) -> list[Listing]:
    grouped: dict[int | None, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        grouped[resolution.date.year if resolution.date else None].append(resolution)
    years = sorted(grouped, key=lambda y: (y is None, -(y or 0)))
    return [
        Listing(
            str(year or "undated"), str(year or "undated"), year_path(year), tuple(grouped[year])
        )
        for year in years
    ]


def month_listings(tasks: Mapping[tuple[int, int], Tasks]) -> list[Listing]:
    """Tasks by the (year, month) they fall due in, in deadline order."""
    listings = []
    for year, month in sorted(tasks):
        first, label = date(year, month, 1), f"{year:04d}-{month:02d}"
        listings.append(
            Listing(label, label, month_path(first), tasks=tasks[year, month], month=first)
        )
    return listings


def _unique_slugs(names: dict[str, str]) -> dict[str, str]:
    """Slug per name; a second name with the same slug gets '-2', in a stable order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        slug = base = slugify(name, names[name], limit=70)
        counter = 2
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        taken.add(slug)
        slugs[name] = slug
    return slugs
