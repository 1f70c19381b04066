"""Atom 1.0 feeds (RFC 4287): the whole archive, and one per addressee.

A director subscribes to their own addressee's feed and learns of every new resolution that
asks something of them, with the clauses and deadlines in the entry itself. Timestamps come
from the documents, never from the clock, so the same content gives the same bytes.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitegen.config import SiteConfig
from sitegen.link.urls import feed_path
from sitegen.model import (
    Clause,
    ClauseRole,
    DeadlineKind,
    Listing,
    Material,
    OutputFile,
    Resolution,
    Site,
)
from sitegen.render.permalinks import absolute_url, clause_url, stable_id
from sitegen.render.theme import Catalogue
from sitegen.render.views import long_date

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = "1970-01-01T00:00:00Z"  # undated documents: stable, and sorts after every dated one
FEED_ENTRIES = 50  # a feed says what is new; the archive itself is the site (and the API)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    updated: str
    link: str
    author: str
    lang: str
    content_html: str
    category: str | None = None


def timestamp(day: date | None) -> str:
    """An Atom date-time from a document's own date (midnight UTC), or the epoch if undated."""
    return f"{day.isoformat()}T00:00:00Z" if day else EPOCH


def site_feed(site: Site, config: SiteConfig, catalogue: Catalogue) -> OutputFile:
    """/feed.xml: the newest resolutions and materials. Resolutions come newest first, so
    only the first FEED_ENTRIES of them can make the cut (ties keep archive order)."""
    newest = site.resolutions[:FEED_ENTRIES]
    entries = [_resolution_entry(r, site, config, catalogue) for r in newest]
    entries += [_material_entry(m, site, config) for m in site.materials]
    entries.sort(key=lambda e: e.updated, reverse=True)  # stable: ties keep archive order
    path = feed_path()
    return _feed(path, "", config.title, config.language, entries[:FEED_ENTRIES], config)


def addressee_feed(
    listing: Listing, site: Site, config: SiteConfig, catalogue: Catalogue
) -> OutputFile:
    """/addressees/<slug>/feed.xml: one entry per resolution that addresses them."""
    entries = [  # listings hold resolutions newest first
        _addressee_entry(r, listing, site, config, catalogue)
        for r in listing.resolutions[:FEED_ENTRIES]
    ]
    title = f"{listing.key} — {config.title}"
    return _feed(feed_path(listing.path), listing.path, title, listing.lang, entries, config)


def _feed(
    path: str, page: str, title: str, lang: str, entries: list[Entry], config: SiteConfig
) -> OutputFile:
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _text(root, "id", stable_id(config, path))
    _text(root, "title", title)
    if config.description and not page:
        _text(root, "subtitle", config.description)
    _text(root, "updated", max((e.updated for e in entries), default=EPOCH))
    ET.SubElement(
        root,
        "link",
        {"rel": "self", "type": "application/atom+xml", "href": absolute_url(config, path)},
    )
    ET.SubElement(
        root, "link", {"rel": "alternate", "type": "text/html", "href": absolute_url(config, page)}
    )
    _text(ET.SubElement(root, "author"), "name", config.title)
    _text(root, "generator", "sitegen")
    for entry in entries:
        root.append(_entry_element(entry))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    return OutputFile(path, text.encode("utf-8"))


def _entry_element(entry: Entry) -> ET.Element:
    element = ET.Element("entry", {XML_LANG: entry.lang})
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    _text(element, "updated", entry.updated)
    ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": entry.link})
    _text(ET.SubElement(element, "author"), "name", entry.author)
    if entry.category:
        ET.SubElement(element, "category", {"term": entry.category})
    _text(element, "content", entry.content_html).set("type", "html")
    return element


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = value
    return child


def _resolution_entry(
    resolution: Resolution, site: Site, config: SiteConfig, catalogue: Catalogue
) -> Entry:
    page = site.paths[resolution.source]
    clauses = [c for c in resolution.clauses if c.role is not ClauseRole.CONTROL]
    content = _requisites(resolution, catalogue) + resolution.preamble_html
    content += _clause_list(resolution, clauses, page, config, catalogue, with_addressee=True)
    return Entry(
        id=stable_id(config, page),
        title=resolution.title,
        updated=timestamp(resolution.date),
        link=absolute_url(config, page),
        author=resolution.body,
        lang=resolution.lang,
        content_html=content,
        category=resolution.kind,
    )


def _addressee_entry(
    resolution: Resolution, listing: Listing, site: Site, config: SiteConfig, catalogue: Catalogue
) -> Entry:
    page = site.paths[resolution.source]
    clauses = [c for c in resolution.clauses if c.addressee == listing.key]
    section = next((s for s in resolution.sections if s.addressee == listing.key), None)
    content = _requisites(resolution, catalogue)
    if clauses:
        content += _clause_list(resolution, clauses, page, config, catalogue, with_addressee=False)
    else:
        content += f"<p>{html.escape(catalogue.text(resolution.lang, 'addressee.none'))}</p>"
    return Entry(
        id=stable_id(config, f"{page}#{listing.slug}"),  # the same resolution, another entry
        title=resolution.title,
        updated=timestamp(resolution.date),
        link=clause_url(config, page, section.anchor) if section else absolute_url(config, page),
        author=resolution.body,
        lang=resolution.lang,
        content_html=content,
        category=resolution.kind,
    )


def _material_entry(material: Material, site: Site, config: SiteConfig) -> Entry:
    page = site.paths[material.source]
    return Entry(
        id=stable_id(config, page),
        title=material.title,
        updated=timestamp(material.date),
        link=absolute_url(config, page),
        author=material.author or config.title,
        lang=material.lang,
        content_html=material.html,
    )


def _requisites(resolution: Resolution, catalogue: Catalogue) -> str:
    """ "рішення · Колегія … · № 1/2020-3 · 4 березня 2020 р." above the clauses."""
    parts = [resolution.kind, resolution.body]
    if resolution.number:
        parts.append(f"№ {resolution.number}")
    parts.append(
        long_date(resolution.date, resolution.lang)
        or catalogue.text(resolution.lang, "doc.undated")
    )
    return f"<p>{html.escape(' · '.join(parts))}</p>"


def _clause_list(
    resolution: Resolution,
    clauses: Iterable[Clause],
    page: str,
    config: SiteConfig,
    catalogue: Catalogue,
    with_addressee: bool,
) -> str:
    """Each clause with its number (a permanent link), text, addressee and deadline."""
    items = []
    for clause in clauses:
        link = html.escape(clause_url(config, page, clause.anchor))
        item = f'<li><a href="{link}">{html.escape(clause.number)}.</a> {html.escape(clause.text)}'
        notes = []
        if with_addressee and clause.addressee:
            label = catalogue.text(resolution.lang, "clause.addressee")
            notes.append(f"{label}: {clause.addressee}")
        if clause.deadline:
            label = catalogue.text(resolution.lang, "clause.deadline")
            due = (
                ""
                if clause.deadline.kind is DeadlineKind.DATE
                else long_date(clause.deadline.due, resolution.lang)
            )
            notes.append(f"{label}: {clause.deadline.text}" + (f" ({due})" if due else ""))
        if notes:
            item += f"<br><em>{html.escape('; '.join(notes))}</em>"
        items.append(item + "</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""
