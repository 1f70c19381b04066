"""Accessibility in a real browser: axe-core finds nothing at WCAG 2.2 AA on each kind of page
(the search page with its results shown), and the site works from the keyboard alone: the skip
link comes first, focus is always visible, and a search typed in the header leads by keyboard to
the clause that matches."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()

# The contrast of text axe cannot decide by itself (it reports it as "incomplete", e.g. Pagefind's
# <mark> inside a form whose ::before draws the search icon): measured here from computed colours.
CONTRAST = """(element) => {
  const rgba = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  let background = null;
  for (let node = element; node && !background; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) background = colour;
  }
  background = background || [255, 255, 255];
  const style = getComputedStyle(element);
  const [a, b] = [luminance(rgba(style.color)), luminance(background)].sort((x, y) => y - x);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  return {ratio: (a + 0.05) / (b + 0.05), large: size >= 24 || (bold && size >= 18.66)};
}"""


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def test_axe_finds_no_wcag_22_aa_violation(page, visit, page_type, artifacts):
    visit(page, page_type)
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    results = AXE.run(page, options=options).response
    folder = artifacts / "axe"
    folder.mkdir(exist_ok=True)
    summary = {kind: results[kind] for kind in ("violations", "incomplete")}
    (folder / f"{page_type}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    assert results["violations"] == [], report(results["violations"])
    assert results["passes"], "axe checked nothing"
    undecided = [r for r in results["incomplete"] if r["id"] == "color-contrast"]
    for node in (node for rule in undecided for node in rule["nodes"]):
        measured = page.locator(node["target"][0]).first.evaluate(CONTRAST)
        needed = 3.0 if measured["large"] else 4.5
        assert measured["ratio"] >= needed, (node["target"], measured)


def active(page) -> dict:
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className || '',
                  href: e.getAttribute('href') || '', index: e.dataset.focusIndex || ''};
        }"""
    )


def tab_until(page, test, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = active(page)
        if test(now):
            return now
    raise AssertionError(f"not reached in {limit} Tab presses; focus is on {active(page)}")


def test_the_skip_link_is_the_first_tab_stop_and_enter_moves_focus_to_main(page, visit):
    visit(page, "resolution")
    page.keyboard.press("Tab")
    first = active(page)
    assert first["cls"] == "skip-link" and first["href"] == "#main"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'main'")
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


# What marks focus, read the same way on an element focused and not: outline and box-shadow.
RING = """(e) => {
  const s = getComputedStyle(e);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
          shown: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                 || s.boxShadow !== 'none',
          shadow: s.boxShadow};
}"""
TAG_STOPS = f"""() => {{
  const ring = {RING};
  const stops = document.querySelectorAll('a[href], input, button, summary, select, textarea');
  return [...stops].map((e, i) => {{ e.dataset.focusIndex = String(i); return ring(e); }});
}}"""


@pytest.mark.parametrize("name", ["home", "resolution", "search"])
def test_focus_is_visible_on_every_link_and_control(page, visit, name):
    visit(page, name)
    unfocused = page.evaluate(TAG_STOPS)
    seen, kinds, invisible = set(), set(), []
    for _ in range(90):
        page.keyboard.press("Tab")
        now = active(page)
        if now["tag"] == "body" and seen:
            break  # through the whole page and out
        if not now["index"] or now["index"] in seen:
            continue
        seen.add(now["index"])
        kinds.add(now["tag"])
        focused = page.evaluate(f"({RING})(document.activeElement)")
        if not focused["shown"] or focused == unfocused[int(now["index"])]:
            invisible.append(f"<{now['tag']} id={now['id']} class={now['cls']} {now['href']}>")
    assert {"a", "input", "button"} <= kinds, kinds
    assert invisible == []


def test_a_search_typed_in_the_header_leads_by_keyboard_to_the_clause(page, visit):
    visit(page, "home")
    tab_until(page, lambda now: now["id"] == "site-search-q", limit=20)
    page.keyboard.type("контракта")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=*")
    page.wait_for_selector(".pagefind-ui__result-nested a", timeout=15_000)
    link = tab_until(page, lambda now: now["tag"] == "a" and "#clause-" in now["href"])
    page.keyboard.press("Enter")
    page.wait_for_url("**#clause-*")
    assert re.search(r"/index\.html#clause-[0-9]+(-[0-9]+)*$", page.url), page.url
    assert page.url.endswith(link["href"])
    target = page.evaluate("document.querySelector(':target').id")
    assert target == link["href"].partition("#")[2]
