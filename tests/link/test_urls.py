"""Slugs by the official Ukrainian table and ICAO Russian; relative links between pages."""

from __future__ import annotations

import posixpath
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.link.urls import file_of, resolution_slug, slugify
from sitegen.render.views import relative_href


@pytest.mark.parametrize(
    ("text", "lang", "slug"),
    [
        ("Гімназія Їжачок Київ", "uk", "himnaziia-yizhachok-kyiv"),
        ("Згорани", "uk", "zghorany"),
        ("Міський методичний центр", "uk", "miskyi-metodychnyi-tsentr"),
        ("Зв’язки з партнерами", "uk", "zviazky-z-partneramy"),
        ("Учителя", "ru", "uchitelia"),
        ("Школы Костанайской области", "ru", "shkoly-kostanaiskoi-oblasti"),
        ("1/2020-3", "uk", "1-2020-3"),
        ("«»!?", "uk", "untitled"),
    ],
)
def test_slugify(text, lang, slug):
    assert slugify(text, lang) == slug


def test_resolution_slug_prefers_the_number_then_date_and_title():
    assert resolution_slug("1/2020-3", date(2020, 3, 4), "Про щось", "uk") == "1-2020-3"
    assert resolution_slug(None, date(2015, 8, 20), "Резолюция", "ru") == "2015-08-20-rezoliutsiia"
    assert resolution_slug(None, None, "З питання", "uk") == "z-pytannia"


@pytest.mark.parametrize(
    ("source", "target", "href"),
    [
        ("", "addressees/x/", "addressees/x/index.html"),
        ("resolutions/2020/a/", "addressees/x/", "../../../addressees/x/index.html"),
        ("resolutions/2020/a/", "resolutions/2020/a/#clause-2-6", "#clause-2-6"),
        (
            "addressees/x/",
            "resolutions/2020/a/#clause-2-6",
            "../../resolutions/2020/a/index.html#clause-2-6",
        ),
        ("addressees/x/", "static/style.css", "../../static/style.css"),
        ("addressees/x/", "", "../../index.html"),
    ],
)
def test_relative_href(source, target, href):
    assert relative_href(source, target) == href


_SEGMENT = st.sampled_from(["addressees", "resolutions", "2020", "x", "y", "static"])
_PAGE = st.builds(
    lambda parts, tail: "/".join(parts) + tail if parts else tail.lstrip("/"),
    st.lists(_SEGMENT, max_size=4),
    st.sampled_from(["/", "/style.css", "/feed.xml"]),
)


@given(_PAGE, _PAGE)
def test_relative_href_resolves_to_the_target_from_the_page(source, target):
    """Followed from the source page's folder, the link reaches the target's file."""
    href = relative_href(source, target)
    if target == source:
        assert href == "./"
        return
    folder = posixpath.dirname(file_of(source))
    assert posixpath.normpath(posixpath.join(folder, href)) == file_of(target)
    assert href == posixpath.relpath(file_of(target), folder or ".")
