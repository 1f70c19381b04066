"""View models: exactly what templates may see, already formatted for the page's language.

Templates never compute; every date string, label choice and link target is decided here, so
a theme author only arranges values and takes words from the catalogue.
"""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, is_

from babel.dates import format_date

from sitegen.cache import fingerprint
from sitegen.config import SiteConfig
from sitegen.link.urls import calendar_path, feed_path, file_of
from sitegen.model import (
    Clause,
    ClauseRole,
    Listing,
    Material,
    Resolution,
    Section,
    Site,
    Task,
    TaskState,
)
from sitegen.render.metadata import description, legislation_json_ld

HOME_LIMIT = 10  # tasks per list on the home page
LIST_LIMIT = 50  # tasks per list on the deadlines overview
GROUP_LIMIT = 100  # tasks per group on an addressee page, and documents listed there
TASK_MEMO = 20_000  # task views kept for reuse by the next pages that list the same tasks
GROUPS = (
    ("overdue", (TaskState.OVERDUE,)),
    ("upcoming", (TaskState.DUE_SOON, TaskState.UPCOMING)),
    ("done", (TaskState.DONE,)),
    ("permanent", (TaskState.PERMANENT,)),
    ("undated", (TaskState.UNDATED,)),
)


# A task's fields, read in C over thousands of tasks.
TASK_SOURCE = attrgetter("resolution.source")
TASK_ANCHOR = attrgetter("clause.anchor")
TASK_MATERIALS = attrgetter("materials")
TASK_DATE = attrgetter("resolution.date")  # the day of the task's resolution
TASK_STATE = attrgetter("state")
_NAME = attrgetter("name")
_ADDRESSEE = attrgetter("addressee")  # of a section or a clause


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _ordinal(day: date | None) -> int | None:
    return day.toordinal() if day else None


def _year(day: date | None) -> str:
    return str(day.year) if day else "undated"


def _remember(memo: dict, key: object, value: object) -> None:
    """The memo of task views is bounded (a large archive has millions of tasks): when full,
    the oldest half goes."""
    if len(memo) >= TASK_MEMO:
        for old in list(memo)[: TASK_MEMO // 2]:
            del memo[old]
    memo[key] = value


def document_key(site: Site, digests: Mapping[str, str], source: str) -> tuple:
    """A document as artifact keys see it: its source, the digest of its bytes, its page."""
    return source, digests.get(source), site.paths[source]


# The helpers below are pure and run for every clause on every page: cached, or made cheap
# where a cache cannot hit (a 1k archive spent 22 s in them uncached).
def relative_href(from_path: str, to_path: str) -> str:
    """A link that works from file://, at the site root and under any sub-path alike."""
    return href_for(from_path)(to_path)


def href_for(page: str) -> Callable[[str], str]:
    """`relative_href` from one page. The page's folder is split once: a list page links to
    thousands of targets, each once, so a cache of (page, target) pairs missed at 10,000
    documents (1.2 million pairs) and every link went through `posixpath.relpath`. Most
    targets lie outside the page's top folder (a month page's tasks link to resolutions): their
    link is the page's way up to the root and the target's file, found without comparing."""
    start = _folder_parts(page)
    to_root = "../" * len(start)
    top = start[0] if start else ""
    inside_top = f"{top}/"

    def href(to_path: str) -> str:
        target, _, anchor = to_path.partition("#")
        suffix = f"#{anchor}" if anchor else ""
        if target == page:
            return suffix or "./"
        file = file_of(target)
        if top and (file.startswith(inside_top) or file == top):
            return _relative_file(start, file) + suffix
        return to_root + file + suffix

    return href


def _folder_parts(page: str) -> tuple[str, ...]:
    folder = posixpath.dirname(file_of(page))
    return tuple(folder.split("/")) if folder else ()


def _relative_file(start: tuple[str, ...], file: str) -> str:
    """`posixpath.relpath(file, start)` for the site's normalised paths, without its
    `abspath` calls."""
    parts = file.split("/")
    common = 0
    for mine, theirs in zip(start, parts, strict=False):  # the target may be deeper or not
        if mine != theirs:
            break
        common += 1
    return "/".join(("..",) * (len(start) - common) + tuple(parts[common:])) or "."


@lru_cache(maxsize=1 << 14)
def long_date(day: date | None, lang: str) -> str:
    return format_date(day, "long", locale=lang) if day else ""


@lru_cache(maxsize=1 << 12)
def month_title(day: date, lang: str) -> str:
    """Stand-alone month name: "березень 2020", not the genitive "березня"."""
    text = format_date(day, "LLLL y", locale=lang)
    return text[:1].upper() + text[1:]


# View dataclasses have no __slots__ on purpose: a slotted dataclass pickles through a Python
# __getstate__, and every page's view is pickled for its fingerprint (3× slower at 1k).
@dataclass(frozen=True)
class DocumentView:
    """A resolution as it appears in lists."""

    path: str
    title: str
    kind: str
    body: str
    body_path: str
    number: str | None
    date_iso: str | None
    date_text: str
    lang: str
    status: str


@dataclass(frozen=True)
class MaterialLink:
    path: str
    title: str


# Not frozen: a frozen dataclass sets each field through object.__setattr__ (2.2 µs against
# 0.3 µs for ClauseView's fifteen), and a cold 10,000-document build makes ~1.5 million.
@dataclass
class ClauseView:
    number: str
    anchor: str
    role: str
    html: str
    text: str
    deadline_text: str | None
    deadline_kind: str | None
    due_iso: str | None
    due_text: str
    state: str | None
    responsible: str | None
    addressee: str | None
    addressee_path: str | None
    materials: tuple[MaterialLink, ...]
    path: str  # the resolution's page path + "#anchor"


@dataclass(frozen=True)
class SectionView:
    heading: str
    number: str | None
    anchor: str
    addressee_path: str | None
    responsible: str | None
    clauses: tuple[ClauseView, ...]


@dataclass(frozen=True)
class TaskView:
    clause: ClauseView
    document: DocumentView


class Views:
    """Builds view models for one site; holds lookups shared by every page."""

    def __init__(self, site: Site, config: SiteConfig, digests: Mapping[str, str]) -> None:
        self.site = site
        self.config = config
        self.digests = digests  # source path → digest of its bytes
        self.addressee_paths = {a.key: a.path for a in site.addressees}
        self.body_paths = {b.key: b.path for b in site.bodies}
        self.documents = {r.source: self.document(r) for r in site.resolutions}
        # Every document as keys see it: list pages' keys ask for a million at 10k.
        self.document_keys = {source: document_key(site, digests, source) for source in site.paths}
        self.paths_key = fingerprint(self.addressee_paths, self.body_paths)
        self._year_of = {r.source: _year(r.date) for r in site.resolutions}
        self._tasks: dict[tuple[str, str], TaskView] = {}
        self._document_keys: dict[str, str] = {}  # fingerprints of listed documents
        self._years_of: tuple[Listing, dict] | None = None

    def document(self, resolution: Resolution) -> DocumentView:
        return DocumentView(
            path=self.site.paths[resolution.source],
            title=resolution.title,
            kind=resolution.kind,
            body=resolution.body,
            body_path=self.body_paths[resolution.body],
            number=resolution.number,
            date_iso=_iso(resolution.date),
            date_text=long_date(resolution.date, resolution.lang),
            lang=resolution.lang,
            status=resolution.status,
        )

    def clause(
        self, resolution: Resolution, clause: Clause, task: Task | None, page: str | None = None
    ) -> ClauseView:
        """The clause as pages show it; `task` is its task, if it is one (it has the state and
        materials), and `page` the page whose links its citations get (none in lists)."""
        deadline = clause.deadline
        path = self.site.paths[resolution.source]
        body_html = clause.html
        if page is not None:
            body_html = self.cite(resolution.source, body_html, page)
        return ClauseView(
            number=clause.number,
            anchor=clause.anchor,
            role=str(clause.role),
            html=body_html,
            text=clause.text,
            deadline_text=deadline.text if deadline else None,
            deadline_kind=str(deadline.kind) if deadline else None,
            due_iso=_iso(deadline.due) if deadline else None,
            due_text=long_date(deadline.due if deadline else None, resolution.lang),
            state=str(task.state) if task else None,
            responsible=clause.responsible,
            addressee=clause.addressee,
            addressee_path=self.addressee_paths.get(clause.addressee or ""),
            materials=tuple(
                [MaterialLink(self.site.paths[m.source], m.title) for m in task.materials]
            )
            if task and task.materials
            else (),
            path=f"{path}#{clause.anchor}",
        )

    def cite(self, source: str, text_html: str, page: str) -> str:
        """Link the decisions a text cites ("рішення … № 1/2020-3") to their pages."""
        for phrase, target in self.site.citations.get(source, ()):
            escaped = html.escape(phrase, quote=False)
            link = f'<a href="{html.escape(relative_href(page, target))}">{escaped}</a>'
            text_html = text_html.replace(escaped, link, 1)
        return text_html

    def task(self, task: Task) -> TaskView:
        """A task as lists show it; built once, as one task appears on several pages."""
        key = (task.resolution.source, task.clause.anchor)
        view = self._tasks.get(key)
        if view is None:
            view = TaskView(
                self.clause(task.resolution, task.clause, task),
                self.documents[task.resolution.source],
            )
            _remember(self._tasks, key, view)
        return view

    def _document(self, source: str) -> tuple[str, str | None, str]:
        return self.document_keys[source]

    def _tasks_inputs(self, tasks: Sequence[Task]) -> tuple:
        """Tasks as a resolution's page shows them: anchors, states and the documents of the
        few that have materials, gathered in C (453,000 tasks are keyed on every build)."""
        reported = [
            (position, [self._document(m.source) for m in tasks[position].materials])
            for position in compress(count(), map(TASK_MATERIALS, tasks))
        ]
        return list(map(TASK_ANCHOR, tasks)), list(map(str, map(TASK_STATE, tasks))), reported

    def _listed_task(self, task: Task) -> tuple:
        """A task as lists show it (its `TaskView`'s sources): the clause's shown fields, not
        the whole document, so an edit of one clause changes only the lists that show it.
        Plain strings and numbers only: a page lists thousands of tasks, and enums, dates and
        dataclasses pickle through Python code for its fingerprint."""
        c, d = task.clause, task.clause.deadline
        return (
            self._listed_document(task.resolution.source),
            c.number,
            c.anchor,
            str(c.role),
            c.wording,
            c.addressee,
            c.responsible,
            (d.text, str(d.kind), _ordinal(d.due), _ordinal(d.start)) if d else None,
            self.addressee_paths.get(c.addressee or ""),
            str(task.state),
            [self._document(m.source) for m in task.materials] if task.materials else None,
        )

    def _listed_document(self, source: str) -> str:
        """A resolution as lists show it (its `DocumentView`), fingerprinted once per build."""
        found = self._document_keys.get(source)
        if found is None:
            found = self._document_keys[source] = fingerprint(self.documents[source])
        return found

    def resolution_inputs(self, resolution: Resolution) -> tuple:
        """Everything `resolution_page` reads, far cheaper to fingerprint than the view it
        makes: the document by its bytes' digest, and what the archive adds to it (page paths,
        citations, the documents citing it, its tasks' states and materials). Keep the two in
        step: tests/write compare incremental builds with clean ones."""
        source = resolution.source
        tasks = self._tasks_inputs(self.site.tasks_by_source.get(source, ()))
        addressees = set(map(_NAME, resolution.addressees))  # and those it names, in C:
        addressees.update(map(_ADDRESSEE, resolution.sections), map(_ADDRESSEE, resolution.clauses))
        addressees.difference_update((None, ""))
        return (
            self._document(source),
            self.body_paths[resolution.body],
            [(name, self.addressee_paths.get(name)) for name in sorted(addressees)],
            self.site.citations.get(source, ()),
            [self.documents[s] for s in self.site.referenced_by.get(source, ())],
            tasks,
        )

    def _listed(self, listing: Listing, year: str | None) -> tuple[Sequence[Task], Sequence]:
        """The tasks and documents a listing's page shows: all, or one year's."""
        if year is None:
            return listing.tasks, listing.resolutions
        return self._by_year(listing).get(year, ((), ()))

    def listing_inputs(self, listing: Listing, year: str | None = None) -> tuple:
        """Everything the page of a listing (addressee, body, year, month) or of an addressee's
        year reads, as `resolution_inputs` does for a resolution: its documents and tasks, in
        order, as lists show them, with the tasks' states and materials."""
        tasks, documents = self._listed(listing, year)
        return (
            (listing.key, listing.path, listing.lang, listing.month, year),
            [self._listed_document(r.source) for r in documents],
            [self._listed_task(t) for t in tasks],
        )

    def listing_members(self, listing: Listing, year: str | None = None) -> tuple:
        """What `listing_inputs` is made from, several times cheaper to make and fingerprint
        (no clause is read): which tasks and documents the page lists, in order, by name only,
        and the bytes' digest and page of each document behind them. Equal members give equal
        inputs (parsing depends on the bytes, a task's state on "today" and its materials,
        links on the addressee and body paths), so a rebuild finds a list page's full key from
        its members and computes it only for the few lists an edit touched: a 10,000-document
        archive lists 1.2 million tasks, on ~3 pages each."""
        tasks, documents = self._listed(listing, year)
        sources = list(map(TASK_SOURCE, tasks))
        reported = [
            (position, tuple(m.source for m in tasks[position].materials))
            for position in compress(count(), map(TASK_MATERIALS, tasks))
        ]
        listed = [r.source for r in documents]
        shown = dict.fromkeys(listed)
        shown.update(dict.fromkeys(sources))
        for _, materials in reported:
            shown.update(dict.fromkeys(materials))
        return (
            (listing.key, listing.path, listing.lang, listing.month, year),
            self.site.today,
            self.paths_key,
            listed,
            sources,
            list(map(TASK_ANCHOR, tasks)),
            reported,
            list(map(self.document_keys.__getitem__, shown)),
        )

    def resolution_page(self, resolution: Resolution) -> dict[str, object]:
        page = self.site.paths[resolution.source]
        in_section = {c.anchor for s in resolution.sections for c in s.clauses}
        # Its own tasks only: a map of every task of the archive would cost each page worker
        # ~200 MB at 50,000 resolutions.
        tasks = {t.clause.anchor: t for t in self.site.tasks_by_source.get(resolution.source, ())}

        def clause(c: Clause) -> ClauseView:
            return self.clause(resolution, c, tasks.get(c.anchor), page)

        parts: list[tuple[int, str, object]] = [
            (s.line, "section", self._section(s, clause)) for s in resolution.sections
        ]
        parts += [
            (c.line, "clause", clause(c))
            for c in resolution.clauses
            if c.anchor not in in_section and c.role is not ClauseRole.CONTROL
        ]
        control = [clause(c) for c in resolution.clauses if c.role is ClauseRole.CONTROL]
        return {
            "document": self.documents[resolution.source],
            "preamble_html": self.cite(resolution.source, resolution.preamble_html, page),
            "formula": resolution.formula,
            "parts": [
                {"type": kind, "value": value}
                for _, kind, value in sorted(parts, key=lambda p: p[0])
            ],
            "control": control[0] if control else None,
            "controller": resolution.control,
            "signatures": resolution.signatures,
            "signed": resolution.signed,
            "addressees": [
                {"name": a.name, "path": self.addressee_paths[a.name]}
                for a in resolution.addressees
            ],
            "referenced_by": [
                self.documents[s] for s in self.site.referenced_by.get(resolution.source, ())
            ],
            "canonical": page,
            "year": str(resolution.date.year) if resolution.date else None,  # a search filter
            "json_ld": legislation_json_ld(resolution, self.config.base_url + page),
            "description": description(resolution),
        }

    def _section(self, section: Section, clause: Callable[[Clause], ClauseView]) -> SectionView:
        return SectionView(
            heading=section.heading,
            number=section.number,
            anchor=section.anchor,
            addressee_path=self.addressee_paths.get(section.addressee or ""),
            responsible=section.responsible,
            clauses=tuple(self._in_section(clause(c), section) for c in section.clauses),
        )

    @staticmethod
    def _in_section(view: ClauseView, section: Section) -> ClauseView:
        """The section heading already names its responsible person; don't repeat it per clause."""
        if view.responsible is not None and view.responsible == section.responsible:
            return replace(view, responsible=None)
        return view

    def grouped_tasks(self, tasks: Iterable[Task], limit: int | None = None) -> list[dict]:
        """The groups of an addressee page, in the order a director acts on them.

        With a limit, a group keeps the tasks that matter first: the soonest upcoming ones,
        the most recently overdue, the newest permanent ones; `total` says how many there are.
        """
        tasks = list(tasks)
        groups = []
        for key, states in GROUPS:
            members = [t for t in tasks if t.state in states]
            if not members:
                continue
            shown = (
                members
                if limit is None or len(members) <= limit
                else (members[:limit] if key == "upcoming" else members[-limit:])
            )
            groups.append(
                {"key": key, "tasks": [self.task(t) for t in shown], "total": len(members)}
            )
        return groups

    def listing(self, listing: Listing, limit: int | None = None) -> dict[str, object]:
        """A listing's page (body, year, month): its documents. The tasks go only on the pages
        that show them (`addressee_page`, `month_page`): a year of a large archive lists tens
        of thousands, and their views are built only to be shown."""
        documents = listing.resolutions if limit is None else listing.resolutions[:limit]
        return {
            "key": listing.key,
            "path": listing.path,
            "documents": [self.documents[r.source] for r in documents],
            "documents_total": len(listing.resolutions),
            "count": len(listing.tasks),
            "title": month_title(listing.month, self.config.language)
            if listing.month
            else listing.key,
        }

    def addressee_page(self, listing: Listing) -> dict[str, object]:
        """An addressee's tasks, and where to subscribe to them (feed and calendar).

        A large archive gives an addressee thousands of clauses: the page then shows the most
        pressing ones per group and links to one complete page per year.
        """
        return {
            **self.listing(listing, GROUP_LIMIT),
            "groups": self.grouped_tasks(listing.tasks, GROUP_LIMIT),
            "feed": feed_path(listing.path),
            "calendar": calendar_path(listing.path),
            "years": self.addressee_years(listing),
            "year": None,
        }

    def addressee_years(self, listing: Listing) -> list[dict[str, str]]:
        """The per-year pages of an addressee, when its page had to leave tasks out."""
        if len(listing.tasks) <= GROUP_LIMIT:
            return []
        years = sorted(set(map(_year, set(map(TASK_DATE, listing.tasks)))))
        years.reverse()
        return [{"key": y, "path": f"{listing.path}{y}/"} for y in years]

    def addressee_year_page(self, listing: Listing, year: str) -> dict[str, object]:
        tasks, documents = self._by_year(listing).get(year, ([], []))
        return {
            "key": listing.key,
            "path": listing.path,
            "documents": [self.documents[r.source] for r in documents],
            "documents_total": len(documents),
            "groups": self.grouped_tasks(tasks),
            "count": len(tasks),
            "title": listing.key,
            "feed": feed_path(listing.path),
            "calendar": calendar_path(listing.path),
            "years": [],
            "year": year,
        }

    def _by_year(self, listing: Listing) -> dict[str, tuple[list[Task], list[Resolution]]]:
        """An addressee's tasks and documents by year, grouped once for all its year pages
        (the pages of one addressee follow each other in the plan)."""
        if self._years_of is None or self._years_of[0] is not listing:
            year_of = self._year_of
            tasks: dict[str, list[Task]] = defaultdict(list)
            for task, source in zip(listing.tasks, map(TASK_SOURCE, listing.tasks), strict=True):
                tasks[year_of[source]].append(task)
            documents: dict[str, list[Resolution]] = defaultdict(list)
            for resolution in listing.resolutions:
                documents[year_of[resolution.source]].append(resolution)
            grouped = {
                year: (tasks.get(year, []), documents.get(year, []))
                for year in tasks.keys() | documents.keys()
            }
            self._years_of = (listing, grouped)
        return self._years_of[1]

    def month_page(self, listing: Listing) -> dict[str, object]:
        return {**self.listing(listing), "tasks": [self.task(t) for t in listing.tasks]}

    def home(self) -> dict[str, object]:
        overdue = _in_state(self.site.tasks, TaskState.OVERDUE)
        due_soon = _in_state(self.site.tasks, TaskState.DUE_SOON)
        return {
            "latest": [
                self.documents[r.source] for r in self.site.resolutions[: self.config.latest_count]
            ],
            "overdue": [self.task(t) for t in overdue[-HOME_LIMIT:]],
            "overdue_total": len(overdue),
            "due_soon": [self.task(t) for t in due_soon[:HOME_LIMIT]],
            "due_soon_total": len(due_soon),
            "counts": self.counts(),
            "today_text": long_date(self.site.today, self.config.language),
            "today_iso": self.site.today.isoformat(),
            "soon_days": self.config.due_soon_days,
        }

    def counts(self) -> dict[str, int]:
        return {
            "resolutions": len(self.site.resolutions),
            "addressees": len(self.site.addressees),
            "bodies": len(self.site.bodies),
            "years": len(self.site.years),
            "months": len(self.site.months),
            "materials": len(self.site.materials),
        }

    def deadlines(self) -> dict[str, object]:
        overdue = _in_state(self.site.tasks, TaskState.OVERDUE)
        permanent = _in_state(self.site.tasks, TaskState.PERMANENT)
        return {
            "overdue": [self.task(t) for t in overdue[-LIST_LIMIT:]],
            "overdue_total": len(overdue),
            "months": [
                {
                    "path": m.path,
                    "title": month_title(m.month, self.config.language),
                    "count": len(m.tasks),
                    "iso": m.key,
                }
                for m in self.site.months
                if m.month
            ],
            "permanent": [self.task(t) for t in permanent[-LIST_LIMIT:]],
            "permanent_total": len(permanent),
            "feed": feed_path(),
            "calendar": calendar_path(),
        }

    def index_entries(self, listings: Iterable[Listing]) -> list[dict[str, object]]:
        return [
            {
                "key": item.key,
                "path": item.path,
                "documents": len(item.resolutions),
                "tasks": len(item.tasks),
            }
            for item in listings
        ]

    def material_page(self, material: Material) -> dict[str, object]:
        return {
            "material": material,
            "date_text": long_date(material.date, material.lang),
            "date_iso": material.date.isoformat() if material.date else None,
            "implements": [self.task(t) for t in self.site.implemented.get(material.source, ())],
        }

    def materials(self) -> list[dict[str, object]]:
        return [
            {
                "path": self.site.paths[m.source],
                "title": m.title,
                "author": m.author,
                "date_text": long_date(m.date, m.lang),
            }
            for m in self.site.materials
        ]


def _in_state(tasks: Sequence[Task], state: TaskState) -> list[Task]:
    """The tasks in `state`, in order, picked in C: the home and deadlines pages look through
    every task of the archive (453,000 at 10k) on every build, for their keys."""
    return list(compress(tasks, map(is_, map(TASK_STATE, tasks), repeat(state))))
