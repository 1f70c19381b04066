"""The site under its own Content-Security-Policy (issue 7): served with exactly the headers that
netlify.toml gives every page, each kind of page loads without a single CSP violation, and search
(Pagefind: scripts, a worker, WebAssembly, fetches of its index) still finds and links clauses."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ROOT

# Collects every violation the page reports, from before its first script runs.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${where}`);
});
"""


def netlify_headers() -> dict[str, str]:
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    (block,) = [block for block in config["headers"] if block["for"] == "/*"]
    return dict(block["values"])


@pytest.fixture(scope="module")
def csp_url(sample_site: Path, serve_site) -> Iterator[str]:
    with serve_site(sample_site, netlify_headers()) as url:
        yield url


@pytest.fixture
def watched(browser):
    """A tab that records CSP violations (events and console reports) and script errors."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    tab = context.new_page()
    console: list[str] = []
    tab.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )
    tab.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    yield tab, console
    context.close()


def violations(tab, console: list[str]) -> list[str]:
    return tab.evaluate("window.__cspViolations") + console


def test_the_policy_is_the_one_netlify_sends():
    policy = netlify_headers()["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy


def test_every_kind_of_page_loads_without_a_csp_violation(watched, csp_url, open_at, any_page_type):
    tab, console = watched
    response = open_at(tab, any_page_type, csp_url)
    assert (
        response.headers["content-security-policy"] == netlify_headers()["Content-Security-Policy"]
    )
    if any_page_type == "search":
        tab.wait_for_load_state("networkidle")
    assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    expected_404 = [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    assert violations(tab, console) == (expected_404 if any_page_type == "404" else [])


def test_search_works_under_the_policy(watched, csp_url, open_at):
    tab, console = watched
    open_at(tab, "search", csp_url)
    tab.fill(".pagefind-ui__search-input", "контракта")
    clause = tab.locator(".pagefind-ui__result-nested a[href*='#clause-']").first
    clause.wait_for(timeout=15_000)
    href = clause.get_attribute("href")
    clause.click()
    tab.wait_for_url("**#clause-*")
    assert tab.url.endswith(href)
    assert violations(tab, console) == []
