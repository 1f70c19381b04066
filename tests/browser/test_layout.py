"""Every kind of page on a 360 px phone: nothing scrolls sideways and no visible text is smaller
than 16 px. Each page is also photographed, full length, at 360 px and at 1280 px into
tests/artifacts/screenshots/<page>-<width>.png, for a person to look at."""

from __future__ import annotations

# Every visible text node's element, with its computed size; every element wider than the page.
MEASURE = """(width) => {
  const small = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || seen.has(element)) continue;
    seen.add(element);
    const range = document.createRange();
    range.selectNodeContents(node);
    const shown = [...range.getClientRects()].some((r) => r.width > 1 && r.height > 1);
    const style = getComputedStyle(element);
    if (!shown || style.visibility !== 'visible' || element.closest('.visually-hidden')) continue;
    const size = parseFloat(style.fontSize);
    if (size < 16) small.push(`${size}px <${element.localName} class="${element.className}">`
                              + ` ${node.textContent.trim().slice(0, 40)}`);
  }
  const wide = [...document.body.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .map((e) => `<${e.localName} class="${e.className}"> to ${e.getBoundingClientRect().right}px`);
  return {scrollWidth: document.documentElement.scrollWidth, small, wide: wide.slice(0, 10)};
}"""


def photograph(tab, artifacts, name: str, width: int) -> None:
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    shot = folder / f"{name}-{width}.png"
    tab.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000


def test_a_phone_never_scrolls_sideways_and_text_is_at_least_16px(
    browser, root_url, open_at, any_page_type, artifacts
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    try:
        open_at(tab, any_page_type, root_url)
        photograph(tab, artifacts, any_page_type, 360)
        measured = tab.evaluate(MEASURE, 360)
    finally:
        context.close()
    assert measured["scrollWidth"] <= 360, measured["wide"]
    assert measured["small"] == []


def test_a_desktop_screen_shows_the_page_without_sideways_scrolling(
    browser, root_url, open_at, any_page_type, artifacts
):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    try:
        open_at(tab, any_page_type, root_url)
        photograph(tab, artifacts, any_page_type, 1280)
        measured = tab.evaluate(MEASURE, 1280)
    finally:
        context.close()
    assert measured["scrollWidth"] <= 1280, measured["wide"]
