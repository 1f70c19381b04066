"""Stage 3, link: resolve references, give every document its path, build the indexes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, error
from sitegen.link.indexes import (
    addressee_listings,
    body_listings,
    body_slugs,
    month_listings,
    newest_first,
    year_listings,
)
from sitegen.link.resolve import Resolver, check_cited, check_explicit
from sitegen.link.tasks import TaskMemo, task_index
from sitegen.link.urls import (
    RESERVED,
    material_path,
    page_path,
    resolution_path,
    resolution_slug,
    slugify,
)
from sitegen.model import Documents, Material, Resolution, Site, Task


def link_site(
    documents: Documents, config: SiteConfig, memo: TaskMemo | None = None
) -> tuple[Site, list[Diagnostic]]:
    """`memo` keeps the tasks of unchanged resolutions from one call to the next (`serve`)."""
    problems: list[Diagnostic] = []
    resolutions = newest_first(documents.resolutions)
    problems.extend(_duplicate_numbers(resolutions))
    bodies = body_slugs(resolutions)
    paths = _resolution_paths(resolutions, bodies)
    for material in documents.materials:
        paths[material.source] = material_path(slugify(PurePosixPath(material.source).stem))
    for page in documents.pages:
        paths[page.source] = page_path(page.slug)
        if page.slug in RESERVED or page.slug in {"index", "404"}:
            problems.append(error(page.source, 1, "page.reserved-slug", slug=page.slug))
    resolver = Resolver(tuple(resolutions), bodies)

    implementing: dict[str, dict[str, list[Material]]] = defaultdict(lambda: defaultdict(list))
    for material in documents.materials:
        for reference in material.implements:
            target, _ = resolver.find(reference.target)
            if target is None or target.clause is None:
                problem = check_explicit(material.source, reference, resolver)
                if problem is None:  # resolves to a whole document, not a clause
                    problem = error(
                        material.source,
                        reference.line,
                        "ref.unresolved",
                        variant="ref.not-a-clause",
                        target=reference.target,
                    )
                problems.append(problem)
                continue
            implementing[target.resolution.source][target.clause.anchor].append(material)

    citations: dict[str, list[tuple[str, str]]] = defaultdict(list)
    referenced_by: dict[str, set[str]] = defaultdict(set)
    for resolution in resolutions:
        for reference in resolution.references:
            if reference.explicit:
                if problem := check_explicit(resolution.source, reference, resolver):
                    problems.append(problem)
                    continue
                target, _ = resolver.find(reference.target)
            else:
                if problem := check_cited(resolution.source, reference, resolver):
                    problems.append(problem)
                target = resolver.find_cited(reference)
                if target is not None and target.resolution.source != resolution.source:
                    anchor = f"#{target.clause.anchor}" if target.clause else ""
                    citations[resolution.source].append(
                        (reference.text, paths[target.resolution.source] + anchor)
                    )
            if target is not None and target.resolution.source != resolution.source:
                referenced_by[target.resolution.source].add(resolution.source)

    tasks = task_index(
        resolutions,
        paths,
        {
            source: {anchor: tuple(materials) for anchor, materials in anchors.items()}
            for source, anchors in implementing.items()
        },
        config.effective_today(),
        config.due_soon_days,
        memo,
    )
    implemented: dict[str, list[Task]] = {m.source: [] for m in documents.materials}
    for own_tasks in tasks.per_resolution.values():  # in document and clause order
        for task in own_tasks:
            if task.materials:
                for material in dict.fromkeys(task.materials):
                    implemented[material.source].append(task)
    site = Site(
        today=config.effective_today(),
        resolutions=tuple(resolutions),
        paths=paths,
        tasks=tasks.everything,
        tasks_by_source=tasks.per_resolution,
        addressees=tuple(addressee_listings(resolutions, tasks.by_addressee, config.language)),
        bodies=tuple(body_listings(resolutions, config.language)),
        years=tuple(year_listings(resolutions)),
        months=tuple(month_listings(tasks.by_month)),
        materials=tuple(sorted(documents.materials, key=lambda m: m.source)),
        pages=documents.pages,
        implemented={k: tuple(v) for k, v in implemented.items()},
        citations={k: tuple(v) for k, v in citations.items()},
        referenced_by={k: tuple(sorted(v)) for k, v in referenced_by.items()},
    )
    return site, problems


def _duplicate_numbers(resolutions: list[Resolution]) -> list[Diagnostic]:
    seen: dict[tuple[str, str], Resolution] = {}
    problems = []
    for resolution in sorted(resolutions, key=lambda r: r.source):
        if not resolution.number:
            continue
        key = (resolution.body, resolution.number)
        if key in seen:
            problems.append(
                error(
                    resolution.source,
                    resolution.number_line,
                    "resolution.duplicate-number",
                    number=resolution.number,
                    body=resolution.body,
                    other=seen[key].source,
                )
            )
        else:
            seen[key] = resolution
    return problems


def _resolution_paths(resolutions: list[Resolution], bodies: dict[str, str]) -> dict[str, str]:
    """DESIGN §2.3 paths; documents that would share one get their body's slug in front."""
    wanted: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        wanted[_path(resolution, "")].append(resolution)
    paths: dict[str, str] = {}
    for path, owners in wanted.items():
        for resolution in owners:
            unique = len(owners) == 1
            paths[resolution.source] = (
                path if unique else _path(resolution, bodies[resolution.body])
            )
    return paths


def _path(resolution: Resolution, prefix: str) -> str:
    slug = resolution_slug(resolution.number, resolution.date, resolution.title, resolution.lang)
    year = resolution.date.year if resolution.date else None
    return resolution_path(year, f"{prefix}-{slug}" if prefix else slug)
