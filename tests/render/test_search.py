"""Full-text search (Pagefind): the bundle, the search page, the search box of every page, the
filters of resolution pages, and real queries answered by Pagefind's own JavaScript."""

from __future__ import annotations

import asyncio
import gc
import gzip
import json
import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path

import cbor2
import pytest
from bs4 import BeautifulSoup

from sitegen.build import build
from sitegen.cli import main
from sitegen.render import Rendering, search
from sitegen.render.search import Indexing, stable_bundle
from sitegen.render.theme import load_theme
from support import ROOT, edit, sample_copy, served

SEED_001 = "resolutions/2020/1-2020-3/index.html"
UNDATED = "resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva/index.html"
QUERY_SCRIPT = ROOT / "tests" / "fixtures" / "pagefind_query.mjs"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def seed_002(site: Path) -> str:
    """The Russian webinar resolution of 2015, whatever its slug."""
    (page,) = (site / "resolutions" / "2015").glob("*/index.html")
    return page.relative_to(site).as_posix()


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def text(key: str, lang: str = "uk", **values: object) -> str:
    return load_theme(ROOT, "default").catalogue.text(lang, key, **values)


def unpack(data: bytes):
    return cbor2.loads(gzip.decompress(data)[len(b"pagefind_dcd") :])


def test_the_bundle_is_published_with_one_index_in_the_site_language(sample_site):
    bundle = sample_site / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Russian and Ukrainian pages share the Ukrainian index, so the search page finds both.
    assert list(entry["languages"]) == ["uk"]


def test_only_articles_and_addressee_names_are_indexed(sample_site):
    bodies = {
        path: [tag.name for tag in soup(sample_site, path).select("[data-pagefind-body]")]
        for path in html_pages(sample_site)
    }
    assert bodies[SEED_001] == ["article"]
    assert bodies["materials/opyt-kolleg-vzaimnyy-uspekh/index.html"] == ["article"]
    assert bodies["about/index.html"] == ["article"]
    assert bodies["addressees/miskyi-metodychnyi-tsentr/index.html"] == ["h1"]
    for index in (
        "index.html",
        "addressees/index.html",
        "deadlines/index.html",
        "search/index.html",
    ):
        assert bodies[index] == [], index
    entry = json.loads((sample_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["uk"]["page_count"] == sum(1 for tags in bodies.values() if tags)


def test_resolution_pages_carry_the_filters_of_the_search_page(sample_site):
    page = soup(sample_site, SEED_001)
    article = page.select_one("article[data-pagefind-body]")
    assert article["data-pagefind-filter"] == "year:2020"
    (body,) = page.select('[data-pagefind-filter="body"]')
    assert body.get_text() == "Колегія управління освіти Чернівецької міської ради"
    addressees = [a.get_text() for a in page.select('[data-pagefind-filter="addressee"]')]
    assert addressees == [
        "Управління освіти Чернівецької міської ради",
        "Міський методичний центр",
        "Керівники закладів позашкільної освіти",
    ]
    undated = soup(sample_site, UNDATED).select_one("article[data-pagefind-body]")
    assert not undated.has_attr("data-pagefind-filter")  # no year to filter by

    bundle = sample_site / "pagefind"
    filters = {}
    for path in (bundle / "filter").glob("*.pf_filter"):
        name, values = unpack(path.read_bytes())
        filters[name] = [value for value, _pages in values]
        assert filters[name] == sorted(filters[name]), "sorted, so two builds give one bundle"
    assert filters["year"] == ["2015", "2020"]
    assert "Колегія управління освіти Чернівецької міської ради" in filters["body"]
    assert set(addressees) <= set(filters["addressee"])


def test_every_page_has_a_search_box_that_lands_on_the_search_page(sample_site):
    for path in html_pages(sample_site):
        (form,) = soup(sample_site, path).select("header form[role=search]")
        assert form["method"] == "get"
        field = form.select_one("input[name=q]")
        assert form.select_one(f'label[for="{field["id"]}"]').get_text(strip=True), path
        action = form["action"]
        if path == "404.html":  # served at any depth: absolute, like its other links
            assert action == "/search/"
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), action))
        assert target == "search/index.html", path


def test_search_page_is_a_page_like_the_others_with_a_way_without_javascript(sample_site):
    page = soup(sample_site, "search/index.html")
    assert page.html["lang"] == "uk"
    assert [h.get_text() for h in page.select("h1")] == [text("search.title")]
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.select_one("main#main") and page.select_one("header") and page.select_one("footer")
    assert page.select_one("noscript").get_text(strip=True) == text("search.noscript")
    indexes = [a["href"] for a in page.select("nav.search-indexes a")]
    for index in ("addressees", "deadlines", "bodies", "years"):
        assert f"../{index}/index.html" in indexes
    # Pagefind's assets load by relative paths, so the page works under any sub-path.
    assert page.select_one('link[href$="pagefind-ui.css"]')["href"] == "../pagefind/pagefind-ui.css"
    scripts = [s["src"] for s in page.select("script[src]")]
    assert scripts[0] == "../pagefind/pagefind-ui.js"
    assert (
        scripts[1].startswith("../static/search.")
        and (sample_site / "search" / scripts[1]).is_file()
    )
    options = json.loads(page.select_one("script#search-options").string)
    assert options["root"] == "../index.html"
    assert options["translations"]["placeholder"] == text("search.ui.placeholder")
    assert options["filters"] == {
        key: text(f"search.filter.{key}") for key in ("addressee", "body", "year")
    }
    assert options["clause"] == text("clause.point", number="[NUMBER]")


def test_other_pages_load_no_search_code_and_stay_light(sample_site):
    for path in html_pages(sample_site):
        if path == "search/index.html":
            continue
        page = soup(sample_site, path)
        loaded = [t.get("src", "") for t in page.select("script")]
        loaded += [t.get("href", "") for t in page.select("link")]
        assert not [u for u in loaded if "pagefind" in u or "search." in u], path
    (css,) = (sample_site / "static").glob("style.*.css")
    size = (sample_site / SEED_001).stat().st_size + css.stat().st_size
    assert size < 40 * 1024


def fragment(site: Path, url: str) -> dict:
    """What Pagefind keeps of one page: its text (`content`), filters and anchors."""
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        found = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        if found["url"] == url:
            return found
    raise AssertionError(f"no fragment for {url}")


def test_words_every_clause_repeats_are_shown_but_not_indexed(sample_site):
    """Labels ("Термін:"), the deadline's explanation and the task's state would match every
    resolution (and slowed Pagefind by an eighth); the deadline as written and the responsible
    person are what a reader searches for."""
    article = soup(sample_site, SEED_001).select_one("article[data-pagefind-body]")
    repeated = {tag.get_text(" ", strip=True) for tag in article.select("[data-pagefind-ignore]")}
    assert f"{text('clause.deadline')}:" in repeated
    assert f"{text('clause.responsible')}:" in repeated
    assert any(state in repeated for state in (text("state.overdue"), text("state.permanent")))
    assert any(shown.startswith(f"({text('deadline.kind.month')},") for shown in repeated)
    content = fragment(sample_site, f"/{SEED_001}")["content"]
    for shown in repeated:
        assert shown not in content, shown
    assert "Квітень 2020 р." in content and "Герасим Н.П." in content
    assert "Постійно" in content


def test_the_index_holds_the_words_of_both_languages(sample_site):
    words = set()
    for chunk in (sample_site / "pagefind" / "index").glob("*.pf_index"):
        (entries,) = unpack(chunk.read_bytes())  # [word, pages, [[form with diacritics, …]]]
        words |= {entry[0] for entry in entries}
        words |= {variant[0] for entry in entries for variant in entry[2]}
    assert {"інноваційних", "контракта", "колегія", "вебинара"} <= words


def test_stable_bundle_leaves_a_sorted_bundle_alone_and_an_unknown_one_untouched(sample_site):
    bundle = {
        p.relative_to(sample_site / "pagefind").as_posix(): p.read_bytes()
        for p in (sample_site / "pagefind").rglob("*")
        if p.is_file()
    }
    assert stable_bundle(bundle) == bundle
    unknown = {"pagefind-entry.json": b'{"languages": {"uk": {"hash": "uk_0"}}}'}
    assert stable_bundle(unknown) is unknown


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_pagefind_finds_ukrainian_and_russian_resolutions_under_a_sub_path(sample_site):
    queries = ["інноваційних", "контракта", "інноваці"]
    with served(sample_site, "/school/") as url:
        run = subprocess.run(
            ["node", str(QUERY_SCRIPT), str(sample_site / "pagefind"), url, *queries],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    found = json.loads(run.stdout)
    assert found["інноваційних"][0]["url"] == f"/school/{SEED_001}"
    assert found["інноваційних"][0]["filters"]["year"] == ["2020"]
    assert found["контракта"][0]["url"] == f"/school/{seed_002(sample_site)}"  # Russian
    assert found["інноваці"][0]["url"] == f"/school/{SEED_001}"  # a prefix finds the word
    for result in found["інноваційних"]:
        for sub in result["sub_results"]:
            page, _, anchor = sub.partition("#")
            assert page == result["url"]
            if anchor:
                assert soup(sample_site, SEED_001).select_one(f"#{anchor}"), anchor


def test_indexing_also_works_from_inside_a_running_event_loop(tmp_path):
    """`sitegen serve` may rebuild from a live-reload server's event loop."""
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="uk"><body><article data-pagefind-body><h1>Рішення</h1>'
        "<p>Про впровадження інноваційних технологій</p></article></body></html>",
        "utf-8",
    )

    async def build_inside_a_loop() -> list[str]:
        return [item.path for item in Indexing([("a/index.html", page)], "uk")]

    paths = asyncio.run(build_inside_a_loop())
    assert "pagefind/pagefind.js" in paths and any(p.endswith(".pf_fragment") for p in paths)


def test_a_missing_pagefind_binary_stops_the_build_with_a_clear_message(
    tmp_path, monkeypatch, capsys
):
    assert main(["init", str(tmp_path / "site")]) == 0
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    assert main(["-C", str(tmp_path / "site"), "build"]) == 2
    err = capsys.readouterr().err
    assert "sitegen: пошуковий індекс: the pagefind binary was not found" in err
    assert "pip install 'pagefind[bin]'" in err and "Traceback" not in err
    assert not (tmp_path / "site" / "output").exists()


def test_one_pagefind_runs_at_a_time_and_an_interrupted_build_leaves_none(tmp_path, monkeypatch):
    """Each Pagefind uses every core and a few hundred MB: a sharded archive's bundles are
    indexed one after another. A build stopped midway stops its Pagefind and leaves no
    scratch folder behind."""
    monkeypatch.setattr(search, "SHARD_FROM", 2)  # the sample archive, split as a big one
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    config = sample_copy(tmp_path / "site")
    started: list[tuple[subprocess.Popen, int]] = []  # each Pagefind, and how many ran then
    start = search._started

    def counted(scratch, language):
        running = sum(process.poll() is None for process, _ in started)
        started.append((start(scratch, language), running))
        return started[-1][0]

    monkeypatch.setattr(search, "_started", counted)
    assert build(config, strict=True).published is not None
    bundles = {p.parent.name for p in config.output_dir.glob("pagefind/**/pagefind-entry.json")}
    assert len(started) == len(bundles) >= 3
    assert [running for _, running in started] == [0] * len(started)

    started.clear()
    edit(config, "content/resolutions/2020/1-2020-3.md", "3.2. Провести", "3.2. Провести вчасно")
    monkeypatch.setattr(Rendering, "_site_files", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(config, strict=True)
    gc.collect()
    assert started and all(process.poll() is not None for process, _ in started)
    assert not list((tmp_path / "tmp").iterdir())


def interrupted(rendering):
    raise KeyboardInterrupt
    yield


def test_an_archive_with_nothing_to_search_still_gets_the_search_scripts(make_site):
    """Pagefind's command line writes no index of no page; an empty archive's search page
    still loads Pagefind, whose entry then names no language (as Pagefind's service writes)."""
    config = make_site({"content/resolutions/.keep": ""})
    assert build(config, strict=True).published is not None
    bundle = config.output_dir / "pagefind"
    shipped = {p.name for p in bundle.iterdir()}
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css"} <= shipped
    assert json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))["languages"] == {}
    assert not any(bundle.glob("*.pf_meta")) and not (bundle / "fragment").exists()
