"""What search engines and link previews read: schema.org Legislation and Open Graph."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.model import AddresseeName, Resolution
from sitegen.render.metadata import legislation_json_ld
from support import PUBLIC_URL

SEED_001 = "resolutions/2020/1-2020-3/"
SEED_000 = "resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva/"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def json_ld(page: BeautifulSoup) -> dict:
    (script,) = page.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def og(page: BeautifulSoup) -> dict[str, str]:
    return {m["property"]: m["content"] for m in page.select("meta[property]")}


def test_resolution_page_describes_itself_as_legislation(public_site):
    assert json_ld(soup(public_site, SEED_001)) == {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": "Про впровадження інноваційних технологій у закладах позашкільної освіти",
        "legislationIdentifier": "1/2020-3",
        "legislationDate": "2020-03-04",
        "legislationType": "рішення",
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": "Колегія управління освіти Чернівецької міської ради",
        },
        "inLanguage": "uk",
        "legislationLegalForce": "https://schema.org/InForce",
        "url": PUBLIC_URL + SEED_001,
    }


def test_undated_resolution_without_number_omits_those_fields(sample_site):
    data = json_ld(soup(sample_site, SEED_000))
    assert "legislationDate" not in data and "legislationIdentifier" not in data
    assert data["url"] == "/" + SEED_000


def test_json_ld_cannot_close_its_script_element():
    resolution = Resolution(
        source="content/resolutions/x.md",
        title="Про </script><!-- & інше",
        kind="рішення",
        body="Колегія",
        date=date(2021, 1, 2),
        number=None,
        lang="uk",
        addressees=(AddresseeName("Школи"),),
        preamble_html="",
        formula=None,
        clauses=(),
        sections=(),
        signatures=(),
        status="repealed",
    )
    text = legislation_json_ld(resolution, "/x/")
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["name"] == "Про </script><!-- & інше"
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"


def test_resolution_page_has_open_graph_article_tags(public_site):
    tags = og(soup(public_site, SEED_001))
    assert tags["og:type"] == "article"
    assert tags["og:title"] == (
        "Про впровадження інноваційних технологій у закладах позашкільної освіти"
    )
    assert tags["og:url"] == PUBLIC_URL + SEED_001
    assert tags["og:locale"] == "uk_UA"
    assert tags["og:site_name"] == "Архів рішень освітніх органів"
    assert tags["og:description"].startswith("Заслухавши та обговоривши питання")
    assert len(tags["og:description"]) <= 201


def test_russian_resolution_has_russian_locale_and_first_task_as_description(sample_site):
    (russian,) = (sample_site / "resolutions/2015").iterdir()
    tags = og(soup(sample_site, f"resolutions/2015/{russian.name}/"))
    assert tags["og:locale"] == "ru_RU"
    assert tags["og:description"]
    assert json_ld(soup(sample_site, f"resolutions/2015/{russian.name}/"))["inLanguage"] == "ru"


def test_other_pages_have_basic_open_graph_tags(sample_site):
    tags = og(soup(sample_site, "addressees/miskyi-metodychnyi-tsentr/"))
    assert tags == {
        "og:type": "website",
        "og:title": "Міський методичний центр",
        "og:description": (
            "Рішення, резолюції та рекомендації для закладів освіти: хто, що і до якого "
            "терміну має виконати"
        ),
        "og:url": "/addressees/miskyi-metodychnyi-tsentr/",
        "og:locale": "uk_UA",
        "og:site_name": "Архів рішень освітніх органів",
    }
    assert not soup(sample_site, "addressees/").select('script[type="application/ld+json"]')
