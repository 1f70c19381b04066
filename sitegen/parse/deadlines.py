"""Deadline phrases of clauses: "Квітень 2020 р.", "до 1 января 2016 года", "Постійно".

Resolutions are typed by hand in Ukrainian or Russian, so one deadline has many spellings. The
parser is table-driven: month stems, prepositions and phrase shapes are data, each shape is one
regular expression with one small resolver, and `due` is always the last day the phrase allows
(DESIGN §1.1). Nothing here reads files or keeps state.

Besides the kinds of DESIGN §1.1 there are two the documents use often:
- `range`: "з 12.03.2020 по 03.04.2020", "с 5 по 11 ноября 2007 года", "в период с 25 по 27
  августа т.г." — `start` is the first day and `due` the last; the start takes the end's month
  and year when it does not write its own ("т.г."/"с. г." are the document's year, as always).
- `recurring`: besides "щомісяця"/"ежеквартально", a date that comes back every year ("до 20
  грудня кожного року", "до 1 сентября каждого года") — no single `due`.
A single start day ("Відновити з 14.03.2005 р. …") counts as a `date` only when the clause says
nothing better, and never in an entry-into-force clause ("распространяется на правоотношения,
возникшие с 1 января 2011 года").
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta

from sitegen.model import Deadline, DeadlineKind

# --- Vocabulary -------------------------------------------------------------------------------

_UK = "(?:ень|ня|ні|ню|нем)"  # січень, січня, січні, січню, січнем
_RU = "(?:ь|я|е|ю|ем|ём)"  # январь, января, январе, январю, январём
_RU_HARD = "(?:а|е|у|ом)?"  # март, марта, марте, марту, мартом

# One entry per month, January first: Ukrainian and Russian forms in every grammatical case.
_MONTH_FORMS: tuple[str, ...] = (
    f"січ{_UK}|январ{_RU}",
    f"лют(?:ий|ого|ому|ім|им)|феврал{_RU}",
    f"берез{_UK}|март{_RU_HARD}",
    f"квіт{_UK}|апрел{_RU}",
    f"трав{_UK}|ма(?:й|я|е|ю|ем)",
    f"черв{_UK}|июн{_RU}",
    f"лип{_UK}|июл{_RU}",
    f"серп{_UK}|август{_RU_HARD}",
    f"верес{_UK}|сентябр{_RU}",
    f"жовт{_UK}|октябр{_RU}",
    f"листопад(?:а|і|у|ом)?|ноябр{_RU}",
    f"груд{_UK}|декабр{_RU}",
)
_MONTH_RES = tuple(re.compile(forms, re.I) for forms in _MONTH_FORMS)
_MONTH_ANY = "(?:" + "|".join(_MONTH_FORMS) + ")"
_MONTH = f"(?P<month>{_MONTH_ANY})"

# Prepositions by what they do to a period: "до вересня" ends before September begins (before),
# "до кінця вересня" / "протягом вересня" / "у вересні" allow all of it.
_PREPS: tuple[tuple[str, str], ...] = (
    (
        "end",
        r"до\s+(?:кінця|конца|закінчення|окончания)|не\s+(?:пізніше(?:\s+ніж)?|позднее|позже)|по",
    ),
    (
        "during",
        r"протягом|впродовж|упродовж|на\s+(?:протязі|протяжении)|в\s+(?:течение|продолжение)",
    ),
    ("before", r"(?:в|у)\s+(?:срок|строк|термін)\s+до|до|к|ко"),
    ("in", r"у|в|во"),
)
_PREP = "|".join(f"(?P<{name}>{regex})" for name, regex in _PREPS)
_ANY_PREP = frozenset({None, "end", "during", "before", "in"})
_SOME_PREP = frozenset({"end", "during", "before", "in"})
_SPAN_PREP = frozenset({"end", "during"})  # "протягом 2020 року", never "у 2024 г." in a story

_END = r"(?!(?<=\w)\w)"  # a phrase never ends inside a word ("травня", not "травнями")
_YEAR_WORD = rf"(?:рок(?:у|ом)|рік|році|р\.|р|год(?:а|у|ом)?|г\.|г){_END}"
_CURRENT = (
    r"т\.\s*р\.?|т\.\s*г\.?|с\.\s*г\.?"
    r"|(?:поточного|цього|текущего|этого|сего)\s+(?:року|года)"
)
_YEARSPEC = rf"(?:(?P<year>(?:19|20)\d\d)(?!\d)(?:\s*{_YEAR_WORD})?|(?P<cur>{_CURRENT}))"
_ORD = (
    r"(?P<ord>ІІІ|ІV|ІІ|І|[1-4](?:-?(?:й|го|му|ий|ого|ому))?"
    r"|(?:перш|перв|друг|втор|трет|четв)\w*)"
)
_ORDINALS = (  # roman, digit, word stems
    ("і", "1", "перш", "перв"),
    ("іі", "2", "друг", "втор"),
    ("ііі", "3", "трет"),
    ("іv", "4", "четв"),
)
_SCHOOL_WORDS = (
    r"(?:н\.\s*р\.?|н/р|навч(?:\.|альн(?:ий|ого|ому))\s*р(?:оку|оці|ік|\.)?"
    r"|уч(?:\.|ебн(?:ый|ого|ом))\s*г(?:ода|оду|од|\.)?)"
)
_SCHOOL_YEAR = (
    r"(?:(?:поточного|цього|текущего|этого)\s+)?"
    r"(?:(?P<y1>(?:19|20)\d\d)\s*[/–—-]\s*(?P<y2>(?:19|20)?\d\d)(?!\d)"
    rf"(?!\s*(?:ро[кц]|рр|гг|год(?:ы|ах|ов)))(?:\s*{_SCHOOL_WORDS})?|{_SCHOOL_WORDS})"
)
_PERMANENT = (
    r"постійно(?!\s+діюч)|постоянно(?!\s+действующ)|систематично"
    r"|на\s+постійній\s+основі|на\s+постоянной\s+основе"
)
_RECURRING = (
    r"(?:до\s+\d{1,2}(?:-?(?:го|е))?\s+\w+\s+)?(?:кожного|каждого)\s+"
    r"(?:року|года|місяця|месяца|кварталу|квартала|тижня|недели)"
    r"|щомісяця|щомісячно|щокварталу|щоквартально|щороку|щорічно|щотижня|щотижнево|щодня"
    r"|щоденно|щопівроку|щосеместру|ежемесячно|ежеквартально|ежегодно|еженедельно|ежедневно"
)
_OPEN = (
    r"невідкладно|негайно|терміново|незамедлительно|немедленно|срочно"
    r"|у\s+встановлені\s+(?:терміни|строки)|в\s+установленные\s+сроки"
    r"|за\s+окремим\s+(?:планом|графіком)|по\s+отдельному\s+(?:плану|графику)"
)
_LABEL = (
    r"термін(?:\s+виконання)?|строк(?:\s+виконання)?"
    r"|срок(?:\s+(?:исполнения|выполнения))?|дата\s+виконання"
)
_LABELLED = re.compile(
    rf"[\s*_]*(?:{_LABEL})(?!\w)[\s*_]*(?:[:–—-][\s*_]*)?(?P<value>[^\s:–—-].*?)\s*", re.I
)
_INLINE_LABEL = re.compile(rf"(?<!\w)(?:{_LABEL})\s*[:–—-]\s*", re.I)
# A cited act ("від 21.08.2019 № 779") is not a deadline. A start ("з 14.03.2005 р.") is the day
# the action happens only when nothing better is said, and never in an entry-into-force clause.
_CITED_BEFORE = re.compile(r"(?<!\w)(?:від|от|of|from|після|после)\s*$", re.I)
_START_BEFORE = re.compile(r"(?<!\w)(?:з|із|зі|с|со)\s*$", re.I)
_LEGAL_FORCE = re.compile(
    r"вступа\w*\s+в\s+силу|набира\w*\s+чинност|набуває\s+чинност|распростран\w*\s+на\s+право"
    r"|поширю\w*\s+на\s+право|застосову\w*\s+з|применя\w*\s+с",
    re.I,
)
_CITED_AFTER = re.compile(r"\s*(?:№|N\s*\d|No\.?\s*\d)", re.I)
_DAY_OF_MONTH = re.compile(
    r"(?:до|не\s+пізніше|не\s+позднее|к)\s+\d{1,2}(?:-?(?:го|е))?\s+числа", re.I
)
_DAY = timedelta(days=1)

# --- Resolvers: one per phrase shape -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a phrase is resolved against; `prep` is the class of its preposition, if any."""

    document_date: date | None
    school_year_end: tuple[int, int]
    prep: str | None


_Found = tuple[DeadlineKind, date | None] | tuple[DeadlineKind, date | None, date | None]
_Resolver = Callable[[re.Match[str], _Ctx], _Found]
_Bounds = Callable[[int], tuple[date, date]]


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _month(word: str) -> int:
    return next(n for n, regex in enumerate(_MONTH_RES, 1) if regex.fullmatch(word))


def _ordinal(token: str) -> int:
    token = token.lower()
    for n, (roman, digit, *stems) in enumerate(_ORDINALS, 1):
        if token in (roman, digit) or token[0] == digit or token.startswith(tuple(stems)):
            return n
    raise ValueError(token)


def _year(m: re.Match[str], ctx: _Ctx) -> int | None:
    """The year written in the phrase; "т.р." and "поточного року" mean the document's year."""
    groups = m.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
        return year + 2000 if year < 100 else year
    if groups.get("cur") and ctx.document_date:
        return ctx.document_date.year
    return None


def _due(bounds: _Bounds, year: int | None, exclusive: bool, doc: date | None) -> date | None:
    """Last allowed day; without a year, the first period whose deadline is not before `doc`."""

    def pick(y: int) -> date:
        start, end = bounds(y)
        return start - _DAY if exclusive else end

    if year is not None:
        return pick(year)
    if doc is None:
        return None
    for y in (doc.year - 1, doc.year, doc.year + 1):
        with suppress(ValueError):  # "29 лютого" exists only in some years
            if (due := pick(y)) >= doc:
                return due
    return None


def _numeric_date(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    return DeadlineKind.DATE, date(_year(m, ctx) or 0, int(m["mon"]), int(m["day"]))


def _word_date(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    month, day = _month(m["month"]), int(m["day"])
    date(2000, month, day)  # a leap year: rejects "31 лютого" even when the year is unknown
    due = _due(lambda y: (date(y, month, day),) * 2, _year(m, ctx), False, ctx.document_date)
    return DeadlineKind.DATE, due


def _month_phrase(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    month = _month(m["month"])
    bounds: _Bounds = lambda y: (date(y, month, 1), _month_end(y, month))  # noqa: E731
    due = _due(bounds, _year(m, ctx), ctx.prep == "before", ctx.document_date)
    return DeadlineKind.MONTH, due


def _quarter(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    q = _ordinal(m["ord"])
    bounds: _Bounds = lambda y: (date(y, 3 * q - 2, 1), _month_end(y, 3 * q))  # noqa: E731
    due = _due(bounds, _year(m, ctx), ctx.prep == "before", ctx.document_date)
    return DeadlineKind.QUARTER, due


def _first_year(m: re.Match[str]) -> int | None:
    """2020 for "2020/2021" or "2020-21"; a range that is not one school year is rejected."""
    if not m["y1"]:
        return None
    first, second = int(m["y1"]), int(m["y2"])
    if second < 100:
        second += first // 100 * 100
    if second != first + 1:
        raise ValueError(m.group())
    return first


def _semester(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    n, (end_month, end_day) = _ordinal(m["ord"]), ctx.school_year_end
    if n > 2:
        raise ValueError(m.group())
    bounds: _Bounds
    if m["year"] or m["cur"]:  # a half of a calendar year: "І півріччя 2020 року"
        year = _year(m, ctx)
        bounds = lambda y: (date(y, 6 * n - 5, 1), _month_end(y, 6 * n))  # noqa: E731
    elif n == 1:  # keyed by the school year's first calendar year
        year = _first_year(m)
        bounds = lambda y: (date(y, 9, 1), date(y, 12, 31))  # noqa: E731
    else:
        year = _first_year(m)
        bounds = lambda y: (date(y + 1, 1, 1), date(y + 1, end_month, end_day))  # noqa: E731
    return DeadlineKind.TERM, _due(bounds, year, ctx.prep == "before", ctx.document_date)


def _school_quarter(m: re.Match[str], ctx: _Ctx) -> _Found:
    """'у ІІ чверті 1996/1997 навчального року': a quarter of the school year (Sep–Oct,
    Nov–Dec, Jan–Mar, Apr–the school year's end), keyed by the school year's first year."""
    n, (end_month, end_day) = _ordinal(m["ord"]), ctx.school_year_end
    spans = ((0, 9, 0, 10, 31), (0, 11, 0, 12, 31), (1, 1, 1, 3, 31), (1, 4, 1, end_month, end_day))
    first_shift, first_month, last_shift, last_month, last_day = spans[n - 1]
    bounds: _Bounds = lambda y: (  # noqa: E731
        date(y + first_shift, first_month, 1),
        date(y + last_shift, last_month, last_day),
    )
    return DeadlineKind.TERM, _due(bounds, _first_year(m), ctx.prep == "before", ctx.document_date)


def _school_year(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    if ctx.prep == "before":  # "до 2020/2021 н.р.": when the year starts is not ours to guess
        raise ValueError(m.group())
    end_month, end_day = ctx.school_year_end
    bounds: _Bounds = lambda y: (date(y, 9, 1), date(y + 1, end_month, end_day))  # noqa: E731
    return DeadlineKind.TERM, _due(bounds, _first_year(m), False, ctx.document_date)


def _year_phrase(m: re.Match[str], ctx: _Ctx) -> tuple[DeadlineKind, date | None]:
    if m["bare"]:  # "протягом року", "до кінця року": the document's year
        if ctx.prep not in _SPAN_PREP:
            raise ValueError(m.group())
        year = ctx.document_date.year if ctx.document_date else None
    else:
        year = _year(m, ctx)
    if year is None:
        return DeadlineKind.YEAR, None
    return DeadlineKind.YEAR, date(year - 1, 12, 31) if ctx.prep == "before" else date(year, 12, 31)


def _range(m: re.Match[str], ctx: _Ctx) -> _Found:
    """'з 12.03.2020 по 03.04.2020', 'с 5 по 11 ноября 2007 года': the start takes the end's
    month and year unless it names its own; a start after the end is an error, not a range."""
    groups = m.groupdict()
    month = int(groups["mon"]) if groups.get("mon") else _month(m["month"])
    day = int(m["day"])
    date(2000, month, day)
    due = _due(lambda y: (date(y, month, day),) * 2, _year(m, ctx), False, ctx.document_date)
    if due is None:
        return DeadlineKind.RANGE, None, None
    if groups.get("m1"):
        first_month = int(groups["m1"])
    else:
        first_month = _month(groups["m1w"]) if groups.get("m1w") else month
    first_year = int(m["y1"]) if m["y1"] else due.year
    start = date(first_year, first_month, int(m["d1"]))
    if start > due and not m["y1"]:
        start = date(first_year - 1, first_month, int(m["d1"]))
    if start > due:
        raise ValueError(m.group())
    return DeadlineKind.RANGE, due, start


# --- Shapes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Shape:
    """One phrase shape; in running text it counts only after one of `find_preps`."""

    pattern: re.Pattern[str]
    resolve: _Resolver
    find_preps: frozenset[str | None]
    rank: int  # in running text the highest rank wins; dated shapes gain one with a preposition
    dated: bool = True


def _shape(body: str, resolve: _Resolver, preps: frozenset[str | None], rank: int = 2) -> _Shape:
    pattern = re.compile(rf"(?<![\w.])(?:(?:{_PREP})\s+)?(?:{body}){_END}", re.I)
    return _Shape(pattern, resolve, preps, rank)


def _words(body: str, kind: DeadlineKind, rank: int) -> _Shape:
    pattern = re.compile(rf"(?<![\w.])(?:{body}){_END}", re.I)
    return _Shape(pattern, lambda m, ctx: (kind, None), frozenset({None}), rank, dated=False)


def _span(body: str) -> _Shape:
    """A range "з … по …" carries its own preposition, so it needs none before it."""
    start = r"(?:(?:в|у)\s+(?:період|период)\s+)?(?:з|із|зі|с|со)\s+"
    pattern = re.compile(rf"(?<![\w.])(?:{start}{body}){_END}", re.I)
    return _Shape(pattern, _range, frozenset({None}), 3)


_DAY_ORD = r"(?:-?(?:го|е))?"
_RECURRING_SHAPE = _words(_RECURRING, DeadlineKind.RECURRING, 4)
_SHAPES: tuple[_Shape, ...] = (
    _span(
        rf"(?P<d1>\d{{1,2}})\.(?P<m1>\d{{1,2}})(?:\.(?P<y1>(?:19|20)\d\d))?\.?(?:\s*{_YEAR_WORD})?"
        r"\s+по\s+(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?!\d)"
        rf"(?:\s*{_YEAR_WORD})?"
    ),
    _span(
        rf"(?P<d1>\d{{1,2}}){_DAY_ORD}(?:\s*(?P<m1w>{_MONTH_ANY})(?:\s*(?P<y1>(?:19|20)\d\d)"
        rf"(?:\s*{_YEAR_WORD})?)?)?\s+по\s+(?P<day>\d{{1,2}}){_DAY_ORD}\s*{_MONTH}"
        rf"(?:\s*{_YEARSPEC})?"
    ),
    _shape(
        r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\."
        rf"(?P<year>(?:19|20)\d\d(?!\d)|\d\d(?=\s*[рг]\.?{_END}))(?:\s*{_YEAR_WORD})?",
        _numeric_date,
        _ANY_PREP,
    ),
    _shape(
        rf"(?P<day>\d{{1,2}})(?:-?(?:го|е))?\s*{_MONTH}(?:\s*{_YEARSPEC})?", _word_date, _ANY_PREP
    ),
    _shape(rf"(?:{_MONTH_ANY}\s*[-–—]\s*)?{_MONTH}(?:\s*{_YEARSPEC})?", _month_phrase, _SOME_PREP),
    _shape(
        rf"{_ORD}\s*(?:квартал(?:у|і|а|е|ом)?|кв\.(?=\s*(?:19|20)\d\d))(?:\s*{_YEARSPEC})?",
        _quarter,
        _SOME_PREP,
    ),
    _shape(
        rf"{_ORD}\s*(?:семестр(?:у|і|а|е|ом)?|півріч(?:чя|чі)|полугоди(?:е|я|и|ю|ем))"
        rf"(?:\s*(?:{_SCHOOL_YEAR}|{_YEARSPEC}))?",
        _semester,
        _SOME_PREP,
    ),
    _shape(
        rf"{_ORD}(?:\s*[-–]\s*(?:й|а))?\s*(?:чверт(?:ь|і|ю)|четверт(?:ь|и|ью))(?:\s*{_SCHOOL_YEAR})?",
        _school_quarter,
        _SOME_PREP,
    ),
    _shape(_SCHOOL_YEAR, _school_year, _SPAN_PREP),
    _shape(
        r"(?<![/–—-])(?<![/–—-]\s)(?P<year>(?:19|20)\d\d)(?!\d|\s?[/–—-]\s?\d)"
        rf"(?:\s*{_YEAR_WORD})?|(?P<cur>{_CURRENT})|(?P<bare>рік|року|года|году|год)",
        _year_phrase,
        _SPAN_PREP,
    ),
    _RECURRING_SHAPE,
    _words(_PERMANENT, DeadlineKind.PERMANENT, 1),
    _words(_OPEN, DeadlineKind.NONE, 0),
)

# --- Public API -------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Same-length spelling fold: Latin i/I typed for Ukrainian і/І, ё for е."""
    return text.replace("i", "і").replace("I", "І").replace("ё", "е").replace("Ё", "Е")


def _prep(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    return next((name for name, _ in _PREPS if groups.get(name)), None)


def _resolve(
    shape: _Shape, m: re.Match[str], doc: date | None, school_year_end: tuple[int, int]
) -> _Found | None:
    try:
        return shape.resolve(m, _Ctx(doc, school_year_end, _prep(m)))
    except ValueError:  # impossible date, reversed range, unsupported preposition
        return None


_ABBREVIATION_END = re.compile(r"(?:\b|\d)(?:рр?|гг?|н\.\s?р|уч\.\s?г|т\.\s?г|с\.\s?г)\.$", re.I)


def _as_written(phrase: str) -> str:
    """The phrase without surrounding spaces and sentence punctuation, but keeping the dot of
    an abbreviation ("Квітень 2020 р.", "2020/2021 н.р.") that is part of how it was written."""
    text = phrase.strip().rstrip(";,").rstrip()
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1].rstrip()
    return text


@functools.lru_cache(maxsize=1 << 14)
def labelled_phrase(line: str) -> str | None:
    """'Термін: квітень 2020 р.' -> 'квітень 2020 р.'; None when the line has no deadline label.

    Deadlines often sit on their own line after a label, so the label is cut off here and the
    value handed to `parse_deadline` as it was written.
    """
    text = line.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    match = _LABELLED.fullmatch(_fold(text))
    return text[match.start("value") : match.end("value")] if match else None


@functools.lru_cache(maxsize=1 << 14)
def parse_deadline(
    phrase: str, document_date: date | None, *, school_year_end: tuple[int, int] = (6, 30)
) -> Deadline | None:
    """A whole short line that IS a deadline ('Постійно', 'До березня 2021р.', '15.05.2020').

    None when the line is anything more than a deadline phrase, so ordinary sentences are
    never mistaken for one. `text` keeps the spelling, without surrounding spaces and '.;,'.
    Kept per phrase and date: archives repeat their deadline lines ("Постійно", "До 1
    вересня") from clause to clause and document to document.
    """
    text = _as_written(phrase)
    folded = _fold(text)
    for shape in _SHAPES:
        if (m := shape.pattern.fullmatch(folded)) and (
            found := _resolve(shape, m, document_date, school_year_end)
        ):
            return Deadline(text, *found)
    # "Щомісяця до 5 числа", "Щороку до 1 вересня": the recurrence is what matters.
    if recurring := _RECURRING_SHAPE.pattern.search(folded):
        rest = (folded[: recurring.start()] + " " + folded[recurring.end() :]).strip(" ,;()")
        if not rest or _DAY_OF_MONTH.fullmatch(rest) or parse_deadline(rest, None):
            return Deadline(text, DeadlineKind.RECURRING)
    return None


def find_deadline(
    text: str, document_date: date | None, *, school_year_end: tuple[int, int] = (6, 30)
) -> Deadline | None:
    """The deadline phrase inside a clause's running text, or None.

    Running text also holds cited acts, programme names and past events, so only phrases that
    a deadline preposition introduces count (bare dates too, unless an act is cited). Preference:
    an inline label, a recurrence, the last phrase with a preposition, the last bare date, then
    "постійно" and open phrases like "невідкладно".
    """
    folded = _fold(text)
    matches = sorted(
        ((shape, m) for shape in _SHAPES for m in shape.pattern.finditer(folded)),
        key=lambda found: (found[1].start(), found[1].start() - found[1].end()),
    )
    best: tuple[float, int, Deadline] | None = None
    covered = -1
    for shape, m in matches:
        if m.start() < covered:  # the longest phrase at a place wins, even when it is rejected
            continue
        covered, prep = m.end(), _prep(m)
        if prep not in shape.find_preps or (shape.dated and _CITED_AFTER.match(folded, m.end())):
            continue
        begin, rank = m.start(), shape.rank + (1 if shape.dated and prep else 0)
        if shape.dated and prep is None and _CITED_BEFORE.search(folded, 0, m.start()):
            continue
        if shape.dated and prep is None and (start := _START_BEFORE.search(folded, 0, begin)):
            if _LEGAL_FORCE.search(folded) or shape.resolve not in (_numeric_date, _word_date):
                continue
            begin, rank = start.start(), 0.5  # below "постійно": a start day is a weak deadline
        if found := _resolve(shape, m, document_date, school_year_end):
            phrase = _as_written(text[begin : m.end()])
            candidate = (rank, begin, Deadline(phrase, *found))
            best = max(best or candidate, candidate, key=lambda c: c[:2])
    for label in _INLINE_LABEL.finditer(folded):  # "… (термін – до 01.06.2020)": the last wins
        found_at = [
            (m, found)
            for shape in _SHAPES
            if (m := shape.pattern.match(folded, label.end()))
            and (found := _resolve(shape, m, document_date, school_year_end))
        ]
        if found_at:
            m, found = max(found_at, key=lambda pair: pair[0].end())
            best = (9, m.start(), Deadline(_as_written(text[m.start() : m.end()]), *found))
    return best[2] if best else None
