"""The pipeline in order — load → parse → link → render → write — and nothing else.

Each stage returns its values and its diagnostics; content errors (or warnings under --strict)
stop the run before anything is written, so output/ keeps the previous good site. Parse results
and published files are reused by fingerprint from `.sitegen-cache/` (see sitegen/cache.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.cache import (
    CACHE_DIR,
    Store,
    build_store,
    code_fingerprint,
    collector_paused,
    fingerprint,
)
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, Report, error
from sitegen.link import link_site
from sitegen.link.tasks import TaskMemo
from sitegen.load import Known, load_sources
from sitegen.model import Artifact, ContentFile, Documents, Site
from sitegen.parse import parse_documents
from sitegen.render import Indexing, Rendering, TemplateProblem, load_theme
from sitegen.write import Publication, Published

LAST_BUILD = "last build"  # the store's slot of the report of the last analysed build


@dataclass(frozen=True, slots=True)
class Analysis:
    """What load, parse and link made of the content: enough for check and inspect."""

    documents: Documents
    site: Site
    report: Report
    digests: dict[str, str]  # source path → digest of its bytes: what render keys are made of


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: Report
    published: Published | None  # None when nothing was written


def analyse(config: SiteConfig, jobs: int = 1, store: Store | None = None) -> Analysis:
    files, loaded = load_sources(config.content_dir, config.root)
    return analyse_files(files, loaded, config, jobs, store)


def analyse_files(
    files: list[ContentFile],
    loaded: list[Diagnostic],
    config: SiteConfig,
    jobs: int,
    store: Store | None,
    tasks: TaskMemo | None = None,
) -> Analysis:
    digests = {f.path: f.digest for f in files}
    documents, parsed = parse_documents(files, config, jobs, store)
    with collector_paused():
        site, linked = link_site(documents, config, tasks)
    return Analysis(documents, site, Report.of([*loaded, *parsed, *linked]), digests)


def build(
    config: SiteConfig,
    strict: bool = False,
    jobs: int = 1,
    cache: bool = True,
    fresh: bool = False,
) -> BuildResult:
    """Build and publish the site. When every input — each source's bytes, the theme, the
    settings, "today" and sitegen's code — is what the last publication was made from, and
    output/ is intact, nothing is parsed or rendered: the last report stands.
    `fresh` (`--clean`): the cache is emptied first, so everything is made again (and cached);
    without `cache` nothing is read from it or saved to it."""
    store = build_store(config.root / CACHE_DIR, fresh) if cache else Store(None)
    files, loaded, changed = _load(config, store)
    theme = load_theme(config.root, config.theme)
    inputs = fingerprint(
        code_fingerprint(),
        sorted((f.path, f.digest) for f in files),
        loaded,
        theme.digest,
        config.settings(),
        config.effective_today(),
    )
    with Publication(config.output_dir, store, inputs) as output:
        report = store.load("report", LAST_BUILD, inputs)
        if isinstance(report, Report) and output.unchanged():
            return BuildResult(report, None if report.blocks(strict) else output.commit())
        analysis = analyse_files(files, loaded, config, jobs, store)
        store.save("report", LAST_BUILD, analysis.report, inputs)
        if analysis.report.blocks(strict):
            return BuildResult(analysis.report, None)
        rendering = Rendering(
            analysis.site,
            config,
            theme,
            store,
            analysis.digests,
            published_as=output.published_as,
            changed=changed,
        )
        try:
            return BuildResult(analysis.report, _publish(rendering, output, jobs))
        except TemplateProblem as problem:
            found = error(problem.template, problem.line, "template.error", detail=str(problem))
            return BuildResult(Report.of([*analysis.report.diagnostics, found]), None)


def _load(
    config: SiteConfig, store: Store
) -> tuple[list[ContentFile], list[Diagnostic], frozenset[str]]:
    """The content files, and which of them changed since the last build; those whose stamp
    is what the last build saw are not read again (reading and hashing 10,000 files was a
    second of every build)."""
    slot, stamp = str(config.content_dir.resolve()), code_fingerprint()
    found = store.load("sources", slot, stamp)
    known: Known = found if isinstance(found, dict) else {}
    before = dict(known)
    files, loaded = load_sources(config.content_dir, config.root, known)
    if known != before:
        store.save("sources", slot, known, stamp)
    if before.keys() - known.keys():  # sources deleted or renamed: their parse results go
        store.keep_only("parse", known.keys())
    listed_before = {path: read[0] for path, (_, _, read) in before.items()}
    return files, loaded, frozenset(f.path for f in files if listed_before.get(f.path) != f)


def _publish(rendering: Rendering, output: Publication, jobs: int) -> Published:
    """Pages first; Pagefind indexes each search bundle in its own process as soon as the
    bundle's pages are out (a year's resolutions come before the lists), while later pages,
    the feeds and calendars (in the page workers) and open data are made, so that the cores
    work at once. A bundle is written as soon as it is indexed: written at the end, a cold
    10,000-document build's twelve bundles were 4 s of one core working alone."""
    indexing: list[tuple[Artifact, Indexing]] = []
    for artifact in rendering.artifacts(jobs, output.published_keys(), output.prepare):
        output.put(artifact)
        found = rendering.search(output.locate)
        indexing += [(bundle, files) for bundle, files in found if not output.reuse(bundle)]
        indexing = _written_when_indexed(indexing, output)
        _start_next(indexing)
    for bundle, files in indexing:
        files.wait()
        _start_next(indexing)  # the next Pagefind runs while this bundle is written
        output.write(bundle, files)
    return output.commit()


def _written_when_indexed(
    indexing: list[tuple[Artifact, Indexing]], output: Publication
) -> list[tuple[Artifact, Indexing]]:
    """Write the bundles Pagefind has finished; the others, in order."""
    waiting = []
    for bundle, files in indexing:
        if files.started and not files.busy():
            output.write(bundle, files)
        else:
            waiting.append((bundle, files))
    return waiting


def _start_next(indexing: list[tuple[Artifact, Indexing]]) -> None:
    """One Pagefind at a time (each uses every core, and a few hundred MB): the first bundle
    not yet indexed starts when none is being indexed."""
    if not any(files.busy() for _, files in indexing):
        waiting = [files for _, files in indexing if not files.started]
        if waiting:
            waiting[0].start()
