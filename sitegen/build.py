"""The pipeline in order — load → parse → link → render → write — and nothing else.

Each stage returns its values and its diagnostics; content errors (or warnings under --strict)
stop the run before anything is written, so output/ keeps the previous good site.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, Report, error
from sitegen.link import link_site
from sitegen.load import load_sources
from sitegen.model import Documents, Site
from sitegen.parse import parse_documents
from sitegen.render import TemplateProblem, load_theme, render_site
from sitegen.write import Published, discard_staging, publish


@dataclass(frozen=True, slots=True)
class Analysis:
    """What load, parse and link made of the content: enough for check and inspect."""

    documents: Documents
    site: Site
    report: Report


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: Report
    published: Published | None  # None when nothing was written


def analyse(config: SiteConfig, jobs: int = 1) -> Analysis:
    sources, loaded = load_sources(config.content_dir, config.root)
    documents, parsed = parse_documents(sources, config, jobs)
    site, linked = link_site(documents, config)
    return Analysis(documents, site, Report.of([*loaded, *parsed, *linked]))


def build(config: SiteConfig, strict: bool = False, jobs: int = 1) -> BuildResult:
    analysis = analyse(config, jobs)
    if analysis.report.blocks(strict):
        return BuildResult(analysis.report, None)
    theme = load_theme(config.root, config.theme)
    try:
        published = publish(render_site(analysis.site, config, theme), config.output_dir)
    except TemplateProblem as problem:
        discard_staging(config.output_dir)
        found: Diagnostic = error(
            problem.template, problem.line, "template.error", detail=str(problem)
        )
        return BuildResult(Report.of([*analysis.report.diagnostics, found]), None)
    return BuildResult(analysis.report, published)
