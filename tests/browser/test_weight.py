"""A school's site on a slow line: a resolution page with its stylesheet stays under 40 KB, and
no page asks anything of another server (no CDN script, web font, stylesheet or image)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

SEED_001 = "resolutions/2020/1-2020-3/index.html"
BUDGET = 40 * 1024

# Where a page names something the browser fetches by itself.
FETCHED = {
    "script": ["src"],
    "link": ["href"],  # stylesheets, icons, preloads, manifests (not rel=canonical/alternate)
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "iframe": ["src"],
    "object": ["data"],
    "embed": ["src"],
}
NOT_FETCHED = {"canonical", "alternate"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


def stylesheet_of(site: Path, page: Path) -> Path:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    (link,) = soup.select("link[rel=stylesheet]")
    href = urlsplit(str(link["href"])).path
    folder = page.parent.relative_to(site).as_posix()
    return site / posixpath.normpath(posixpath.join(folder, href))


def test_a_resolution_page_and_its_stylesheet_weigh_under_40_kb(sample_site: Path):
    page = sample_site / SEED_001
    css = stylesheet_of(sample_site, page)
    assert re.fullmatch(r"style\.[0-9a-f]{8,}\.css", css.name), css.name  # fingerprinted
    html_bytes, css_bytes = page.stat().st_size, css.stat().st_size
    total = html_bytes + css_bytes
    assert total < BUDGET, f"HTML {html_bytes} B + CSS {css_bytes} B = {total} B"


def test_no_page_names_an_external_script_style_font_or_image(sample_site: Path):
    external = []
    for page in sorted(sample_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(list(FETCHED)):
            if tag.name == "link" and NOT_FETCHED & set(tag.get("rel") or []):
                continue
            for attribute in FETCHED[tag.name]:
                value = str(tag.get(attribute) or "")
                if value and (urlsplit(value).netloc or value.startswith("//")):
                    external.append(f"{page.relative_to(sample_site)}: <{tag.name} {value}>")
        for styled in soup.select("[style]"):
            external += [
                f"{page.relative_to(sample_site)}: style url({u})"
                for u in CSS_URL.findall(styled["style"])
            ]
    for sheet in sorted(sample_site.rglob("*.css")):
        for value in CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            if urlsplit(value).netloc or value.startswith("//"):
                external.append(f"{sheet.relative_to(sample_site)}: url({value})")
    assert external == []


def test_every_request_a_page_makes_goes_to_the_site_itself(page, visit, root_url, any_page_type):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    visit(page, any_page_type)
    if any_page_type == "search":  # Pagefind goes on fetching index fragments for the results
        page.wait_for_load_state("networkidle")
    assert requests, "no request recorded"
    elsewhere = [url for url in requests if not url.startswith(root_url)]
    assert elsewhere == []
