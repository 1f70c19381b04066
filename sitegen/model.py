"""Values that cross pipeline stages: frozen, typed, and free of behaviour that touches files.

Every stage (load → parse → link → render → write) takes these values and returns new ones,
so a stage can be tested alone and nothing is mutated behind another stage's back.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar, dataclass_transform

from sitegen.wording import unpack_wording

_Record = TypeVar("_Record")


@dataclass_transform(frozen_default=True)
def record(cls: type[_Record] | None = None, *, shared: bool = False) -> Any:
    """A frozen, slotted dataclass that pickles as a call of its constructor.

    The stock pickling of a slotted dataclass goes through `dataclasses.fields()` once per
    object; the parse cache holds hundreds of objects per document, and loading them took 3×
    as long that way.

    The main process gathers every document's parse result, so a value repeated across
    documents is worth holding once (a 50k archive must build in 2 GiB). `shared`: equal
    instances unpickle as one object per process ("Постійно" and "Квітень 2020 р." recur in
    thousands of clauses): equal values, one identity.
    """

    def make(cls: type[_Record]) -> type[_Record]:
        made = dataclass(frozen=True, slots=True)(cls)
        names = [f.name for f in fields(made)]
        values = attrgetter(*names)
        if len(names) == 1:
            made.__reduce__ = lambda self: (made, (values(self),))  # type: ignore[method-assign]
        elif shared:
            one = _one_of(made)
            made.__reduce__ = lambda self: (one, values(self))  # type: ignore[method-assign]
        else:
            made.__reduce__ = lambda self: (made, values(self))  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)


def _one_of(cls: type[_Record]) -> Callable[..., _Record]:
    """The constructor of a shared record that gives one instance per distinct value in this
    process: `functools.cache` finds it in C (a Python function doing so took 0.2 s of
    loading the 10,000-document parse cache). Pickled by its name, `<class>.one`, so it is
    made with the class: a process that unpickles one must find it without having pickled one."""
    one = functools.cache(lambda *values: cls(*values))
    one.__module__, one.__qualname__ = cls.__module__, f"{cls.__qualname__}.one"
    cls.one = one  # type: ignore[attr-defined]
    return one


class _Interned:
    """A string on its way into a pickle, which unpickles as `sys.intern(text)`: a call in C.
    (A Python function interning a clause's number and anchor was a fifth of loading the
    parse cache: 463,000 calls at 10,000 documents.)"""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __reduce__(self) -> tuple:
        return sys.intern, (self.text,)


class DeadlineKind(StrEnum):
    """How precise a deadline phrase is (DESIGN §1.1)."""

    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    TERM = "term"
    YEAR = "year"
    PERMANENT = "permanent"
    RECURRING = "recurring"
    RANGE = "range"  # "з 12.03.2020 по 03.04.2020": `start` is the first day, `due` the last
    NONE = "none"


@record(shared=True)
class Deadline:
    """A deadline phrase as written, its kind and the last day it allows (None when open).

    `start` is set only for a range ("с 5 по 11 ноября 2007 года"): the day the work begins.
    """

    text: str
    kind: DeadlineKind
    due: date | None = None
    start: date | None = None


class ClauseRole(StrEnum):
    """What a numbered paragraph of a resolution does: only tasks are asked of addressees."""

    TASK = "task"
    ACKNOWLEDGE = "acknowledge"
    CONTROL = "control"


@record
class ContentFile:
    """A content file as load found it: enough to find its parse result in the cache.

    Load reads every file (its digest decides what is rebuilt) but keeps no text: a 50,000
    resolution archive is ~0.9 GB of text, and parse reads a file again only when no result
    for its digest is cached.
    """

    path: str  # relative to the site root, with forward slashes: "content/resolutions/…"
    section: str  # "resolutions" | "materials" | "pages"
    digest: str  # sha256 of the raw bytes


@record
class Source:
    """One content file as read from disk: text split into front matter and body."""

    path: str  # relative to the site root, with forward slashes: "content/resolutions/…"
    section: str  # "resolutions" | "materials" | "pages"
    front_matter: str
    body: str
    front_matter_line: int  # 1-based line of the first front-matter line in the file
    body_line: int  # 1-based line of the first body line in the file
    digest: str  # sha256 of the raw bytes, for caches


@record(shared=True)
class AddresseeName:
    """An addressee as declared in front matter: canonical nominative name and other spellings."""

    name: str
    aliases: tuple[str, ...] = ()


class Clause(NamedTuple):
    """One numbered instruction (or acknowledge/control paragraph) of a resolution.

    A named tuple, not a record: the parse cache holds ~46 clauses per resolution, and a
    tuple is made in C when unpickled (`tuple.__new__`), where a frozen dataclass runs Python
    code setting each field. Loading 10,000 cached resolutions: 2.25 → 1.41 s. Its number and
    anchor unpickle interned ("2.1", "clause-2-1" recur in every resolution).
    """

    number: str  # as written ("2.6") or by position ("1.3")
    anchor: str  # "clause-2-6"; unique within its resolution
    role: ClauseRole
    wording: bytes  # `text` and `html`, packed (sitegen/wording.py)
    line: int  # 1-based source line where the clause starts
    addressee: str | None = None  # canonical name of the section's addressee
    deadline: Deadline | None = None
    responsible: str | None = None
    # Every addressee a clause names itself ("Виконавці: A; B"): the first is also `addressee`.
    addressees: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Plain text, for feeds, JSON and search."""
        return unpack_wording(self.wording)[0]

    @property
    def html(self) -> str:
        """The clause text with its sub-items, as HTML (no number)."""
        return unpack_wording(self.wording)[1]

    def __reduce__(self) -> tuple:
        return tuple.__new__, (Clause, (*map(_Interned, self[:2]), *self[2:]))


@record
class Section:
    """An addressee section: the heading ("Директорам навчальних закладів:") and its clauses."""

    heading: str  # as written, without number and remark
    number: str | None  # "2", "ІІ" or None
    addressee: str | None  # canonical name; None when the heading matched nothing
    responsible: str | None
    anchor: str  # "to-<addressee-slug>"
    clauses: tuple[Clause, ...]
    line: int


@record
class Reference:
    """A phrase or field that names another document of the site, not yet resolved."""

    target: str  # "1/2020-3", "body-slug/1/2020-3", or a content path; may end in "#2.6"
    text: str  # the phrase as written in the body, or the front-matter value
    line: int
    explicit: bool  # front matter (an error when unresolved) vs body phrase (a warning)
    relation: str = "cites"  # cites | implements | superseded_by


@record
class Resolution:
    """A parsed resolution: requisites from front matter and structure from the body."""

    source: str
    title: str
    kind: str
    body: str
    date: date | None
    number: str | None
    lang: str
    addressees: tuple[AddresseeName, ...]
    preamble_html: str
    formula: str | None  # "КОЛЕГІЯ УХВАЛЮЄ:", "рекомендують:"
    clauses: tuple[Clause, ...]  # document-level clauses (acknowledge, control) and section ones
    sections: tuple[Section, ...]
    signatures: tuple[str, ...]
    control: str | None = None
    signed: str | None = None
    review: str | None = None
    status: str = "in_force"
    references: tuple[Reference, ...] = ()
    tags: tuple[str, ...] = ()
    number_line: int = 1  # where `number:` stands in the file, for duplicate-number errors


@record
class Material:
    """An article or report that shows how clauses were carried out (DESIGN §1.2)."""

    source: str
    title: str
    date: date | None
    author: str | None
    lang: str
    html: str
    text: str
    implements: tuple[Reference, ...] = ()
    subtitle: str | None = None
    author_role: str | None = None
    source_note: str | None = None


@record
class Page:
    """A plain page (about, contacts)."""

    source: str
    title: str
    lang: str
    html: str
    slug: str


@record
class Documents:
    """Everything parse produced, in source-path order."""

    resolutions: tuple[Resolution, ...] = ()
    materials: tuple[Material, ...] = ()
    pages: tuple[Page, ...] = ()


class TaskState(StrEnum):
    """Where a clause stands on "today": what the public sees per addressee and per month."""

    OVERDUE = "overdue"  # past due and nothing published that implements it
    DUE_SOON = "due_soon"  # due within the configured number of days
    UPCOMING = "upcoming"
    DONE = "done"  # materials implement it
    PERMANENT = "permanent"  # "Постійно", recurring tasks: never overdue
    UNDATED = "undated"  # no deadline at all


class Task(NamedTuple):
    """A clause in the archive: the resolution it belongs to, its page, its materials, its state.

    A named tuple, like `Clause`: link makes one per task clause on every build (453,000 at
    10,000 documents), and a tuple is made 2.7 × as fast as a frozen dataclass."""

    resolution: Resolution
    clause: Clause
    path: str  # the resolution's page path; the clause is at path + "#" + clause.anchor
    materials: tuple[Material, ...]
    state: TaskState


@record
class Listing:
    """An index page: its title key (addressee, body, year, month) and what it lists."""

    key: str  # the addressee or body name, the year ("2020", "undated"), the month ("2020-04")
    slug: str
    path: str
    resolutions: tuple[Resolution, ...] = ()
    tasks: tuple[Task, ...] = ()
    month: date | None = None  # the first day of a deadline month
    lang: str = "uk"


@record
class Site:
    """The linked archive: every document with its page path, and every index of DESIGN §2.3."""

    today: date
    resolutions: tuple[Resolution, ...]  # newest first
    paths: Mapping[str, str]  # source path → page path, for every document
    tasks: tuple[Task, ...]  # soonest deadline first
    tasks_by_source: Mapping[str, tuple[Task, ...]]  # resolution → its tasks, in clause order
    addressees: tuple[Listing, ...]
    bodies: tuple[Listing, ...]
    years: tuple[Listing, ...]
    months: tuple[Listing, ...]
    materials: tuple[Material, ...]
    pages: tuple[Page, ...]
    implemented: Mapping[str, tuple[Task, ...]]  # material source → the clauses it implements
    citations: Mapping[str, tuple[tuple[str, str], ...]]  # source → (phrase, target path#anchor)
    referenced_by: Mapping[str, tuple[str, ...]]  # source → sources that cite it


@record
class OutputFile:
    """One rendered file on its way from render to write."""

    path: str  # relative to output/, forward slashes
    # Large files (open data) come as chunks, written as they are made: never whole in memory,
    # or made on disk already by a page worker.
    content: bytes | Iterator[bytes | Span] | Prepared


@record
class Span:
    """A chunk of a large file that is a run of the file the last build published: the writer
    copies it in the kernel, without a trip through Python (open data is hundreds of MB at
    10,000 documents, of which an edit changes a few KB)."""

    fd: int  # the published file, open while the chunk is consumed
    offset: int
    length: int

    def read(self) -> bytes:
        """The bytes, read (where they cannot be copied, or are wanted in memory)."""
        chunks, offset, end = [], self.offset, self.offset + self.length
        while offset < end:
            chunk = os.pread(self.fd, min(end - offset, 1 << 26), offset)
            if not chunk:
                raise OSError(f"the published file ended before byte {end}")
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)


@record
class Prepared:
    """A file made whole on disk by another process (a page worker's pages, feeds and open
    data; the files Pagefind wrote for a search bundle): the writer moves it into place,
    unread (a rename when it lies on output/'s file system, else a copy)."""

    path: str  # a page worker's beside output/; Pagefind's in its scratch folder


@record
class Artifact:
    """Files render plans and write makes: one page, or a group such as the calendars.

    `key` fingerprints every input of the files; the write stage calls `make` only when the
    previous build did not publish the same key under the same name (DESIGN §3.1 rule 10).
    """

    name: str  # a page's path, or a group's name ("calendars")
    key: str
    make: Callable[[], Iterable[OutputFile]]
    page: bool = False  # an HTML page: what render counts report
