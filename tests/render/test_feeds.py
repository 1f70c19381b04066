"""Atom feeds as a feed reader sees them: the whole archive and one addressee's feed."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

import feedparser

from sitegen.build import build
from sitegen.render.feeds import FEED_ENTRIES
from support import PUBLIC_URL, seminar

SEED_001 = "resolutions/2020/1-2020-3/"
SEED_001_TITLE = "Про впровадження інноваційних технологій у закладах позашкільної освіти"
CENTRE = "addressees/miskyi-metodychnyi-tsentr/"


def test_site_feed_lists_every_resolution_and_material_newest_first(sample_site):
    feed = feedparser.parse(sample_site / "feed.xml")
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title == "Архів рішень освітніх органів"
    assert feed.feed.title_detail.language == "uk"
    assert feed.feed.updated == "2020-03-04T00:00:00Z"  # the newest document, not the clock
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["/feed.xml"]
    titles = [e.title for e in feed.entries]
    assert titles[:2] == [
        SEED_001_TITLE,
        "Резолюция областного вебинара руководителей общеобразовательных организаций",
    ]
    assert sorted(titles[2:]) == sorted(
        [
            "Рекомендации международного on-line семинара «Взаимодействие педвуза и школы в "
            "рамках социального партнерства»",
            "З питання організації міжнародного співробітництва",
            "Опыт коллег: взаимный успех",
        ]
    )
    assert [e.updated for e in feed.entries] == ["2020-03-04T00:00:00Z", "2015-08-20T00:00:00Z"] + [
        "1970-01-01T00:00:00Z"  # undated sources: a stable fallback, never the build day
    ] * 3
    assert len({e.id for e in feed.entries}) == 5
    assert all(uuid.UUID(e.id).urn == e.id for e in feed.entries)  # base_url "/": no host


def test_site_feed_entry_carries_language_author_link_and_clauses(sample_site):
    feed = feedparser.parse(sample_site / "feed.xml")
    first, russian = feed.entries[0], feed.entries[1]
    assert first.link == "/" + SEED_001
    assert first.author == "Колегія управління освіти Чернівецької міської ради"
    assert (first.title_detail.language, russian.title_detail.language) == ("uk", "ru")
    assert first.tags[0].term == "рішення"
    content = first.content[0]
    assert content.type == "text/html" and content.language == "uk"
    assert f'<a href="/{SEED_001}#clause-3-2">3.2.</a> Провести навчальний семінар' in content.value
    assert "Термін: Квітень 2020 р. (30 квітня 2020\u202fр.)" in content.value
    assert "Адресат: Міський методичний центр" in content.value
    assert "Контроль за виконанням" not in content.value  # the control clause is no task
    assert "Срок: до 1 января 2016 года" in russian.content[0].value
    material = next(e for e in feed.entries if e.title == "Опыт коллег: взаимный успех")
    assert material.author == "Людмила Анатольевна Стельмашева"
    assert material.title_detail.language == "ru"


def test_addressee_feed_has_their_resolutions_with_only_their_clauses(sample_site):
    feed = feedparser.parse(sample_site / CENTRE / "feed.xml")
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title == "Міський методичний центр — Архів рішень освітніх органів"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [f"/{CENTRE}feed.xml"]
    (entry,) = feed.entries
    assert entry.title == SEED_001_TITLE
    assert entry.link == f"/{SEED_001}#section-2"
    assert entry.title_detail.language == "uk"
    html = entry.content[0].value
    assert re.findall(r"#clause-(\d-\d)", html) == ["3-1", "3-2", "3-3"]
    assert (
        "Термін: Постійно" in html and "Термін: До вересня 2020 р. (31 серпня 2020\u202fр.)" in html
    )
    site_entry = feedparser.parse(sample_site / "feed.xml").entries[0]
    assert entry.id != site_entry.id  # another entry about the same document


def test_feeds_of_a_deployed_site_use_absolute_links_and_url_ids(public_site):
    feed = feedparser.parse(public_site / "feed.xml")
    assert feed.bozo == 0
    assert feed.feed.id == f"{PUBLIC_URL}feed.xml"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        f"{PUBLIC_URL}feed.xml"
    ]
    first = feed.entries[0]
    assert first.id == first.link == PUBLIC_URL + SEED_001
    assert f'href="{PUBLIC_URL}{SEED_001}#clause-3-2"' in first.content[0].value
    centre = feedparser.parse(public_site / CENTRE / "feed.xml")
    assert centre.entries[0].link == f"{PUBLIC_URL}{SEED_001}#section-2"


def test_every_addressee_has_a_feed_and_pages_announce_them(sample_site):
    addressees = [p for p in (sample_site / "addressees").iterdir() if p.is_dir()]
    assert len(addressees) > 10
    for folder in addressees:
        assert feedparser.parse(folder / "feed.xml").bozo == 0, folder.name
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="feed.xml"' in home


def test_site_feed_keeps_the_newest_entries_of_a_large_archive(make_site, tmp_path):
    files = {
        f"content/resolutions/r{n:02}.md": seminar(str(n)).replace(
            "date: 2020-03-04", f"date: 2020-01-{1 + n % 28:02}\n" if n < 28 else "date: null\n"
        )
        for n in range(60)
    }
    files["content/materials/m.md"] = (
        "---\ntitle: Досвід\ndate: 2020-01-10\nauthor: Методист\n---\nТекст.\n"
    )
    config = make_site(files)
    result = build(replace(config, output=str(tmp_path / "out")), strict=True)
    assert result.published is not None, result.report.lines()
    feed = feedparser.parse(tmp_path / "out" / "feed.xml")
    updated = [e.updated[:10] for e in feed.entries]
    assert len(updated) == FEED_ENTRIES
    assert updated == sorted(updated, reverse=True)  # newest first, undated last
    assert updated[:2] == ["2020-01-28", "2020-01-27"]
    assert "Досвід" in [e.title for e in feed.entries]  # the material among the resolutions
    assert updated.count("1970-01-01") == FEED_ENTRIES - 29  # 28 dated + the material
