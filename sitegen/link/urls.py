"""The URL scheme of DESIGN §2.3: one function per kind of page, and the slugs they use.

Paths are site-relative and end in '/'; the file behind a path is '<path>index.html'. Slugs
transliterate Ukrainian by the national table (Cabinet resolution 55 of 2010, translitua's
default) and Russian by ICAO Doc 9303 (the table of Russian passports since 2013).
"""

from __future__ import annotations

import functools
import re
from datetime import date

import translitua

_UNSAFE = re.compile(r"[^a-z0-9]+")
RESERVED = frozenset(
    {
        "resolutions",
        "addressees",
        "deadlines",
        "bodies",
        "years",
        "materials",
        "search",
        "api",
        "static",
    }
)


def slugify(text: str, lang: str = "uk", limit: int = 80) -> str:
    """'Гімназія Їжачок Київ' → 'himnaziia-yizhachok-kyiv'; '1/2020-3' → '1-2020-3'."""
    table = translitua.RussianICAO if lang == "ru" else translitua.UkrainianKMU
    latin = translitua.translit(text.replace("’", "").replace("'", "").replace("ʼ", ""), table)
    slug = _UNSAFE.sub("-", latin.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "untitled"


@functools.lru_cache(maxsize=1 << 16)
def resolution_slug(number: str | None, day: date | None, title: str, lang: str) -> str:
    """From the number when there is one, else the date and the transliterated title (kept:
    `serve` asks again for every resolution on every refresh)."""
    if number:
        return slugify(number, lang)
    title_slug = slugify(title, lang, limit=60)
    return f"{day.isoformat()}-{title_slug}" if day else title_slug


def resolution_path(year: int | None, slug: str) -> str:
    return f"resolutions/{year if year else 'undated'}/{slug}/"


def addressee_path(slug: str) -> str:
    return f"addressees/{slug}/"


def body_path(slug: str) -> str:
    return f"bodies/{slug}/"


def year_path(year: int | None) -> str:
    return f"years/{year if year else 'undated'}/"


def month_path(day: date) -> str:
    return f"deadlines/{day.year:04d}-{day.month:02d}/"


def material_path(slug: str) -> str:
    return f"materials/{slug}/"


def page_path(slug: str) -> str:
    return f"{slug}/"


def feed_path(listing: str = "") -> str:
    """The Atom feed of the whole site ("feed.xml") or of one listing ("addressees/x/feed.xml")."""
    return f"{listing}feed.xml"


def calendar_path(listing: str = "") -> str:
    """The iCalendar of deadlines of the whole site or of one listing (an addressee)."""
    return f"{listing}deadlines.ics"


def file_of(path: str) -> str:
    """The file that serves a page path: 'a/b/' → 'a/b/index.html'; files stay as they are."""
    return path + "index.html" if path.endswith("/") or not path else path
