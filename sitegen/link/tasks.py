"""Task clauses as the archive's Task values: in deadline order, per addressee and per month;
what a resolution gave is kept between `serve` refreshes.

A save in `serve` changes one resolution, yet re-making every task (45,000 at 1,000
documents), its state and its sort key, then sorting and grouping them all, was most of a
refresh. A `TaskMemo` keeps each resolution's rows with what they were made from, and the
last index: unchanged rows keep their place, only the lists that lose or gain a row are made
again, and their sort merges the new rows into the old run.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from sitegen.model import ClauseRole, DeadlineKind, Material, Resolution, Task, TaskState

OPEN_ENDED = (DeadlineKind.PERMANENT, DeadlineKind.RECURRING)

# (sort key, task, the addressees whose pages list it, the (year, month) it falls due in, if any)
TaskRow = tuple[tuple, Task, tuple[str, ...], tuple[tuple[int, int], ...]]
Implementing = Mapping[str, Mapping[str, tuple[Material, ...]]]  # source → anchor → materials
_ADDRESSEES, _MONTHS = 2, 3  # the fields of a row that say which lists it is in

_by_key = itemgetter(0)
_task = itemgetter(1)


@dataclass(frozen=True, slots=True)
class Ordered:
    """Rows in deadline order, and their tasks, as a page lists them."""

    rows: list[TaskRow]
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class TaskIndex:
    per_resolution: list[list[TaskRow]]  # in document order, each in clause order
    everything: Ordered
    by_addressee: dict[str, Ordered]
    by_month: dict[tuple[int, int], Ordered]


class TaskMemo:
    """Each resolution's task rows and what they were made from, and the last index."""

    def __init__(self) -> None:
        self.made: dict[str, tuple[tuple, list[TaskRow]]] = {}  # source → (inputs, rows)
        self.index: TaskIndex | None = None


def task_state(
    task_due: date | None,
    kind: DeadlineKind | None,
    has_materials: bool,
    today: date,
    soon: date,  # the last day that counts as due soon
) -> TaskState:
    """Overdue means past due with nothing published; permanent tasks are never overdue."""
    if kind in OPEN_ENDED:
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


def task_index(
    resolutions: Iterable[Resolution],
    paths: Mapping[str, str],
    implementing: Implementing,
    today: date,
    soon_days: int,
    memo: TaskMemo | None = None,
) -> TaskIndex:
    """Every task soonest deadline first (undated last; then by the resolution's date, source
    and clause line), and so each addressee's and each month's."""
    soon = today + timedelta(days=soon_days)
    previous = memo.made if memo else {}
    made: dict[str, tuple[tuple, list[TaskRow]]] = {}
    fresh: list[TaskRow] = []
    for resolution in resolutions:
        source = resolution.source
        inputs = (resolution, paths[source], implementing.get(source, {}), today, soon)
        old = previous.get(source)
        if old is not None and old[0] == inputs:
            made[source] = old
        else:
            made[source] = (inputs, _rows(*inputs))
            fresh.extend(made[source][1])
    gone = [
        row for source, old in previous.items() if made.get(source) is not old for row in old[1]
    ]
    fresh.sort(key=_by_key)  # sorted once here, every list below gets its rows in order
    last = memo.index if memo else None
    index = TaskIndex(
        [rows for _, rows in made.values()],
        _merged(last.everything if last else None, gone, fresh),
        _regrouped(last.by_addressee if last else {}, gone, fresh, _ADDRESSEES),
        _regrouped(last.by_month if last else {}, gone, fresh, _MONTHS),
    )
    if memo:
        memo.made, memo.index = made, index
    return index


def _regrouped(
    groups: Mapping[Any, Ordered], gone: list[TaskRow], fresh: list[TaskRow], field: int
) -> dict[Any, Ordered]:
    """The lists a row leaves or joins are made again; the others are the same lists."""
    leaving, arriving = _grouped(gone, field), _grouped(fresh, field)
    regrouped = dict(groups)
    for group in leaving.keys() | arriving.keys():
        merged = _merged(groups.get(group), leaving.get(group, []), arriving.get(group, []))
        if merged.rows:
            regrouped[group] = merged
        else:
            del regrouped[group]
    return regrouped


def _grouped(rows: list[TaskRow], field: int) -> dict[Any, list[TaskRow]]:
    grouped: dict[Any, list[TaskRow]] = defaultdict(list)
    for row in rows:
        for group in row[field]:
            grouped[group].append(row)
    return grouped


def _merged(previous: Ordered | None, gone: list[TaskRow], fresh: list[TaskRow]) -> Ordered:
    """`previous` less the `gone` rows, with the `fresh` ones (sorted) in their places."""
    if previous is None:
        rows = list(fresh)
    elif (len(gone) + len(fresh)) * 16 > len(previous.rows):  # many: filter, then merge runs
        leaving = {row[0] for row in gone}
        rows = [row for row in previous.rows if row[0] not in leaving]
        rows.extend(fresh)
        rows.sort(key=_by_key)
    else:  # a few (one resolution saved): find each one's place
        rows = list(previous.rows)
        for row in gone:
            del rows[bisect.bisect_left(rows, row[0], key=_by_key)]
        for row in fresh:
            bisect.insort(rows, row, key=_by_key)
    return Ordered(rows, tuple(map(_task, rows)))


def _rows(
    resolution: Resolution,
    path: str,
    implementing: Mapping[str, tuple[Material, ...]],
    today: date,
    soon: date,
) -> list[TaskRow]:
    rows: list[TaskRow] = []
    task_role = ClauseRole.TASK
    dated = resolution.date or date.min
    source = resolution.source
    for clause in resolution.clauses:
        if clause.role is not task_role:
            continue
        materials = implementing.get(clause.anchor, ())
        deadline = clause.deadline
        due = deadline.due if deadline else None
        kind = deadline.kind if deadline else None
        state = task_state(due, kind, bool(materials), today, soon)
        months = ((due.year, due.month),) if due and kind not in OPEN_ENDED else ()
        key = (due is None, due or date.max, dated, source, clause.line)  # unique per clause
        task = Task(resolution, clause, path, materials, state)
        rows.append((key, task, _listed_under(clause.addressee, clause.addressees), months))
    return rows


def _listed_under(addressee: str | None, named: tuple[str, ...]) -> tuple[str, ...]:
    """The section's addressee, and every other one the clause names itself, once each."""
    if not named or named == (addressee,):
        return () if addressee is None else (addressee,)
    return tuple(name for name in dict.fromkeys((addressee, *named)) if name is not None)
