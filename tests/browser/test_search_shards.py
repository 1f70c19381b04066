"""A large archive's search index is split by year (render/search.py): the search page merges the
bundles, so a reader finds resolutions of every year, and an edit re-indexes one year only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.build import analyse, build
from sitegen.cache import Store
from sitegen.render import Rendering, load_theme, search
from support import served

TOP = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title > a"


def resolution(year: int, number: str, task: str) -> str:
    return f"""---
title: Про завдання {number}
body: Колегія управління освіти
date: {year}-03-04
number: "{number}"
addressees: [Міський методичний центр]
---
Міському методичному центру:

1.1. {task}
Квітень {year} р.
"""


@pytest.fixture
def sharded_site(make_site, monkeypatch) -> Iterator:
    monkeypatch.setattr(search, "SHARD_FROM", 2)  # the sample-sized archive, split as a big one
    config = make_site(
        {
            "content/resolutions/a.md": resolution(2019, "1", "Організувати снігоприбирання."),
            "content/resolutions/b.md": resolution(2020, "2", "Провести семінар з інновацій."),
            "content/resolutions/c.md": resolution(2020, "3", "Підготувати звіт про інновації."),
        }
    )
    assert build(config, strict=True).published is not None
    yield config


def test_each_year_has_a_bundle_and_an_edit_reindexes_its_year_only(sharded_site):
    out = sharded_site.output_dir
    assert (out / "pagefind/pagefind-ui.js").is_file()  # the main bundle ships the UI
    for year in ("2019", "2020"):
        assert (out / f"pagefind/{year}/pagefind-entry.json").is_file()
        assert not (out / f"pagefind/{year}/pagefind-ui.js").exists()
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("pagefind/*/pagefind-entry.json")}
    source = sharded_site.root / "content/resolutions/c.md"
    source.write_text(source.read_text("utf-8").replace("звіт", "підсумковий звіт"), "utf-8")
    assert build(sharded_site, strict=True).published is not None
    kept = out / "pagefind/2019/pagefind-entry.json"
    remade = out / "pagefind/2020/pagefind-entry.json"
    assert kept.stat().st_mtime_ns == stamps[kept]
    assert remade.stat().st_mtime_ns != stamps[remade]


def test_the_search_page_finds_resolutions_of_every_year(page, sharded_site):
    with served(Path(sharded_site.output_dir), "/school/") as url:
        page.goto(url + "search/index.html?q=снігоприбирання")
        page.wait_for_selector(TOP, timeout=15_000)
        found = [a.get_attribute("href") for a in page.query_selector_all(TOP)]
        assert found == ["/school/resolutions/2019/1/index.html"]
        page.goto(url + "search/index.html?q=інновац")
        page.wait_for_selector(TOP, timeout=15_000)
        found = sorted(a.get_attribute("href") for a in page.query_selector_all(TOP))
        assert found == [
            "/school/resolutions/2020/2/index.html",
            "/school/resolutions/2020/3/index.html",
        ]


def test_a_years_bundle_is_ready_as_soon_as_its_pages_are_made(make_site, monkeypatch):
    """So that Pagefind indexes it while the lists are still being made."""
    monkeypatch.setattr(search, "SHARD_FROM", 2)
    config = make_site(
        {
            "content/resolutions/a.md": resolution(2019, "1", "Організувати снігоприбирання."),
            "content/resolutions/b.md": resolution(2020, "2", "Провести семінар з інновацій."),
        }
    )
    analysis = analyse(config)
    theme = load_theme(config.root, config.theme)
    rendering = Rendering(analysis.site, config, theme, Store(None), analysis.digests)
    ready: list[tuple[int, str]] = []  # (pages made so far, bundle)
    for made, _ in enumerate(rendering.pages(), start=1):
        ready += [(made, bundle.name) for bundle, _ in rendering.search(lambda f: Path(f))]
    ready += [(len(rendering.plan), b.name) for b, _ in rendering.search(lambda f: Path(f))]
    assert sorted(name for _, name in ready) == ["pagefind/", "pagefind/2019/", "pagefind/2020/"]
    when = {name: made for made, name in ready}
    # Each year as soon as its resolutions are out, before the addressee pages are made.
    assert max(when["pagefind/2019/"], when["pagefind/2020/"]) < when["pagefind/"]
