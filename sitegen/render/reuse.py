"""The keys of list pages (and addressees' feeds and calendars) an edit cannot have changed,
taken from the last build unmade.

A list page (an addressee's, and its per-year pages; a body's, a year's, a deadline month's) is
keyed by its members: every task and document it shows (`Views.listing_members`). Making them
for every list page after each edit was most of the page workers' work at 10,000 documents
(1.2 million tasks, ~1 s of CPU), and Pagefind, re-indexing the edited year beside them, was
what the build waited for.

What a list shows depends on its documents alone: a document is in a list, and its tasks are
where they are, by its own text (its addressees, body, date and deadlines) and the settings,
"today" and the page paths, which are in every key. So where no document it shows now or
showed then has changed (its bytes or its page path), and no task of them was given or lost a
material (a material's reference can resolve elsewhere when another document changes), its
pages' keys, and those of its feed and calendar, are the ones the last build computed.
`Snapshot` records what that build saw; a key is taken only while output/ holds the file
published with it.

A list links each task's addressee and each document's body to their pages. Those names come
from the list's own documents, and each has a page while a document names it; so an
addressee or body that is new (renamed in one resolution, say) or gone is named only by
changed documents, and lists without one link to none of them. Only a name whose page moved
(a slug taken by a new name) reaches unchanged lists: then nothing is reused. Before, any
change to the set of addressees made every list's members again (~5 CPU-s at 10,000
documents).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import NamedTuple

from sitegen.cache import Store
from sitegen.model import Listing, Site, Task

SNAPSHOTS = "list-pages"  # store kind: output folder → the Snapshot of its last build
_SOURCE = attrgetter("source")
_TASK_SOURCE = attrgetter("resolution.source")
_TASK_MATERIALS = attrgetter("materials")

DocumentKeys = Mapping[str, tuple]  # source → (source, digest of its bytes, page path)
Implemented = dict[str, tuple[tuple[str, str], ...]]  # material → (source, anchor) of tasks


class Snapshot(NamedTuple):
    """What the list pages' keys were made from in a build, and those keys."""

    context: str  # sitegen's code, theme, settings and "today"
    pages: tuple[Mapping[str, str], ...]  # addressee → page path, body → page path
    documents: DocumentKeys
    implemented: Implemented
    # list page path → the sources it showed, and the keys of its pages, feed and calendar
    # (page path or file name → key)
    listings: dict[str, tuple[frozenset[str], dict[str, str]]]


class ListReuse:
    """Which lists no change reached (asked per list, in the page workers), and the snapshot
    of this build for the next."""

    def __init__(
        self,
        store: Store,
        output: str,  # the output folder: its pages are the ones the keys were published with
        site: Site,
        context: str,
        pages: tuple[Mapping[str, str], ...],  # name → page path: addressees', bodies'
        documents: DocumentKeys,
        enabled: bool,  # False where nothing made is published (serve)
    ) -> None:
        self.store, self.site, self.enabled = store, site, enabled
        self.output = output
        self.current = Snapshot(context, pages, documents, implemented(site.implemented), {})
        self.published: Mapping[str, str] = {}  # output/'s name → key, set by the build
        # list path → the keys of its pages, feed and calendar in this build
        self.keys: dict[str, dict[str, str]] = {}
        self._changes: _Changes | None = None
        self._looked = False  # for the snapshot of the last build
        self._decided: dict[str, bool] = {}  # list path → unchanged?

    def changes(self) -> _Changes | None:
        """What changed since the snapshot of the last build: found on first use (before the
        page workers fork, so that they inherit it); None where nothing can be reused."""
        if not self._looked and self.enabled:
            self._looked = True  # once: the snapshot of a 10,000-document site is MBs
            before = self.store.load(SNAPSHOTS, self.output)
            if (
                isinstance(before, Snapshot)
                and before.context == self.current.context
                and all(map(_none_moved, before.pages, self.current.pages))
            ):
                self._changes = _Changes(before, self.current, self.site)
        return self._changes

    def key(self, page_path: str, listing: Listing) -> str | None:
        """The key of a page of an unchanged list, if output/ holds the page made with it."""
        changes = self.changes()
        if changes is None:
            return None
        kept = changes.before.listings.get(listing.path)
        if kept is None:
            return None
        unchanged = self._decided.get(listing.path)
        if unchanged is None:
            unchanged = self._decided[listing.path] = changes.missed(listing, kept[0])
        key = kept[1].get(page_path)
        if unchanged and key is not None and self.published.get(page_path) == key:
            return key
        return None

    def record(self, page_path: str, listing: Listing, key: str) -> None:
        self.keys.setdefault(listing.path, {})[page_path] = key

    def save(self) -> None:
        """The snapshot of this build, once every page was keyed. A list shows the documents
        it showed when none of those changed and its pages kept their keys (a document new to
        a list changes its keys: they hold every listed document's page path, and no path is
        new to a list unless the document that had it there changed); otherwise they are
        found again. (Keys alone do not tell: a file renamed as it was keeps them.)"""
        if not self.enabled:
            return
        changes = self.changes()
        before = changes.before.listings if changes is not None else {}
        changed = changes.sources if changes is not None else frozenset()
        listings = {}
        for listing in lists(self.site):
            keys = self.keys.get(listing.path, {})
            kept = before.get(listing.path)
            same = kept is not None and kept[1] == keys and changed.isdisjoint(kept[0])
            sources = kept[0] if same else frozenset(shown_sources(listing))
            listings[listing.path] = (sources, keys)
        self.store.save(SNAPSHOTS, self.output, self.current._replace(listings=listings))


class _Changes:
    """The documents changed since a snapshot, as sources and as the objects now linked."""

    def __init__(self, before: Snapshot, now: Snapshot, site: Site) -> None:
        self.before = before
        self.sources = changed_sources(before, now)
        # Compared by identity: a list holds the very objects the linked site does (a task
        # compared by value would hash all its fields).
        self.documents = frozenset(
            id(resolution) for resolution in site.resolutions if resolution.source in self.sources
        )
        self.tasks = frozenset(
            id(task) for source in self.sources for task in site.tasks_by_source.get(source, ())
        )

    def missed(self, listing: Listing, shown_before: frozenset[str]) -> bool:
        """Did no change reach the list: none of the documents it showed changed, and no
        changed resolution is in it now? (A material shown now under a task that did not
        show it before changed that task's resolution: see `changed_sources`.) Scanned in
        C, stopping at the first."""
        return not self.sources or (
            self.sources.isdisjoint(shown_before)
            and self.documents.isdisjoint(map(id, listing.resolutions))
            and self.tasks.isdisjoint(map(id, listing.tasks))
        )


def _none_moved(before: Mapping[str, str], now: Mapping[str, str]) -> bool:
    """Has every name that has a page now and had one then kept its page path?"""
    return all(now.get(name, path) == path for name, path in before.items())


def lists(site: Site) -> Iterable[Listing]:
    yield from site.addressees
    yield from site.bodies
    yield from site.years
    yield from site.months


def implemented(found: Mapping[str, tuple[Task, ...]]) -> Implemented:
    """Each material's tasks, by their resolution and clause."""
    return {
        material: tuple((task.resolution.source, task.clause.anchor) for task in tasks)
        for material, tasks in found.items()
    }


def changed_sources(before: Snapshot, now: Snapshot) -> frozenset[str]:
    """The documents whose bytes or page changed, came or went, and the resolutions whose
    tasks gained or lost a material."""
    old, new = before.documents, now.documents
    changed = {source for source in old.keys() | new.keys() if old.get(source) != new.get(source)}
    for material in before.implemented.keys() | now.implemented.keys():
        then, found = before.implemented.get(material, ()), now.implemented.get(material, ())
        if then != found:
            changed.update(source for source, _ in (*then, *found))
    return frozenset(changed)


def shown_sources(listing: Listing) -> set[str]:
    """The documents a list's pages show: its resolutions, its tasks' and their materials."""
    sources = set(map(_SOURCE, listing.resolutions))
    sources.update(map(_TASK_SOURCE, listing.tasks))
    for materials in filter(None, map(_TASK_MATERIALS, listing.tasks)):
        sources.update(map(_SOURCE, materials))
    return sources
