"""Helpers shared by the tests: where the project is, the fixed "today" of the sample build,
and a walker that reports every internal link or #anchor of a built site that does not resolve."""

from __future__ import annotations

import posixpath
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TODAY = date(2020, 6, 15)


def seminar(number: str = "5", front_matter: str = "") -> str:
    """A small valid resolution, for tests that build throwaway sites."""
    return f"""---
title: Про проведення семінару
body: Колегія управління освіти
date: 2020-03-04
number: "{number}"
addressees: [Міський методичний центр]
{front_matter}---
Міському методичному центру:

1.1. Провести семінар.
Квітень 2020 р.
"""


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links checked, failures) over every HTML file except the 404 page (absolute links)."""
    checked, broken = 0, []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link"], href=True):
            href = str(tag["href"])
            parts = urlsplit(href)
            if (
                parts.scheme
                or parts.netloc
                or (tag.name == "link" and tag.get("rel") == ["canonical"])
            ):
                continue
            checked += 1
            target = page
            if parts.path:
                relative = posixpath.normpath(
                    posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path))
                )
                target = site / relative
                if target.is_dir():
                    target = target / "index.html"
            if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            if (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _ids(target)
            ):
                broken.append(f"{page.relative_to(site)}: {href} (no #{parts.fragment})")
    return checked, broken
