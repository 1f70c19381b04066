"""Absolute addresses for files read outside the site (feed readers, calendars, open data).

HTML pages link relatively so the site works from disk and under any sub-path, but a feed
entry or a calendar event is read far from the page it names: it carries base_url + path.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from sitegen.config import SiteConfig


def absolute_url(config: SiteConfig, path: str) -> str:
    """base_url + a site path: "https://x.org/school/resolutions/…" or "/resolutions/…"."""
    return config.base_url + path


def clause_url(config: SiteConfig, page: str, anchor: str) -> str:
    """The permanent link of a clause: its resolution's page and the clause's anchor."""
    return f"{absolute_url(config, page)}#{anchor}"


def has_host(config: SiteConfig) -> bool:
    """Whether base_url is a full URL ("https://…/"), not only a path ("/", "/school/")."""
    parts = urlsplit(config.base_url)
    return bool(parts.scheme and parts.netloc)


def stable_id(config: SiteConfig, path: str) -> str:
    """An Atom id that never changes for the same document: its canonical URL when base_url
    is a full URL, else a name-based UUID of the path (Atom ids must be absolute IRIs)."""
    if has_host(config):
        return absolute_url(config, path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{path}").urn
