"""`serve` links the archive again after every save, keeping the tasks of the resolutions that
did not change (sitegen/link/tasks.py): whatever the edits, the archive it links is the one a
fresh link of the same documents gives."""

from __future__ import annotations

import dataclasses
import functools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import analyse
from sitegen.config import SiteConfig, load_config
from sitegen.link import link_site
from sitegen.link.tasks import TaskMemo
from sitegen.model import ClauseRole, Deadline, DeadlineKind, Documents, Resolution
from support import ROOT, SAMPLE_TODAY

COPIES = 24  # of the sample archive: one resolution's tasks are then a small part of a list


@functools.cache
def sample() -> tuple[Documents, SiteConfig]:
    config, problems = load_config(ROOT)
    assert not problems
    config = config.with_overrides(today=SAMPLE_TODAY)
    documents = analyse(config).documents
    copies = tuple(
        dataclasses.replace(
            r,
            source=r.source.replace("/resolutions/", f"/resolutions/{n}/"),
            number=f"{r.number}-{n}",
        )
        for n in range(COPIES)
        for r in documents.resolutions
    )
    return dataclasses.replace(documents, resolutions=documents.resolutions + copies), config


def _retimed(resolution: Resolution, step: int) -> Resolution:
    """Every task clause of the resolution falls due `step` weeks later (or gets no deadline)."""
    clauses = []
    for clause in resolution.clauses:
        if clause.role is ClauseRole.TASK:
            due = SAMPLE_TODAY + timedelta(weeks=step)
            deadline = None if step % 5 == 0 else Deadline(f"{due}", DeadlineKind.DATE, due)
            clause = clause._replace(deadline=deadline)
        clauses.append(clause)
    return dataclasses.replace(resolution, clauses=tuple(clauses))


def _readdressed(resolution: Resolution, step: int) -> Resolution:
    """The first task clause is also asked of another addressee, by name."""
    clauses = list(resolution.clauses)
    for i, clause in enumerate(clauses):
        if clause.role is ClauseRole.TASK:
            named = (clause.addressee or "", f"Адресат {step % 3}")
            clauses[i] = clause._replace(addressees=named)
            break
    return dataclasses.replace(resolution, clauses=tuple(clauses))


EDITS = ("retime", "readdress", "redate", "drop", "restore", "materials", "today")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 30)), min_size=1, max_size=8))
def test_relinking_with_the_memo_equals_a_fresh_link(edits):
    original, config = sample()
    resolutions = list(original.resolutions)
    materials = original.materials
    memo = TaskMemo()
    link_site(original, config, memo)
    for edit, step in edits:
        i = step % len(resolutions) if resolutions else 0
        if edit == "retime" and resolutions:
            resolutions[i] = _retimed(resolutions[i], step)
        elif edit == "readdress" and resolutions:
            resolutions[i] = _readdressed(resolutions[i], step)
        elif edit == "redate" and resolutions and resolutions[i].date:
            resolutions[i] = dataclasses.replace(
                resolutions[i], date=resolutions[i].date + timedelta(days=step - 15)
            )
        elif edit == "drop" and resolutions:
            del resolutions[i]
        elif edit == "restore":
            present = {r.source for r in resolutions}
            resolutions += [r for r in original.resolutions if r.source not in present][:1]
        elif edit == "materials":  # a report on a clause comes or goes: the clause is done
            materials = () if materials else original.materials
        elif edit == "today":
            config = config.with_overrides(today=SAMPLE_TODAY + timedelta(days=7 * step))
        documents = dataclasses.replace(
            original, resolutions=tuple(resolutions), materials=materials
        )
        assert link_site(documents, config, memo) == link_site(documents, config)
