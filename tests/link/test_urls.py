"""Slugs by the official Ukrainian table and ICAO Russian; relative links between pages."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.link.urls import resolution_slug, slugify
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
