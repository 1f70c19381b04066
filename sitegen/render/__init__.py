"""Stage 4, render: the linked Site → every output file, as Artifacts (nothing is written here).

Each artifact carries the fingerprint of all its inputs (DESIGN §3.1 rule 10): for a page, its
view model, template set, settings and sitegen's code; for the feeds, calendars and open data,
which read the whole archive, every source's digest and "today". The write stage makes only the
artifacts whose fingerprint it has not published before, so a rebuild renders only what changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from pathlib import Path

from jinja2 import Environment

from sitegen.cache import Store, code_fingerprint, fingerprint
from sitegen.config import SiteConfig
from sitegen.link.urls import calendar_path, feed_path, file_of
from sitegen.model import (
    Artifact,
    Listing,
    Material,
    OutputFile,
    Prepared,
    Resolution,
    Site,
    Span,
    Task,
)
from sitegen.render.api import CLAUSES_CSV, RESOLUTIONS_JSON, clauses_csv, resolutions_json
from sitegen.render.assets import collect_assets
from sitegen.render.feeds import FEED_ENTRIES, addressee_feed, site_feed
from sitegen.render.html import TemplateProblem, render_page
from sitegen.render.ical import CalendarEvents, calendar_tasks
from sitegen.render.pieces import Pieces
from sitegen.render.plan import DOCUMENT_TEMPLATES, PlannedPage, plan_pages, resolution_shards
from sitegen.render.reuse import ListReuse
from sitegen.render.search import Indexing, SearchUnavailable, bundle_path, shard_of
from sitegen.render.sitemap import ROBOTS_TXT, SITEMAP_XML, robots, sitemap
from sitegen.render.theme import Theme, ThemeError, environment, load_theme
from sitegen.render.views import (
    TASK_ANCHOR,
    TASK_MATERIALS,
    TASK_SOURCE,
    Views,
    document_key,
)
from sitegen.workers import mapped

__all__ = [
    "Indexing",
    "Rendering",
    "SearchUnavailable",
    "TemplateProblem",
    "Theme",
    "ThemeError",
    "joined",
    "load_theme",
]


@dataclass(frozen=True, slots=True)
class ListingFile:
    """A feed or calendar to be: its key is computed only where it is made."""

    name: str
    key: Callable[[], str]
    make: Callable[[], list[OutputFile]]
    listing: Listing | None = None  # the addressee whose feed or calendar it is


class Rendering:
    """The site as artifacts: the HTML pages first, then the other files and the search index."""

    def __init__(
        self,
        site: Site,
        config: SiteConfig,
        theme: Theme,
        store: Store,
        digests: Mapping[str, str],  # source path → digest of its bytes
        env: Environment | None = None,  # a long-lived one (serve) keeps compiled templates
        publishing: bool = True,  # False in `serve`: nothing made is written to output/
        # The key output/'s files of an artifact were published with, if they are intact.
        published_as: Callable[[str], str | None] = lambda name: None,
        changed: Collection[str] = (),  # sources changed since the last build, if known
    ) -> None:
        self.site, self.config, self.theme, self.store = site, config, theme, store
        self.publishing, self.published_as = publishing, published_as
        self.digests = digests
        self.env = env or environment(theme)
        views = Views(site, config, digests)
        self.plan = plan_pages(site, config, views)
        self.shards = resolution_shards(site)
        # Their search bundles are the ones likely to be indexed again: their pages go first.
        self.first_shards = frozenset(
            shard_of(file_of(site.paths[source]), self.shards)
            for source in changed
            if source in site.paths
        )
        self.assets = collect_assets(theme)
        self.site_globals = {
            "site": {"title": config.title, "description": config.description},
            "pages": [{"path": site.paths[p.source], "title": p.title} for p in site.pages],
            "stylesheet": self.assets.path("style.css"),
            "search_script": self.assets.path("search.js"),
            "feed": feed_path(),
        }
        self.base_key = fingerprint(
            code_fingerprint(), theme.digest, config.settings(), self.site_globals
        )
        self.lists = ListReuse(
            store,
            str(config.output_dir.resolve()),
            site,
            fingerprint(self.base_key, site.today),
            (views.addressee_paths, views.body_paths),
            views.document_keys,
            publishing,
        )
        # Open data reads the whole archive, and "today" decides states.
        self.site_key = fingerprint(self.base_key, sorted(digests.items()), site.today)
        # Search shard → (file, key) of its pages shown so far, and how many are still to come.
        self.searchable: dict[str, list[tuple[str, str]]] = {}
        self._unseen: Counter[str] = Counter()
        self._complete: list[str] = []  # shards whose pages are all shown, not yet bundled
        self._listings: list[ListingFile] | None = None

    def artifacts(
        self,
        jobs: int = 1,
        published: Mapping[str, str] | None = None,
        prepare: Prepare | None = None,
    ) -> Iterator[Artifact]:
        """Every artifact of the site: the pages in plan order, every feed and calendar, the
        open data, then the other files made from the whole archive. With jobs > 1, forked
        workers make the pages and the feeds and calendars (icalendar's serialisation is the
        costliest part of a cold build's tail): they build the views, fingerprint them, and
        make what is not in `published` (name → key of the files in output/). Given a way to
        `prepare` a file on disk, they make the open data too, and leave every file they make
        on disk for the writer to move into place."""
        published = published or {}
        self.lists.published = published
        if jobs > 1 and len(self.plan) >= PARALLEL_FROM:
            yield from self._pooled(jobs, published, prepare)
            self.lists.save()
            if prepare is None:
                yield from self._open_data_artifacts()
        else:
            yield from self.pages()
            yield from self._listing_artifacts()
            self.lists.save()
            yield from self._open_data_artifacts()
        yield from self._site_files()

    def pages(self) -> Iterator[Artifact]:
        """One artifact per page, in plan order; each view model exists only while its page is
        handled."""
        self._track_search()
        for page in self.plan:
            key, view = self._keyed(page)
            make = partial(self.render, page) if view is None else partial(self._html, page, view)
            yield self._artifact(page, key, make)

    def others(self) -> Iterator[Artifact]:
        """Every file but the pages (what `serve` makes on request)."""
        yield from self._listing_artifacts()
        yield from self._open_data_artifacts()
        yield from self._site_files()

    def _pooled(
        self, jobs: int, published: Mapping[str, str], prepare: Prepare | None
    ) -> Iterator[Artifact]:
        global _WORK
        self._track_search()
        pages = len(self.plan)
        made_aside = self._made_aside(prepare)
        self.lists.changes()  # found once, here: the workers inherit them
        _WORK = (self, published, prepare)  # the workers inherit it when forked
        try:
            open_data = len(made_aside) - len(self._listing_list())
            names = [page.path for page in self.plan] + [made.name for made in made_aside]
            work = _batches(
                self.plan,
                open_data,
                len(self._listing_list()),
                self._first,
                [name in published for name in names],
            )
            # Closed when this generator is: the workers end with the build that stopped.
            with closing(mapped(_work_batch, work, jobs, niceness=WORKER_NICENESS)) as batches:
                for index, key, content in (result for batch in batches for result in batch):
                    if index < pages:
                        page = self.plan[index]
                        make = (
                            partial(self.render, page)
                            if content is None
                            else partial(_as_files, page, content)
                        )
                        yield self._artifact(page, key, make)
                    else:
                        made = made_aside[index - pages]
                        yield self._aside(
                            made,
                            key,
                            made.make if content is None else partial(_output_files, content),
                        )
        finally:
            _WORK = None

    def _made_aside(self, prepare: Prepare | None) -> list[ListingFile]:
        """What the workers make besides the pages, by position: the open data (when they can
        prepare it on disk), then every feed and calendar."""
        open_data = [] if prepare is None else self._open_data_files()
        return [*open_data, *self._listing_list()]

    def _first(self, page: PlannedPage) -> bool:
        """Is the page in the search bundle of a changed source? (Pagefind can start on a
        bundle once all its pages are out: an edit's year first, not after the years before.)"""
        return shard_of(file_of(page.path), self.shards) in self.first_shards

    def _track_search(self) -> None:
        self.searchable = {"": []}
        self._unseen = Counter(
            shard_of(file_of(page.path), self.shards) for page in self.plan if page.searchable
        )
        self._complete = [shard for shard in self.searchable if not self._unseen[shard]]

    def _keyed(self, page: PlannedPage) -> tuple[str, Mapping[str, object] | None]:
        """The page's key, from its inputs when it has them (then no view is built yet),
        else from its view, which comes along for rendering. A page with members finds the
        key its inputs gave last time they were the same (`PAGE_KEYS` in the store)."""
        if page.listing is not None and (key := self.lists.key(page.path, page.listing)):
            return key, None
        if page.members is not None:
            members = self._page_key(page, page.members())
            key = self.store.load(PAGE_KEYS, page.path, members)
            if key is None:
                assert page.inputs is not None, "a page with members has inputs"
                key = self._page_key(page, page.inputs())
                self.store.save(PAGE_KEYS, page.path, key, members)
            return key, None
        if page.inputs is not None:
            return self._page_key(page, page.inputs()), None
        view = page.view()
        return self._page_key(page, view), view

    def _page_key(self, page: PlannedPage, inputs: object) -> str:
        return fingerprint(self.base_key, page.path, page.template, page.lang, inputs)

    def _artifact(
        self, page: PlannedPage, key: str, make: Callable[[], list[OutputFile]]
    ) -> Artifact:
        if page.searchable:  # Pagefind reads only these (an addressee's year pages are MBs)
            file = file_of(page.path)
            shard = shard_of(file, self.shards)
            self.searchable.setdefault(shard, []).append((file, key))
            self._unseen[shard] -= 1
            if not self._unseen[shard]:
                self._complete.append(shard)
        if page.listing is not None:
            self.lists.record(page.path, page.listing, key)
        return Artifact(page.path, key, make, page=True)

    def render(self, page: PlannedPage) -> list[OutputFile]:
        """One page on demand: for `serve`, and for a page a worker did not render because
        output/ had it, which turned out damaged."""
        return self._html(page, page.view())

    def _html(self, page: PlannedPage, view: Mapping[str, object]) -> list[OutputFile]:
        content = render_page(page, view, self.env, self.theme, self.config, self.site_globals)
        return _as_files(page, content)

    def search(self, locate: Callable[[str], str | Path]) -> list[tuple[Artifact, Indexing]]:
        """The Pagefind bundles (the main one, one per year of resolutions) whose pages have
        all been shown by `pages()` since the last call, over those pages, read where `locate`
        says they are: a year's bundle can be indexed while later pages are still made. A
        bundle's key is the keys of the pages it indexes; its pages are located only when it
        is made (a stat each, and a 10,000-page bundle is usually kept as it was). Each comes
        with its indexing, not yet started (the artifact's `make` gives that same one)."""
        language = self.config.language
        complete, self._complete = self._complete, []
        bundles = []
        for shard in sorted(complete):
            pages = self.searchable[shard]
            indexing = Indexing(_located(pages, locate), language, shard)
            key = fingerprint(code_fingerprint(), language, shard, pages)
            bundles.append((Artifact(bundle_path(shard), key, partial(_same, indexing)), indexing))
        return bundles

    def _site_files(self) -> Iterator[Artifact]:
        """The sitemap and robots.txt, and the theme's static files as one artifact."""
        config = self.config
        paths = [page.path for page in self.plan]  # all the sitemap lists
        yield Artifact(
            SITEMAP_XML,
            fingerprint(self.base_key, SITEMAP_XML, paths),
            lambda: [sitemap(self.plan, config)],
        )
        yield Artifact(ROBOTS_TXT, fingerprint(self.base_key, ROBOTS_TXT), lambda: [robots(config)])
        yield Artifact(STATIC, fingerprint(self.base_key, STATIC), lambda: self.assets.files)

    def _open_data_files(self) -> list[ListingFile]:
        """The open data, made from the whole archive (its key from every source's digest)."""
        return [
            ListingFile(
                path,
                partial(fingerprint, self.site_key, path),
                partial(self._open_data, path, make),
            )
            for path, make in OPEN_DATA.items()
        ]

    def _open_data_artifacts(self) -> Iterator[Artifact]:
        for made in self._open_data_files():
            yield Artifact(made.name, made.key(), made.make)

    def _listing_list(self) -> list[ListingFile]:
        """The feeds and calendars, listed once: the main process lists them before forking,
        and a worker finds its item by position and computes its key (a calendar's picks its
        events from the tasks it could show)."""
        if self._listings is None:
            self._listings = list(self._listing_files())
        return self._listings

    def _listing_artifacts(self) -> Iterator[Artifact]:
        for listed in self._listing_list():
            yield self._aside(listed, self._file_key(listed), listed.make)

    def _file_key(self, made: ListingFile) -> str:
        """A feed's or calendar's key: an unchanged addressee's is the last build's."""
        if made.listing is not None and (key := self.lists.key(made.name, made.listing)):
            return key
        return made.key()

    def _aside(self, made: ListingFile, key: str, make: Callable[[], list[OutputFile]]) -> Artifact:
        if made.listing is not None:
            self.lists.record(made.name, made.listing, key)
        return Artifact(made.name, key, make)

    def _listing_files(self) -> Iterator[ListingFile]:
        """Every feed and calendar: one file each, named by its path, keyed by the documents
        it shows, so an edit remakes only its addressees' ones."""
        site, config, catalogue = self.site, self.config, self.theme.catalogue
        newest = [*site.resolutions[:FEED_ENTRIES], *site.materials]
        yield self._keyed_file(
            feed_path(),
            partial(self._documents, newest),
            lambda: [site_feed(site, config, catalogue)],
            "feed",
        )
        for listing in site.addressees:
            yield self._keyed_file(
                feed_path(listing.path),
                partial(self._documents, listing.resolutions[:FEED_ENTRIES]),
                partial(lambda x: [addressee_feed(x, site, config, catalogue)], listing),
                "feed",
                listing.key,
                listing.slug,
                listing.lang,
                listing=listing,
            )
        events = CalendarEvents(site, config, catalogue, self.store)
        yield self._keyed_file(
            calendar_path(),
            partial(self._events, site.tasks),
            events.site_calendar,
            "ics",
            site.today,
        )
        for listing in site.addressees:
            yield self._keyed_file(
                calendar_path(listing.path),
                partial(self._events, listing.tasks),
                partial(events.addressee_calendar, listing),
                "ics",
                site.today,
                listing.key,
                listing.lang,
                listing=listing,
            )

    def _open_data(self, path: str, make: OpenData) -> list[OutputFile]:
        """An open data file, from its pieces found again in output/ (the copy the last build
        published) where they are unchanged."""
        published = self.config.output_dir / path
        pieces = Pieces(
            self.store,
            published,
            fingerprint(self.base_key, path),
            making=fingerprint(self.site_key, path),
            published_as=self.published_as(path),
            remember=self.publishing,
        )
        return [make(self.site, self.config, pieces, self.digests)]

    def _keyed_file(
        self,
        path: str,
        shown: Callable[[], object],
        make: Callable[[], list[OutputFile]],
        *more: object,
        listing: Listing | None = None,
    ) -> ListingFile:
        """A file made from some documents: keyed by what `shown` gives (the documents' bytes
        and page paths) and its own path, so it is remade when one of them changes, not on any
        edit. It links to no list page but its own: keyed by every addressee's page too, all
        feeds and calendars were remade when one addressee was renamed (~2.8 CPU-s at 10k)."""
        return ListingFile(
            path,
            lambda: fingerprint(self.base_key, path, shown(), *more),
            make,
            listing,
        )

    def _documents(self, documents: Iterable[Resolution | Material]) -> list[tuple]:
        return [document_key(self.site, self.digests, d.source) for d in documents]

    def _events(self, tasks: Sequence[Task]) -> tuple[list[tuple[str, str]], list[tuple]]:
        """What a calendar of these tasks shows: its events' clauses, in order (which of the
        tasks are shown depends on every task's deadline and on "today", both in the key
        through the documents), and the documents behind them: their resolutions and the
        materials that report them done (few tasks have any: they are picked out in C)."""
        events = calendar_tasks(tasks, self.site.today)
        found: dict[str, Resolution | Material] = dict(
            zip(map(TASK_SOURCE, events), map(_RESOLUTION, events), strict=True)
        )
        for materials in filter(None, map(TASK_MATERIALS, events)):
            found.update((material.source, material) for material in materials)
        return list(zip(map(TASK_SOURCE, events), map(TASK_ANCHOR, events), strict=True)), (
            self._documents(found.values())
        )


OpenData = Callable[[Site, SiteConfig, Pieces, Mapping[str, str]], OutputFile]
Prepare = Callable[[OutputFile], OutputFile]  # makes a file whole on disk (write's `prepare`)
OPEN_DATA: dict[str, OpenData] = {RESOLUTIONS_JSON: resolutions_json, CLAUSES_CSV: clauses_csv}
PAGE_KEYS = "page-keys"  # store kind: a page's key, stamped with its members' fingerprint
_RESOLUTION = attrgetter("resolution")
STATIC = "static"  # the artifact of the theme's files (stylesheet, scripts, icons)
PARALLEL_FROM = 200  # pages; below this a pool of processes costs more than it saves
_WORK: tuple[Rendering, Mapping[str, str], Prepare | None] | None = None


BATCH = 8  # document pages a worker makes at a time
# Pages and files output/ has are mostly only keyed (after an edit at 10,000 documents, all
# but a few of 11,000): a worker takes this many at a time, as the pool's round trip per
# batch cost more than keying them (CPU of that edit's build 12.2 → 11.7 s, medians of six
# alternated runs).
KEPT_BATCH = 64
# Other pages and files output/ has, a worker takes this many at a time: fewer, as one of them
# may be a large list to make again (after a change of the theme, every one is).
KEPT_OTHERS = 16
# How much lower the page workers' CPU priority is than the build's: Pagefind, which runs
# beside them, is what a build waits for at its end (after an edit at 10,000 documents the
# workers key 11,000 pages while Pagefind indexes the edited year: 12.9 → 12.1 s). They still
# take every cycle Pagefind leaves.
WORKER_NICENESS = 10
# A worker's result: the item's index and key, and its content unless output/ has it.
_Done = tuple[int, str, bytes | Prepared | list[tuple[str, bytes | Prepared]] | None]


def _batches(
    plan: list[PlannedPage],
    open_data: int,
    listing_files: int,
    first: Callable[[PlannedPage], bool],
    kept: list[bool],
) -> list[list[int]]:
    """The pool's work: document pages (small, and most of the site) first (and of those, the
    `first` ones), so that each year's search bundle is complete and Pagefind starts early;
    then the files made aside (open data first: the largest), every other page, feed and
    calendar. A batch holds BATCH document pages or one other item to make; of those output/
    has (`kept`, by index), mostly only keyed, KEPT_BATCH document pages or KEPT_OTHERS other
    items. A worker sends a batch's results in one message: a month's page of a
    50,000-resolution archive is ~60 MB, and eight of them at once would be half a GB in the
    worker and again in the main process (when they are not made on disk)."""
    pages = len(plan)
    documents = [i for i, page in enumerate(plan) if page.template in DOCUMENT_TEMPLATES]
    documents.sort(key=lambda i: not first(plan[i]))  # stable: plan order otherwise
    others = [i for i, page in enumerate(plan) if page.template not in DOCUMENT_TEMPLATES]
    aside = list(range(pages, pages + open_data + listing_files))
    batches: list[list[int]] = []
    # An item's share of a batch (KEPT_BATCH shares), to make and when output/ has it.
    room = 0  # shares left in the last batch
    other_kept = KEPT_BATCH // KEPT_OTHERS
    for group, to_make, to_key in (
        (documents, KEPT_BATCH // BATCH, 1),
        (aside[:open_data], KEPT_BATCH, other_kept),
        (others, KEPT_BATCH, other_kept),
        (aside[open_data:], KEPT_BATCH, other_kept),
    ):
        for index in group:
            share = to_key if kept[index] else to_make
            if share > room:
                batches.append([])
                room = KEPT_BATCH
            batches[-1].append(index)
            room -= share
    return batches


def _work_batch(indices: list[int]) -> list[_Done]:
    return [_work(index) for index in indices]


def _work(index: int) -> _Done:
    """In a forked worker: one page's (or feed's, or calendar's) key, and its content unless
    output/ has it already."""
    assert _WORK is not None
    rendering, published, prepare = _WORK
    pages = len(rendering.plan)
    if index >= pages:
        made = rendering._made_aside(prepare)[index - pages]
        key = rendering._file_key(made)
        if published.get(made.name) == key:
            return index, key, None
        return index, key, [(f.path, _sent(f, prepare)) for f in made.make()]
    page = rendering.plan[index]
    key, view = rendering._keyed(page)
    if published.get(page.path) == key:
        return index, key, None
    content = render_page(
        page,
        page.view() if view is None else view,
        rendering.env,
        rendering.theme,
        rendering.config,
        rendering.site_globals,
    )
    # Made on disk here when it can be: sent whole, the pages of a 10,000-document archive
    # (2.2 GB) were pickled, piped and unpickled on their way to the writer.
    return index, key, _sent(OutputFile(file_of(page.path), content), prepare)


def _sent(file: OutputFile, prepare: Prepare | None) -> bytes | Prepared:
    """A file as a worker sends it: made on disk when the writer can take it from there (open
    data is hundreds of MB), else whole."""
    if prepare is None:
        return joined(file.content)
    content = prepare(file).content
    assert isinstance(content, Prepared)
    return content


def _same(indexing: Indexing) -> Indexing:
    return indexing


def _located(
    pages: Iterable[tuple[str, str]], locate: Callable[[str], str | Path]
) -> Iterator[tuple[str, str | Path]]:
    return ((file, locate(file)) for file, _ in pages)


def joined(content: bytes | Iterable[bytes | Span]) -> bytes:
    """A file's content in one piece (large files come as chunks)."""
    if isinstance(content, bytes):
        return content
    return b"".join(chunk.read() if isinstance(chunk, Span) else chunk for chunk in content)


def _output_files(made: list[tuple[str, bytes | Prepared]]) -> list[OutputFile]:
    return [OutputFile(path, content) for path, content in made]


def _as_files(page: PlannedPage, content: bytes | Prepared) -> list[OutputFile]:
    return [OutputFile(file_of(page.path), content)]
