"""List pages no change reached keep their keys of the last build unmade (render/reuse.py): an
edit keys again only the lists that show, or showed, a changed document, and the output is
still byte for byte a clean build's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitegen.build import analyse, build
from sitegen.cache import Store
from sitegen.render import Rendering
from sitegen.render.reuse import SNAPSHOTS
from sitegen.render.views import Views
from support import clean_build, edit, sample_copy, seminar, spy, tree

SEED_001 = "content/resolutions/2020/1-2020-3.md"
SEED_001_PAGE = "resolutions/2020/1-2020-3/"
CLAUSE_3_2 = "3.2. Провести навчальний семінар для керівників"
BODY = "Колегія управління освіти Чернівецької міської ради"
OTHER_BODY = "Дискусійний клуб керівників загальноосвітніх закладів"  # another seed's


@pytest.fixture
def keyed_lists(monkeypatch):
    """The list pages whose members a build makes (those it keys again), by page path."""
    keyed: set[str] = set()

    def note(views, listing, year=None):
        keyed.add(f"{listing.path}{year}/" if year else listing.path)

    spy(monkeypatch, Views, "listing_members", note)
    return keyed


def lists_showing(config, source: str) -> set[str]:
    """The lists (addressees, bodies, years, months) whose pages show a document."""
    site = analyse(config).site
    return {
        listing.path
        for listing in (*site.addressees, *site.bodies, *site.years, *site.months)
        if any(r.source == source for r in listing.resolutions)
        or any(t.resolution.source == source for t in listing.tasks)
    }


def test_an_edit_keys_again_only_the_lists_that_show_the_edited_resolution(
    tmp_path, keyed_lists, monkeypatch
):
    calendars: list[int] = []  # the calendars keyed (by how many tasks they could show)
    spy(monkeypatch, Rendering, "_events", lambda rendering, tasks: calendars.append(len(tasks)))
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    every_list = set(keyed_lists)
    keyed_lists.clear()
    calendars.clear()
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))
    result = build(config, strict=True).published
    assert result is not None
    showing = lists_showing(config, SEED_001)
    assert keyed_lists == showing
    assert len(showing) < len(every_list) / 2
    # The site's calendar, and those of the addressees the resolution names.
    addressees = {p for p in showing if p.startswith("addressees/")}
    assert len(calendars) == 1 + len(addressees)
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_the_lists_that_showed_a_deleted_resolution_are_made_again(tmp_path, keyed_lists):
    """Two seminars share every list; one is deleted: what no longer shows it (only the other
    does now) is keyed again from what the last build recorded it showed."""
    config = sample_copy(tmp_path / "site")
    for number in ("88", "89"):
        (config.root / f"content/resolutions/2020/s{number}.md").write_text(seminar(number))
    deleted = "content/resolutions/2020/s89.md"
    showed = lists_showing(config, deleted)
    build(config, strict=True)
    keyed_lists.clear()
    (config.root / deleted).unlink()
    result = build(config, strict=True).published
    assert result is not None
    assert showed == lists_showing(config, "content/resolutions/2020/s88.md")
    assert keyed_lists == showed
    assert set(result.rendered) >= showed
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_a_page_path_another_document_changed_reaches_the_lists_that_link_to_it(tmp_path):
    """A second resolution with the same number, date and title (another body's) puts the
    body's slug in front of both pages' paths: the first resolution's own body page, which
    shows nothing of the new one, must link to its new path (no list's path changes)."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    twin = (config.root / SEED_001).read_text("utf-8").replace(BODY, OTHER_BODY)
    (config.root / "content/resolutions/2020/twin.md").write_text(twin, "utf-8")
    site = analyse(config).site
    moved = site.paths[SEED_001]
    assert moved != SEED_001_PAGE
    body = next(b for b in site.bodies if b.key == BODY)
    result = build(config, strict=True).published
    assert result is not None and body.path in result.rendered
    page = (config.output_dir / body.path / "index.html").read_text("utf-8")
    assert moved.removeprefix("resolutions/") in page
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_a_task_moved_into_a_month_reaches_that_month(tmp_path, keyed_lists):
    """A month's list holds tasks only: a deadline moved into it from another month must
    make it again, although the month never showed that resolution."""
    config = sample_copy(tmp_path / "site")
    moved = "content/resolutions/2020/s89.md"
    (config.root / "content/resolutions/2020/s88.md").write_text(seminar("88"))
    (config.root / moved).write_text(seminar("89").replace("Квітень 2020", "Травень 2020"))
    build(config, strict=True)
    keyed_lists.clear()
    edit(config, moved, "Травень 2020", "Квітень 2020")
    result = build(config, strict=True).published
    assert result is not None
    assert "deadlines/2020-04/" in keyed_lists
    assert "deadlines/2020-04/" in result.rendered
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_the_last_builds_snapshot_is_read_once_per_build(tmp_path, monkeypatch):
    """Also when it cannot be used (here a new "today" changes every list): read for each
    list page, a 10,000-document site's snapshot made a renamed addressee's build 2.5× slower."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    loads: list[str] = []
    spy(monkeypatch, Store, "load", lambda store, kind, *_: loads.append(kind))
    result = build(replace(config, today=date(2021, 6, 1)), strict=True).published
    assert result is not None and result.rendered
    assert loads.count(SNAPSHOTS) == 1
