"""Indexes of the archive: by addressee, issuing body, year and deadline month, and task states."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from sitegen.link.collation import sort_key
from sitegen.link.urls import addressee_path, body_path, month_path, slugify, year_path
from sitegen.model import (
    ClauseRole,
    DeadlineKind,
    Listing,
    Material,
    Resolution,
    Task,
    TaskState,
)

_OPEN_ENDED = (DeadlineKind.PERMANENT, DeadlineKind.RECURRING)


def task_state(
    task_due: date | None,
    kind: DeadlineKind | None,
    has_materials: bool,
    today: date,
    soon: date,  # the last day that counts as due soon
) -> TaskState:
    """Overdue means past due with nothing published; permanent tasks are never overdue."""
    if kind in _OPEN_ENDED:
        return TaskState.PERMANENT
    if task_due is None:
        return TaskState.DONE if has_materials else TaskState.UNDATED
    if has_materials:
        return TaskState.DONE
    if task_due < today:
        return TaskState.OVERDUE
    if task_due <= soon:
        return TaskState.DUE_SOON
    return TaskState.UPCOMING


def build_tasks(
    resolutions: Iterable[Resolution],
    paths: Mapping[str, str],
    implementing: Mapping[tuple[str, str], tuple[Material, ...]],
    today: date,
    soon_days: int,
) -> list[Task]:
    """Every task clause as a Task; `implementing` maps (resolution source, clause anchor) to
    the materials that report it done."""
    tasks = []
    task = ClauseRole.TASK
    soon = today + timedelta(days=soon_days)
    for resolution in resolutions:
        path, source = paths[resolution.source], resolution.source
        for clause in resolution.clauses:
            if clause.role is not task:
                continue
            materials = implementing.get((source, clause.anchor), ())
            deadline = clause.deadline
            state = (
                task_state(deadline.due, deadline.kind, bool(materials), today, soon)
                if deadline
                else task_state(None, None, bool(materials), today, soon)
            )
            tasks.append(Task(resolution, clause, path, materials, state))
    return tasks


def by_due(task: Task) -> tuple:
    """Soonest deadline first; undated last; then by the resolution's date and clause order."""
    due = task.clause.deadline.due if task.clause.deadline else None
    return (
        due is None,
        due or date.max,
        task.resolution.date or date.min,
        task.resolution.source,
        task.clause.line,
    )


def newest_first(resolutions: Iterable[Resolution]) -> list[Resolution]:
    """Newest first; undated documents after dated ones; ties by number, naturally."""
    ordered = sorted(resolutions, key=lambda r: (r.source,))
    ordered.sort(key=lambda r: sort_key(r.lang)(r.number or ""), reverse=True)
    return sorted(ordered, key=lambda r: r.date or date.min, reverse=True)


def addressee_listings(
    resolutions: list[Resolution], tasks: list[Task], lang: str
) -> list[Listing]:
    """Each addressee's documents and tasks; `tasks` come sorted `by_due`, and so do theirs."""
    names: dict[str, str] = {}
    for resolution in resolutions:
        for addressee in resolution.addressees:
            names.setdefault(addressee.name, resolution.lang)
    slugs = _unique_slugs(names)
    # One pass over the tasks and documents, not one per addressee: sites grow in both.
    own: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        clause = task.clause
        if not clause.addressees or clause.addressees == (clause.addressee,):
            if clause.addressee is not None:
                own[clause.addressee].append(task)
            continue
        for name in dict.fromkeys((clause.addressee, *clause.addressees)):
            if name is not None:
                own[name].append(task)
    docs: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        for name in dict.fromkeys(a.name for a in resolution.addressees):
            docs[name].append(resolution)
    listings = [
        Listing(
            name,
            slugs[name],
            addressee_path(slugs[name]),
            tuple(docs[name]),
            tuple(own[name]),
            lang=addressee_lang,
        )
        for name, addressee_lang in names.items()
    ]
    return sorted(listings, key=lambda item: sort_key(lang)(item.key))


def body_listings(resolutions: list[Resolution], lang: str) -> list[Listing]:
    grouped: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        grouped[resolution.body].append(resolution)
    slugs = body_slugs(resolutions)
    listings = [
        Listing(body, slugs[body], body_path(slugs[body]), tuple(docs), lang=docs[0].lang)
        for body, docs in grouped.items()
    ]
    return sorted(listings, key=lambda item: sort_key(lang)(item.key))


def body_slugs(resolutions: Iterable[Resolution]) -> dict[str, str]:
    names: dict[str, str] = {}
    for resolution in sorted(resolutions, key=lambda r: r.source):
        names.setdefault(resolution.body, resolution.lang)
    return _unique_slugs(names)


def year_listings(resolutions: list[Resolution]) -> list[Listing]:
    grouped: dict[int | None, list[Resolution]] = defaultdict(list)
    for resolution in resolutions:
        grouped[resolution.date.year if resolution.date else None].append(resolution)
    years = sorted(grouped, key=lambda y: (y is None, -(y or 0)))
    return [
        Listing(
            str(year or "undated"), str(year or "undated"), year_path(year), tuple(grouped[year])
        )
        for year in years
    ]


def month_listings(tasks: list[Task]) -> list[Listing]:
    """Tasks by the month they fall due in; `tasks` come sorted `by_due`, and so do a month's."""
    grouped: dict[tuple[int, int], list[Task]] = defaultdict(list)
    for task in tasks:
        deadline = task.clause.deadline
        if deadline and deadline.due and deadline.kind not in _OPEN_ENDED:
            grouped[deadline.due.year, deadline.due.month].append(task)
    months = [(date(year, month, 1), grouped[year, month]) for year, month in sorted(grouped)]
    return [
        Listing(
            f"{month:%Y-%m}",
            f"{month:%Y-%m}",
            month_path(month),
            tasks=tuple(listed),
            month=month,
        )
        for month, listed in months
    ]


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _unique_slugs(names: dict[str, str]) -> dict[str, str]:
    """Slug per name; a second name with the same slug gets '-2', in a stable order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        slug = base = slugify(name, names[name], limit=70)
        counter = 2
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        taken.add(slug)
        slugs[name] = slug
    return slugs
