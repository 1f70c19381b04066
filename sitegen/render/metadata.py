"""Machine-readable page metadata: schema.org Legislation (JSON-LD) and Open Graph.

Search engines and legal-data harvesters read a resolution's requisites from JSON-LD, and
messengers build a link preview from Open Graph, so a shared clause link shows its title.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from sitegen.model import Clause, ClauseRole, Resolution

DESCRIPTION_LIMIT = 200
OG_LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_US"}
LEGAL_FORCE = {"in_force": "https://schema.org/InForce"}
NOT_IN_FORCE = "https://schema.org/NotInForce"


def og_locale(lang: str) -> str:
    """Open Graph wants language_TERRITORY ("uk_UA"), not a bare language code."""
    return OG_LOCALES.get(lang, lang)


def legislation_json_ld(resolution: Resolution, url: str) -> str:
    """schema.org Legislation as JSON, safe inside <script>: '<', '>' and '&' are escaped."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": resolution.title,
        "legislationType": resolution.kind,
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": resolution.body},
        "inLanguage": resolution.lang,
        "legislationLegalForce": LEGAL_FORCE.get(resolution.status, NOT_IN_FORCE),
        "url": url,
    }
    if resolution.number:
        data["legislationIdentifier"] = resolution.number
    if resolution.date:
        data["legislationDate"] = resolution.date.isoformat()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # "</script>" or "<!--" in a title must not end or bend the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def description(resolution: Resolution, limit: int = DESCRIPTION_LIMIT) -> str:
    """The preamble's first words, else the first task's: what the resolution is about."""
    text = _plain(resolution.preamble_html)
    if not text:
        first = next((c for c in resolution.clauses if c.role is ClauseRole.TASK), None)
        text = _clause_text(first) if first else resolution.title
    if len(text) > limit:
        return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return text.rstrip(" ,;:—-")  # a preamble ends where the formula ("УХВАЛЮЄ:") begins


def _clause_text(clause: Clause) -> str:
    return f"{clause.number}. {clause.text}"


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
