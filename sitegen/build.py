"""The pipeline in order — load → parse → link → render → write — and nothing else.

Each stage returns its values and its diagnostics; content errors (or warnings under --strict)
stop the run before anything is written, so output/ keeps the previous good site. Parse results
and published files are reused by fingerprint from `.sitegen-cache/` (see sitegen/cache.py).
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass

from sitegen.cache import CACHE_DIR, Store, fingerprint
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, Report, error
from sitegen.link import link_site
from sitegen.load import load_sources
from sitegen.model import Documents, Site
from sitegen.parse import parse_documents
from sitegen.render import Rendering, TemplateProblem, load_theme
from sitegen.write import Publication, Published


@dataclass(frozen=True, slots=True)
class Analysis:
    """What load, parse and link made of the content: enough for check and inspect."""

    documents: Documents
    site: Site
    report: Report
    content_key: str  # every source's path and digest: what archive-wide files depend on


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: Report
    published: Published | None  # None when nothing was written


def analyse(config: SiteConfig, jobs: int = 1, store: Store | None = None) -> Analysis:
    sources, loaded = load_sources(config.content_dir, config.root)
    documents, parsed = parse_documents(sources, config, jobs, store)
    site, linked = link_site(documents, config)
    content_key = fingerprint(sorted((s.path, s.digest) for s in sources))
    return Analysis(documents, site, Report.of([*loaded, *parsed, *linked]), content_key)


def build(
    config: SiteConfig, strict: bool = False, jobs: int = 1, cache: bool = True
) -> BuildResult:
    store = Store(config.root / CACHE_DIR if cache else None)
    analysis = analyse(config, jobs, store)
    if analysis.report.blocks(strict):
        return BuildResult(analysis.report, None)
    theme = load_theme(config.root, config.theme)
    rendering = Rendering(analysis.site, config, theme, store, analysis.content_key)
    try:
        published = _publish(rendering, config, store)
    except TemplateProblem as problem:
        found: Diagnostic = error(
            problem.template, problem.line, "template.error", detail=str(problem)
        )
        return BuildResult(Report.of([*analysis.report.diagnostics, found]), None)
    return BuildResult(analysis.report, published)


def _publish(rendering: Rendering, config: SiteConfig, store: Store) -> Published:
    """Pages first; Pagefind then indexes them in its own process while the feeds, calendars
    and open data are made here, so that the two cores work at once."""
    with (
        Publication(config.output_dir, store) as output,
        concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool,
    ):
        for page in rendering.pages():
            output.put(page)
        search = rendering.search(output.locate)
        indexing = None if output.reuse(search) else pool.submit(search.make)
        for artifact in rendering.others():
            output.put(artifact)
        if indexing is not None:
            output.write(search, indexing.result())
        return output.commit()
