"""iCalendar (RFC 5545) of deadlines: the whole archive and one calendar per addressee.

A school subscribes once in its calendar app and sees every dated deadline on its due day.
Only clauses with a real due day become events: "постійно" and "щомісяця" would be noise on
every day, and undated tasks have no day at all. Deadlines that passed more than a year before
"today" are left out: a subscription is for what is current, a large archive holds hundreds
of thousands of old deadlines that calendar apps refuse, and the site keeps them all. For the
same reason a calendar holds at most MAX_EVENTS events: the upcoming ones first, nearest first,
then the most recent past ones (a regional archive would otherwise publish a calendar of
hundreds of megabytes). Clauses
already done (materials published) stay in the calendar; their description lists the materials.
Every value comes from the content (no clock): the same content gives the same bytes.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Component, Event
from icalendar.parser import Contentline

from sitegen.cache import Store, code_fingerprint, fingerprint
from sitegen.config import SiteConfig
from sitegen.link.urls import calendar_path
from sitegen.model import DeadlineKind, Listing, OutputFile, Site, Task
from sitegen.render.permalinks import absolute_url, clause_url
from sitegen.render.theme import Catalogue
from sitegen.render.views import long_date

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SUMMARY_LIMIT = 80
_OPEN_ENDED = (DeadlineKind.PERMANENT, DeadlineKind.RECURRING, DeadlineKind.NONE)
PAST_DAYS = 365  # how far back a calendar reaches from "today"
MAX_EVENTS = 2000  # per calendar


class CalendarEvents:
    """Makes /deadlines.ics (every dated deadline) and /addressees/<slug>/deadlines.ics each.

    Writing an event is the costly part (~55 µs against ~10 µs for its key): each is written
    once per build and shared by every calendar that lists it, and each calendar keeps its
    events in `store` by the fingerprint of their fields, so remaking a calendar writes only
    the events whose clause, resolution or links changed. A calendar's cache holds only its
    current events.
    """

    def __init__(self, site: Site, config: SiteConfig, catalogue: Catalogue, store: Store):
        self.site, self.config, self.catalogue, self.store = site, config, catalogue, store
        self._made: dict[str, bytes] = {}  # this build's events, shared between calendars

    def site_calendar(self) -> list[OutputFile]:
        name = self.catalogue.text(
            self.config.language, "calendar.site_name", site=self.config.title
        )
        return [self._calendar(calendar_path(), name, self.site.tasks)]

    def addressee_calendar(self, listing: Listing) -> list[OutputFile]:
        name = self.catalogue.text(listing.lang, "calendar.addressee_name", name=listing.key)
        return [self._calendar(calendar_path(listing.path), name, listing.tasks)]

    def _calendar(self, path: str, name: str, tasks: Sequence[Task]) -> OutputFile:
        known: dict[str, bytes] = self.store.load("ical", path) or {}
        used: dict[str, bytes] = {}

        def serialised(task: Task, due: date) -> bytes:
            fields = _fields(task, due, self.site, self.config, self.catalogue)
            key = fingerprint(code_fingerprint(), fields)
            if key not in used:
                if key not in self._made:
                    self._made[key] = known.get(key) or event_bytes(*fields)
                used[key] = self._made[key]
            return used[key]

        calendar = _calendar(path, name, tasks, self.site, self.config, serialised)
        if used.keys() != known.keys():
            self.store.save("ical", path, used)
        return calendar


def event_uid(task: Task) -> str:
    """Stable across builds and base URLs: the source file and the clause anchor."""
    key = f"{task.resolution.source}#{task.clause.anchor}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@sitegen"


def summary(number: str, text: str, limit: int = SUMMARY_LIMIT) -> str:
    """ "3.2. Провести навчальний семінар …": the clause number and its first words."""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return f"{number}. {text}"


def folded(component: Component) -> bytes:
    """`component.to_ical()`, byte for byte, with RFC 5545 line folding done on UTF-8 bytes.

    icalendar folds character by character (a third of a large calendar's cost for Cyrillic
    text); its content lines are taken as they are and only the folding is done here, with the
    same rules: at most FOLD_OCTETS octets per line, never inside a character, and a backslash
    or caret that would end a line moves to the next one (icalendar issue #1501).
    """
    return b"".join(_fold(line.encode()) + b"\r\n" for line in component.content_lines() if line)


FOLD_OCTETS = 74  # a continuation line's leading space makes it the RFC's 75


def _fold(line: bytes) -> bytes:
    if len(line) <= FOLD_OCTETS:
        return line
    parts = []
    start = 0
    while len(line) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while line[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: inside a character
            end -= 1
        if line[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return b"\r\n ".join(parts)


def event_bytes(
    uid: str,
    stamp: datetime,
    due: date,
    title: str,
    text: str,
    link: str,
    addressee: str | None,
) -> bytes:
    """The VEVENT of a deadline, as `folded` gives it for an icalendar `Event` with these
    properties (byte for byte: tested), made a content line at a time.

    Building an `Event` and writing it was nine tenths of a calendar's cost (~200 µs an event,
    22 s of a cold 10,000-document build's ~113,000 events): `Component.add` infers each
    value's type, and every line goes through the component's property machinery. Here the
    lines whose value repeats from event to event (the days, the addressee's category, the
    constants) are made by icalendar once, and an event's own texts go straight to their
    icalendar property type and content line. The order of the lines is icalendar's.
    """
    properties: dict[str, object] = {
        "UID": uid,
        "DTSTAMP": stamp,
        "DTSTART": due,
        "DTEND": due + timedelta(days=1),
        "SUMMARY": title,
        "DESCRIPTION": text,
        "URL": link,
        "STATUS": "CONFIRMED",
        "TRANSP": "TRANSPARENT",  # a deadline is not a meeting: it never blocks time
    }
    if addressee:
        properties["CATEGORIES"] = (addressee,)
    lines = [_BEGIN]
    for name in _EVENT_ORDER:
        if name in properties:
            value = properties[name]
            lines.append(_own_line(name, value) if name in _OWN else _shared_line(name, value))
    lines.append(_END)
    return b"".join(lines)


_OWN = frozenset({"UID", "SUMMARY", "DESCRIPTION", "URL"})  # texts no other event has
_PROPERTIES = "UID DTSTAMP DTSTART DTEND SUMMARY DESCRIPTION URL STATUS TRANSP CATEGORIES"
# icalendar's order of an event's properties (`Component.sorted_keys`), asked of icalendar.
_EVENT_ORDER = tuple(Event(dict.fromkeys(_PROPERTIES.split(), "")).sorted_keys())
_BEGIN, _END = (line + b"\r\n" for line in Event().to_ical().splitlines())


def _own_line(name: str, value: object) -> bytes:
    prop = Event.types_factory.for_property(name)(value)
    return _fold(Contentline.from_parts(name, prop.params, prop).encode()) + b"\r\n"


@lru_cache(maxsize=1 << 12)
def _shared_line(name: str, value: object) -> bytes:
    """The line icalendar writes for `Event.add(name, value)`: a tuple is a list of values."""
    event = Event()
    event.add(name, list(value) if isinstance(value, tuple) else value)
    return folded(event).removeprefix(_BEGIN).removesuffix(_END)


def _calendar(
    path: str,
    name: str,
    tasks: Sequence[Task],
    site: Site,
    config: SiteConfig,
    serialised: Callable[[Task, date], bytes],
) -> OutputFile:
    calendar = Calendar()
    calendar.add("prodid", "-//sitegen//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("url", absolute_url(config, path))
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    body = [serialised(task, due) for due, task in _dated(tasks, site.today)]
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return OutputFile(path, head + b"".join(body) + b"END:VCALENDAR" + end)


def calendar_tasks(tasks: Sequence[Task], today: date) -> list[Task]:
    """The tasks a calendar of these shows as events, in its order."""
    return [task for _, task in _dated(tasks, today)]


def _dated(tasks: Sequence[Task], today: date) -> list[tuple[date, Task]]:
    """The events of a calendar, by due day: the upcoming ones first, nearest first, then the
    most recent past ones, MAX_EVENTS at most. Tasks come soonest deadline first
    (link/tasks.by_due), so the days are found by bisection: a large archive's calendar would
    otherwise read hundreds of thousands of tasks to keep two thousand."""
    oldest = today - timedelta(days=PAST_DAYS)
    start = bisect.bisect_left(tasks, (False, oldest), key=_due_key)
    middle = bisect.bisect_left(tasks, (False, today), lo=start, key=_due_key)
    end = bisect.bisect_left(tasks, (True, date.max), lo=middle, key=_due_key)
    upcoming = _first(tasks, range(middle, end), MAX_EVENTS, reverse=False)
    past = _first(tasks, range(middle - 1, start - 1, -1), MAX_EVENTS - len(upcoming), True)
    return sorted(upcoming + past, key=_order)


def _first(
    tasks: Sequence[Task], positions: range, limit: int, reverse: bool
) -> list[tuple[date, Task]]:
    """The first `limit` dated tasks at these positions, in `_order` (reversed or not): read
    to the end of the last day they reach, as `_order` ranks the tasks of one day otherwise
    than `by_due`."""
    found: list[tuple[date, Task]] = []
    for position in positions:
        task = tasks[position]
        due = _due(task)
        if due is None:
            continue
        if len(found) >= limit and (not found or due != found[-1][0]):
            break
        found.append((due, task))
    found.sort(key=_order, reverse=reverse)
    return found[: max(limit, 0)]


def _due_key(task: Task) -> tuple[bool, date]:
    """The head of `by_due`, by which every task list is sorted."""
    deadline = task.clause.deadline
    due = deadline.due if deadline else None
    return due is None, due or date.max


def _order(dated: tuple[date, Task]) -> tuple[date, str, int]:
    due, task = dated
    return due, task.resolution.source, task.clause.line


def _due(task: Task) -> date | None:
    deadline = task.clause.deadline
    if deadline is None or deadline.kind in _OPEN_ENDED:
        return None
    return deadline.due


def _fields(
    task: Task, due: date, site: Site, config: SiteConfig, catalogue: Catalogue
) -> tuple[str, datetime, date, str, str, str, str | None]:
    """Everything an event shows, as plain values: its cache key is their fingerprint."""
    resolution, clause = task.resolution, task.clause
    link = clause_url(config, task.path, clause.anchor)
    # DTSTAMP must not be the clock: the resolution's own date is when the task was set.
    set_on = resolution.date
    stamp = datetime(set_on.year, set_on.month, set_on.day, tzinfo=UTC) if set_on else EPOCH
    return (
        event_uid(task),
        stamp,
        due,
        summary(clause.number, clause.text),
        _description(task, link, site, config, catalogue),
        link,
        clause.addressee,
    )


def _description(
    task: Task, link: str, site: Site, config: SiteConfig, catalogue: Catalogue
) -> str:
    resolution, clause = task.resolution, task.clause
    lang = resolution.lang
    requisites = [resolution.body]
    if resolution.number:
        requisites.append(f"№ {resolution.number}")
    if resolution.date:
        requisites.append(long_date(resolution.date, lang))
    lines = [clause.text, "", resolution.title, ", ".join(requisites)]
    if clause.addressee:
        lines.append(f"{catalogue.text(lang, 'clause.addressee')}: {clause.addressee}")
    if clause.deadline:
        lines.append(f"{catalogue.text(lang, 'clause.deadline')}: {clause.deadline.text}")
    if clause.responsible:
        lines.append(f"{catalogue.text(lang, 'clause.responsible')}: {clause.responsible}")
    for material in task.materials:
        url = absolute_url(config, site.paths[material.source])
        lines.append(f"{catalogue.text(lang, 'clause.materials')}: {material.title} {url}")
    lines += ["", link]
    return "\n".join(lines)
