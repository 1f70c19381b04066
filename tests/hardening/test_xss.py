"""Known XSS payloads in content never reach a published page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sitegen.build import build
from support import seminar

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">клік</a>',
    "[клік](javascript:alert(1))",
    "[клік](JaVaScRiPt:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "<body onload=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "style", "meta"}
THEME_SCRIPT = re.compile(r"(^|/)(pagefind/pagefind-ui\.js|static/search\.[0-9a-f]{10}\.js)$")


def theme_own(tag) -> bool:
    """The theme's search box (a plain GET form) and the search page's scripts, not content."""
    if tag.name == "form":
        action = str(tag.get("action", ""))
        return "site-search" in tag.get("class", []) and (
            action == "index.html" or action.endswith(("search/index.html", "/search/"))
        )
    if tag.name == "script":
        return tag.get("type") in ("application/ld+json", "application/json") or bool(
            THEME_SCRIPT.search(str(tag.get("src", "")))
        )
    return False


def dangers(html: str) -> list[str]:
    """Every element or attribute of a page that could run script."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if (
            tag.name in FORBIDDEN_TAGS
            and not theme_own(tag)
            and not (tag.name == "meta" and "http-equiv" not in tag.attrs)
        ):
            found.append(str(tag)[:120])
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if tag.name == "link" and text == "data:,":
                continue  # the theme's empty favicon, which spares the browser a request
            if name.lower().startswith("on") or re.match(
                r"\s*(javascript|vbscript|data):", text, re.I
            ):
                found.append(f"{tag.name} {name}={text[:80]}")
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_kind_of_content_is_neutralised(make_site, payload):
    resolution = seminar("5").replace("1.1. Провести семінар.", f"1.1. Провести семінар. {payload}")
    resolution += f"\n{payload}\n"
    material = (
        "---\ntitle: Звіт\ndate: 2020-05-01\nimplements: ['5#1.1']\n---\n"
        f"Текст {payload}\n\n{payload}\n"
    )
    page = f"---\ntitle: Про нас\n---\n{payload}\n"
    config = make_site(
        {
            "content/resolutions/r.md": resolution,
            "content/materials/m.md": material,
            "content/pages/about.md": page,
        }
    )
    assert build(config).published is not None
    for path in config.output_dir.rglob("*.html"):
        assert dangers(path.read_text("utf-8")) == [], path


def test_harmless_markup_survives(make_site):
    resolution = seminar("5").replace(
        "1.1. Провести семінар.", "1.1. Провести <b>семінар</b> H<sub>2</sub>O."
    )
    config = make_site({"content/resolutions/r.md": resolution})
    build(config)
    html = (config.output_dir / "resolutions/2020/5/index.html").read_text("utf-8")
    assert "<b>семінар</b> H<sub>2</sub>O" in html
