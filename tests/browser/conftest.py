"""One headless Chromium per session, driving the sample site served over HTTP on 127.0.0.1.

The site is served at the root, as on Netlify: a missing address answers 404 with `404.html`
(whose links are root-absolute). `PAGE_TYPES` names one page of each kind a reader meets; a
test asks for `page_type` (the six pages checked for accessibility) or `any_page_type` (every
kind), and `visit()` opens one and waits until it is ready (the search page: its results)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from support import ROOT, served

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
SEARCH_QUERY = "освіти"

# name → address under the site root
PAGE_TYPES = {
    "home": "index.html",
    "resolution": "resolutions/2020/1-2020-3/index.html",
    "addressee": "addressees/miskyi-metodychnyi-tsentr/index.html",
    "month": "deadlines/2020-04/index.html",
    "search": f"search/index.html?q={SEARCH_QUERY}",
    "404": "no-such-page/",
    "addressees": "addressees/index.html",
    "deadlines": "deadlines/index.html",
    "materials": "materials/index.html",
    "material": "materials/opyt-kolleg-vzaimnyy-uspekh/index.html",
    "resolution-ru": "resolutions/2015/"
    "2015-08-20-rezoliutsiia-oblastnogo-vebinara-rukovoditelei/index.html",
    "resolutions": "resolutions/index.html",
    "bodies": "bodies/index.html",
    "body": "bodies/kolehiia-upravlinnia-osvity-chernivetskoi-miskoi-rady/index.html",
    "years": "years/index.html",
    "year": "years/2020/index.html",
    "about": "about/index.html",
}
ACCESSIBILITY_PAGES = ["home", "resolution", "addressee", "month", "search", "404"]
RESULT = ".pagefind-ui__result"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests, skip them without Chromium, and run them last: Playwright's sync
    API keeps an asyncio loop running while the session's browser is open, which would break
    the tests that start a loop of their own (asyncio.run) if they ran after."""
    here = Path(__file__).parent
    ours = [item for item in items if item.path.is_relative_to(here)]
    for item in ours:
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))
    items[:] = [item for item in items if not item.path.is_relative_to(here)] + ours


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_type" in metafunc.fixturenames:
        metafunc.parametrize("page_type", ACCESSIBILITY_PAGES)
    if "any_page_type" in metafunc.fixturenames:
        metafunc.parametrize("any_page_type", list(PAGE_TYPES))


def serve(site: Path, headers: Mapping[str, str] | None = None):
    """The site at the root of 127.0.0.1:<port>, with `headers` on every response."""
    return served(site, "/", headers)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def root_url(sample_site: Path) -> Iterator[str]:
    """The sample site at http://127.0.0.1:<port>/."""
    with serve(sample_site) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh tab (own context) that fails the test on any uncaught script error."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def open_page(tab, name: str, base: str):
    """Open page type `name` of the site at `base`, wait until it is ready to read, and return
    the response to the page's own request."""
    response = tab.goto(base + PAGE_TYPES[name])
    assert response is not None
    assert response.status == (404 if name == "404" else 200), name
    if name == "search":
        tab.wait_for_selector(RESULT, timeout=15_000)
        # Pagefind renders each result's title and excerpt after the count: wait for them all.
        # A function, not an expression: Playwright would eval() an expression, which the
        # site's Content-Security-Policy forbids.
        tab.wait_for_function(
            "() => [...document.querySelectorAll('.pagefind-ui__result')].every("
            "r => r.querySelector('.pagefind-ui__result-link'))",
            timeout=15_000,
        )
    return response


@pytest.fixture
def visit(root_url: str) -> Callable[..., None]:
    """visit(tab, name): open page type `name` of the sample site and wait until it is ready."""
    return functools.partial(open_page, base=root_url)


@pytest.fixture(scope="session")
def open_at() -> Callable[..., None]:
    """open_at(tab, name, base): the same, on a site served elsewhere."""
    return open_page


@pytest.fixture(scope="session")
def serve_site():
    """serve_site(site, headers) → context manager yielding the root URL of a server."""
    return serve


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
