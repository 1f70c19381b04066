"""Search as a reader uses it: a real headless Chromium types queries into the built sample,
served under /school/, and follows the results to resolutions and to their clauses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import served

SEED_001 = "resolutions/2020/1-2020-3/index.html"


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with served(sample_site, "/school/") as url:
        yield url


TOP = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title > a"


def results(page) -> list[str]:
    page.wait_for_selector(TOP, timeout=15_000)
    return [a.get_attribute("href") for a in page.query_selector_all(TOP)]


def test_typing_a_ukrainian_word_finds_the_resolution_that_uses_it(page, site_url):
    page.goto(site_url + "search/index.html")
    page.fill(".pagefind-ui__search-input", "інноваційних")
    assert results(page)[0] == f"/school/{SEED_001}"
    assert "q=" in page.url  # the address keeps the query: a search can be shared
    page.click(TOP)
    page.wait_for_url(f"**/school/{SEED_001}")


def test_the_header_box_of_any_page_finds_russian_resolutions_and_their_clauses(page, site_url):
    page.goto(site_url + SEED_001)
    page.fill("#site-search-q", "контракта")
    page.click(".site-search button")
    found = results(page)
    assert "/search/index.html?q=" in page.url
    assert found[0].startswith("/school/resolutions/2015/")
    clause = page.query_selector(".pagefind-ui__result-nested .pagefind-ui__result-link")
    href = clause.get_attribute("href")
    assert href.startswith(found[0] + "#clause-")
    assert clause.inner_text().startswith("Пункт ")
    clause.click()
    page.wait_for_url("**#clause-*")
    assert page.evaluate("document.querySelector(':target').id") == href.partition("#")[2]


def test_filters_are_named_in_the_page_language_and_narrow_the_results(page, site_url):
    page.goto(site_url + "search/index.html?q=освіти")
    assert len(results(page)) > 1
    # Pagefind draws the filter groups one by one, after the first results.
    page.wait_for_function(
        "() => document.querySelectorAll('.pagefind-ui__filter-name').length === 3",
        timeout=15_000,
    )
    names = [e.inner_text() for e in page.query_selector_all(".pagefind-ui__filter-name")]
    assert names == ["Адресат", "Орган", "Рік"]
    page.click(".pagefind-ui__filter-name:has-text('Рік')")
    page.check("input[name='year'][value='2020']")
    page.wait_for_function(f"() => document.querySelectorAll({TOP!r}).length === 1", timeout=15_000)
    assert results(page)[0] == f"/school/{SEED_001}"


def test_without_javascript_the_search_page_points_to_the_indexes(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "search/index.html?q=контракта")
    assert "JavaScript" in tab.inner_text("main")
    assert tab.is_visible("nav.search-indexes a[href='../addressees/index.html']")
    context.close()
