"""The site in memory, for `sitegen serve`: a save costs one re-read, one parse and one link.

A build hashes every source, re-reads the parse cache from disk and renders (or at least
fingerprints) every page; an editor who saved one file waits only for the page in front of
them. So `serve` keeps the sources, parse results and Jinja environment between saves, re-reads
only files whose size or mtime changed, re-links the archive, and renders a page when the
browser asks for it (then keeps it until the next save). Feeds, calendars and open data are made
on their first request; the search index is the one the last `sitegen build` wrote to output/.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jinja2 import Environment

from sitegen.build import analyse_files
from sitegen.cache import CACHE_DIR, MemoryStore
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, Report, error
from sitegen.link.tasks import TaskMemo
from sitegen.link.urls import file_of
from sitegen.load import Known, load_sources
from sitegen.model import OutputFile
from sitegen.render import Rendering, TemplateProblem, ThemeError, joined, load_theme
from sitegen.render.plan import PlannedPage
from sitegen.render.theme import environment

REFRESHES_PER_COLLECTION = 50


@dataclass
class Generation:
    """One good state of the site: its page plan and what was rendered of it so far."""

    rendering: Rendering
    pages: dict[str, PlannedPage]  # output file → page
    files: dict[str, bytes]  # the static files, and what was made on request until replaced
    # file → how to make it (feeds, calendars, open data): listed on the first such request
    others: dict[str, Callable[[], Iterable[OutputFile]]] | None = None


@dataclass(frozen=True, slots=True)
class Response:
    content: bytes | None  # None: the site has no such file
    problems: tuple[Diagnostic, ...] = ()  # a template failed: content is the last good page


class LiveSite:
    """Refreshed by the watcher thread, read by the web server's thread."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self._known: Known = {}
        self._store: MemoryStore | None = None
        self._tasks = TaskMemo()
        self._env: tuple[str, Environment] | None = None  # the theme digest it was made for
        self._current: Generation | None = None
        self._last_good: dict[str, bytes] = {}  # for a template that fails on request
        self._lock = threading.Lock()
        self._refreshes = 0

    def refresh(self, config: SiteConfig, strict: bool = False) -> Report:
        """Re-read what changed and re-link; the site served changes only if the content is
        good (under --strict, free of warnings too)."""
        first = self._store is None or self._store.root != config.root / CACHE_DIR
        if first:
            self._store = MemoryStore(config.root / CACHE_DIR)
        files, loaded = load_sources(config.content_dir, config.root, self._known)
        try:
            theme = load_theme(config.root, config.theme)
        except ThemeError as problem:
            found = error(f"themes/{config.theme}", 1, "template.error", detail=str(problem))
            return Report.of([*loaded, found])
        analysis = analyse_files(files, loaded, config, self.jobs, self._store, self._tasks)
        self._settle_garbage()
        if analysis.report.blocks(strict):
            return analysis.report
        if self._env is None or self._env[0] != theme.digest:
            # A new environment when any theme file changed: Jinja's own reload check would
            # miss a site override added in front of a template it has compiled already.
            self._env = (theme.digest, environment(theme))
        rendering = Rendering(
            analysis.site,
            config,
            theme,
            self._store,
            analysis.digests,
            self._env[1],
            publishing=False,
        )
        pages = {file_of(page.path): page for page in rendering.plan}
        # The stylesheet and scripts every page asks for: read now.
        static = {f.path: joined(f.content) for f in rendering.assets.files}
        generation = Generation(rendering, pages, static)
        with self._lock:
            self._current = generation
        return analysis.report

    def _settle_garbage(self) -> None:
        """Keep the cyclic garbage collector off what a refresh made: it stays until the next
        save (reference counting frees it then), and collections walking it cost a fifth of a
        second per save at 1,000 documents. Every REFRESHES_PER_COLLECTION saves, whatever
        cyclic garbage the frozen ones left is collected once."""
        self._refreshes += 1
        if self._refreshes % REFRESHES_PER_COLLECTION == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def is_page(self, file: str) -> bool:
        with self._lock:
            generation = self._current
        return generation is not None and file in generation.pages

    def get(self, file: str) -> Response:
        """The bytes of an output file ("resolutions/2020/1/index.html", "feed.xml")."""
        with self._lock:
            generation = self._current
        if generation is None:
            return Response(None)
        if file in generation.files:
            return Response(generation.files[file])
        page = generation.pages.get(file)
        if page is None:
            if generation.others is None:
                generation.others = {a.name: a.make for a in generation.rendering.others()}
            make = generation.others.get(file)
            if make is None:
                return Response(None)
            for made in make():
                generation.files[made.path] = joined(made.content)
            return Response(generation.files.get(file))
        try:
            (made,) = generation.rendering.render(page)
        except TemplateProblem as problem:
            found = error(problem.template, problem.line, "template.error", detail=str(problem))
            return Response(self._last_good.get(file, b"<!doctype html><body></body>"), (found,))
        content = joined(made.content)
        generation.files[file] = self._last_good[file] = content
        return Response(content)
