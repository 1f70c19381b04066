"""References → documents: explicit ones (`refs`, `implements`, `superseded_by`) must resolve;
cited phrases in the body are linked when they name a document of this site.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from sitegen.diagnostics import Diagnostic, Text, error, text, warning
from sitegen.model import Clause, Reference, Resolution
from sitegen.parse.references import cited_date, cited_words


@dataclass(frozen=True, slots=True)
class Target:
    resolution: Resolution
    clause: Clause | None


class Resolver:
    """Looks references up by number, by body-slug/number, or by content path."""

    def __init__(self, resolutions: tuple[Resolution, ...], body_slugs: dict[str, str]) -> None:
        self._by_number: dict[str, list[Resolution]] = defaultdict(list)
        self._by_key: dict[str, Resolution] = {}
        for resolution in resolutions:
            if resolution.number:
                self._by_number[resolution.number.casefold()].append(resolution)
                slug = body_slugs[resolution.body]
                self._by_key[f"{slug}/{resolution.number}".casefold()] = resolution
            for key in _path_keys(resolution.source):
                self._by_key[key] = resolution
        self._body_stems = {_stem(body.split()[0]) for body in body_slugs if body.split()}

    def find(self, target: str) -> tuple[Target | None, Text | None]:
        """The document (and clause) a reference names, or None with the reason."""
        document, _, fragment = target.partition("#")
        key = document.strip().casefold()
        resolution = self._by_key.get(key)
        if resolution is None:
            candidates = self._by_number.get(key, [])
            if len(candidates) > 1:
                return None, text("ref.reason.ambiguous")
            resolution = candidates[0] if candidates else None
        if resolution is None:
            return None, text("ref.reason.unknown")
        if not fragment:
            return Target(resolution, None), None
        wanted = fragment.strip().removeprefix("clause-").replace("-", ".")
        for clause in resolution.clauses:
            if clause.number == wanted or clause.anchor == fragment.strip():
                return Target(resolution, clause), None
        return None, text("ref.reason.no-clause", clause=fragment)

    def find_cited(self, reference: Reference) -> Target | None:
        target, _ = self.find(reference.target)
        if target is None:
            return None
        wanted = cited_date(reference)
        if wanted and target.resolution.date and target.resolution.date.isoformat() != wanted:
            return None
        return target

    def names_own_body(self, reference: Reference) -> bool:
        """'рішення колегії …' on a site of a collegium: probably meant to be a link."""
        return any(_stem(word) in self._body_stems for word in cited_words(reference))


def _stem(word: str) -> str:
    return word.casefold()[:5]


@functools.lru_cache(maxsize=1 << 16)
def _path_keys(source: str) -> frozenset[str]:
    """'content/resolutions/2020/x.md' is found as that, without 'content/', and without '.md'
    (kept: `serve` asks again for every resolution on every refresh)."""
    relative = source.removeprefix("content/")
    keys = {source, relative}
    for key in (source, relative):
        folder, _, name = key.rpartition("/")
        stem, _, suffix = name.rpartition(".")
        if stem and suffix:
            keys.add(f"{folder}/{stem}" if folder else stem)
    return frozenset(key.casefold() for key in keys)


def check_explicit(source: str, reference: Reference, resolver: Resolver) -> Diagnostic | None:
    target, reason = resolver.find(reference.target)
    if target is not None:
        return None
    field = {"implements": "implements", "superseded_by": "superseded_by"}.get(
        reference.relation, "refs"
    )
    return error(
        source,
        reference.line,
        "ref.unresolved",
        field=field,
        target=reference.target,
        reason=reason,
    )


def check_cited(source: str, reference: Reference, resolver: Resolver) -> Diagnostic | None:
    if resolver.find_cited(reference) is not None or not resolver.names_own_body(reference):
        return None
    day = cited_date(reference)
    return warning(
        source,
        reference.line,
        "ref.unresolved",
        variant="ref.unresolved-cited",
        phrase=reference.text,
        number=reference.target,
        dated=text("ref.dated", date=day) if day else "",
    )
