"""Calendars of deadlines as a calendar app reads them: which events, on which day, with
which links, and UIDs that survive a rebuild (else every refresh duplicates the events)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from sitegen.render.ical import folded
from support import PUBLIC_URL

SEED_001 = "resolutions/2020/1-2020-3/"
CENTRE = "addressees/miskyi-metodychnyi-tsentr/"


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def by_url(path: Path) -> dict[str, object]:
    return {str(e["URL"]): e for e in events(path)}


def test_site_calendar_has_exactly_the_dated_deadlines(sample_site):
    found = {url: e.decoded("DTSTART") for url, e in by_url(sample_site / "deadlines.ics").items()}
    # "today" is 2020-06-15: seed 002's 2016-01-01 lies more than a year back and is left out.
    assert not any(url.startswith("/resolutions/2015/") for url in found)
    assert found == {
        f"/{SEED_001}#clause-2-2": date(2021, 3, 31),
        f"/{SEED_001}#clause-3-2": date(2020, 4, 30),
        f"/{SEED_001}#clause-3-3": date(2020, 8, 31),
        f"/{SEED_001}#clause-4-3": date(2020, 5, 31),
        f"/{SEED_001}#clause-4-5": date(2021, 2, 28),
    }
    # "Постійно" (2.1), "систематично" (seed 000, 2.6) and undated clauses are not events.
    assert f"/{SEED_001}#clause-2-1" not in found


def test_event_is_an_all_day_deadline_with_summary_description_and_link(sample_site):
    calendar = Calendar.from_ical((sample_site / "deadlines.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Архів рішень освітніх органів: терміни виконання"
    assert str(calendar["VERSION"]) == "2.0"
    event = by_url(sample_site / "deadlines.ics")[f"/{SEED_001}#clause-3-2"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert not isinstance(start, datetime)  # VALUE=DATE: an all-day event
    assert end - start == timedelta(days=1)
    summary = str(event["SUMMARY"])
    assert summary.startswith("3.2. Провести навчальний семінар для керівників")
    assert summary.endswith("…") and len(summary) <= len("3.2. ") + 81
    description = str(event["DESCRIPTION"])
    assert description.startswith("Провести навчальний семінар")
    assert "Про впровадження інноваційних технологій у закладах позашкільної освіти" in description
    assert "Колегія управління освіти Чернівецької міської ради, № 1/2020-3" in description
    assert "Термін: Квітень 2020 р." in description
    assert description.endswith(f"/{SEED_001}#clause-3-2")
    assert event.decoded("DTSTAMP") == datetime.fromisoformat("2020-03-04T00:00:00+00:00")
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Міський методичний центр"]


def test_addressee_calendar_has_only_their_deadlines(sample_site):
    calendar = Calendar.from_ical((sample_site / CENTRE / "deadlines.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Міський методичний центр: терміни виконання"
    assert sorted(by_url(sample_site / CENTRE / "deadlines.ics")) == [
        f"/{SEED_001}#clause-3-2",
        f"/{SEED_001}#clause-3-3",
    ]


def test_uids_are_stable_across_builds_and_base_urls(sample_site, public_site):
    here = {str(e["UID"]): e.decoded("DTSTART") for e in events(sample_site / "deadlines.ics")}
    there = {str(e["UID"]): e.decoded("DTSTART") for e in events(public_site / "deadlines.ics")}
    assert here == there and len(here) == 5
    key = b"content/resolutions/2020/1-2020-3.md#clause-3-2"
    uid = hashlib.sha1(key).hexdigest() + "@sitegen"
    assert here[uid] == date(2020, 4, 30)


def test_deployed_calendar_links_are_absolute(public_site):
    assert f"{PUBLIC_URL}{SEED_001}#clause-3-2" in by_url(public_site / "deadlines.ics")


def test_addressee_page_offers_both_subscriptions_with_help(sample_site):
    html = (sample_site / CENTRE / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">Стрічка новин (Atom)</a>' in html
    assert '<a href="deadlines.ics" type="text/calendar">Календар термінів (iCalendar)</a>' in html
    assert "Google Календарі" in html
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Міський методичний центр" href="feed.xml">'
    ) in html


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from("аїєґ ыё\\^;,:\"'xyz0\u00e9\u20ac\U0001f600\t"),
        min_size=70,
        max_size=400,
    ),
    title=st.text(max_size=120).filter(lambda t: "\r" not in t),
)
@example(text="x" * 61 + ";" + "y" * 100, title="")  # an escape ("\\;") across the fold
@example(text="x" * 150, title="ї" * 80)
def test_folding_is_byte_for_byte_icalendars(text, title):
    """sitegen folds content lines itself (icalendar folds character by character): the bytes
    must be what icalendar's own to_ical() gives, escapes and multi-byte characters included."""
    event = Event()
    event.add("uid", "x@sitegen")
    event.add("summary", title)
    event.add("description", text)
    event.add("categories", [text[:90] or "-"])
    assert folded(event) == event.to_ical()
