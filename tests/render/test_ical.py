"""Calendars of deadlines as a calendar app reads them: which events, on which day, with
which links, and UIDs that survive a rebuild (else every refresh duplicates the events)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from sitegen.render.ical import event_bytes, folded
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


_LETTERS = st.sampled_from("аїєґ ыё\\^;,:\"'xyz0/#?&=\u00e9\u20ac\U0001f600\t\n")


def _texts(min_size: int) -> st.SearchStrategy[str]:
    """Long enough to fold (75 octets) in most examples."""
    return st.text(alphabet=_LETTERS, min_size=min_size, max_size=300)


@settings(max_examples=300, deadline=None)
@given(
    uid=st.from_regex(r"[0-9a-f]{40}@sitegen", fullmatch=True),
    stamp=st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    due=st.dates(date(1990, 1, 1), date(2100, 1, 1)),
    title=_texts(0),
    text=_texts(40),
    link=st.text(alphabet=st.sampled_from("abc/:#?&=,;%ї"), min_size=10, max_size=120),
    addressee=st.none() | _texts(1),
)
@example(  # a long Cyrillic category folds inside a shared line
    uid="0" * 40 + "@sitegen",
    stamp=date(2020, 3, 4),
    due=date(2020, 12, 31),
    title="3.2. Провести навчальний семінар для педагогів закладів загальної середньої освіти…",
    text="Провести семінар\n\nПро стан, № 12",
    link="https://example.org/resolutions/2020/x/#p3-2",
    addressee="Директорам закладів загальної середньої освіти; керівникам ЗДО",
)
def test_event_is_byte_for_byte_icalendars(uid, stamp, due, title, text, link, addressee):
    """Events are written a line at a time, past icalendar's Event: they must be the bytes of
    the Event icalendar builds from the same properties, its order of lines included."""
    set_on = datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", set_on)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", title)
    event.add("description", text)
    event.add("url", link)
    if addressee:
        event.add("categories", [addressee])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    made = event_bytes(uid, set_on, due, title, text, link, addressee)
    assert made == event.to_ical()
