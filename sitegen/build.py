"""The pipeline in order — load → parse → link → render → write — and nothing else.

Each stage returns its values and its diagnostics; content errors (or warnings under --strict)
stop the run before anything is written, so output/ keeps the previous good site. Parse results
and published files are reused by fingerprint from `.sitegen-cache/` (see sitegen/cache.py).
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass

from sitegen.cache import CACHE_DIR, Store, code_fingerprint, collector_paused, fingerprint
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, Report, error
from sitegen.link import link_site
from sitegen.link.tasks import TaskMemo
from sitegen.load import load_sources
from sitegen.model import Artifact, ContentFile, Documents, Site
from sitegen.parse import parse_documents
from sitegen.render import Rendering, TemplateProblem, load_theme
from sitegen.write import Publication, Published


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
    config: SiteConfig, strict: bool = False, jobs: int = 1, cache: bool = True
) -> BuildResult:
    """Build and publish the site. When every input — each source's bytes, the theme, the
    settings, "today" and sitegen's code — is what the last publication was made from, and
    output/ is intact, nothing is parsed or rendered: the last report stands."""
    store = Store(config.root / CACHE_DIR if cache else None)
    files, loaded = load_sources(config.content_dir, config.root)
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
        report = store.load("report", inputs)
        if isinstance(report, Report) and output.unchanged():
            return BuildResult(report, None if report.blocks(strict) else output.commit())
        analysis = analyse_files(files, loaded, config, jobs, store)
        store.save("report", inputs, analysis.report)
        if analysis.report.blocks(strict):
            return BuildResult(analysis.report, None)
        rendering = Rendering(analysis.site, config, theme, store, analysis.digests)
        try:
            return BuildResult(analysis.report, _publish(rendering, output, jobs))
        except TemplateProblem as problem:
            found = error(problem.template, problem.line, "template.error", detail=str(problem))
            return BuildResult(Report.of([*analysis.report.diagnostics, found]), None)


def _publish(rendering: Rendering, output: Publication, jobs: int) -> Published:
    """Pages first; Pagefind indexes each search bundle in its own process as soon as the
    bundle's pages are out (a year's resolutions come before the lists), while later pages,
    the feeds and calendars (in the page workers) and open data are made, so that the cores
    work at once."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        indexing: list[tuple[Artifact, concurrent.futures.Future]] = []

        def index_complete_bundles() -> None:
            for bundle in rendering.search(output.locate):
                if not output.reuse(bundle):
                    indexing.append((bundle, pool.submit(bundle.make)))

        # Not before the first page: the page workers must be forked before this thread runs.
        for artifact in rendering.artifacts(jobs, output.published_keys()):
            output.put(artifact)
            index_complete_bundles()
        for bundle, files in indexing:
            output.write(bundle, files.result())
        return output.commit()
