"""Deadline phrases: every case of tests/fixtures/deadlines.txt, plus the label and edge rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sitegen.model import Deadline, DeadlineKind
from sitegen.parse.deadlines import find_deadline, labelled_phrase, parse_deadline

FIXTURE = Path(__file__).parent.parent / "fixtures" / "deadlines.txt"


@dataclass(frozen=True)
class Case:
    """One fixture line; `kind` None means the phrase must not be read as a deadline."""

    line: int
    function: str
    document_date: date | None
    kind: DeadlineKind | None
    due: date | None
    phrase: str
    text: str | None


def _date(field: str) -> date | None:
    return None if field == "-" else date.fromisoformat(field)


def load_cases(path: Path = FIXTURE) -> list[Case]:
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        function, doc, kind, due, phrase, *text = raw.split(" | ")
        assert function.strip() in {"parse", "find", "label"}, f"line {number}: {function!r}"
        cases.append(
            Case(
                line=number,
                function=function.strip(),
                document_date=_date(doc.strip()),
                kind=None if kind.strip() == "None" else DeadlineKind(kind.strip()),
                due=_date(due.strip()),
                phrase=phrase,
                text=text[0] if text else None,
            )
        )
    return cases


CASES = load_cases()


def run(case: Case) -> Deadline | None:
    if case.function == "find":
        return find_deadline(case.phrase, case.document_date)
    phrase = case.phrase
    if case.function == "label":
        value = labelled_phrase(phrase)
        assert value is not None, "the line should carry a deadline label"
        phrase = value
    return parse_deadline(phrase, case.document_date)


@pytest.mark.parametrize("case", CASES, ids=[f"L{c.line}-{c.function}" for c in CASES])
def test_fixture_case(case: Case) -> None:
    found = run(case)
    if case.kind is None:
        assert found is None
        return
    assert found is not None
    assert (found.kind, found.due) == (case.kind, case.due)
    expected_text = case.text
    if expected_text is None and case.function == "parse":
        expected_text = case.phrase.strip()
        if not re.search(r"(р|г|н\.\s?р)\.$", expected_text, re.IGNORECASE):
            expected_text = expected_text.rstrip(".")
    if expected_text is not None:
        assert found.text == expected_text


def test_fixture_is_broad_enough() -> None:
    def count(kind: DeadlineKind | None) -> int:
        return sum(case.kind == kind for case in CASES)

    assert len(CASES) >= 70
    assert count(None) >= 8
    assert all(count(kind) >= 1 for kind in DeadlineKind)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Термін: квітень 2020 р.", "квітень 2020 р."),
        ("термін виконання:  до 15.05.2020", "до 15.05.2020"),
        ("СТРОК: постійно", "постійно"),
        ("Строк виконання - щомісяця", "щомісяця"),
        ("Срок исполнения – до 1 октября 2015 г.", "до 1 октября 2015 г."),
        ("Срок выполнения: 2020 год", "2020 год"),
        ("Срок: в течение года", "в течение года"),
        ("Дата виконання: 01.09.2020", "01.09.2020"),
        ("**Термін:** травень 2020 р.", "травень 2020 р."),
        ("(Термін – І квартал 2021 р.)", "І квартал 2021 р."),
        ("Термiн: травень", "травень"),  # Latin i typed for Ukrainian і
    ],
)
def test_labelled_phrase(line: str, value: str) -> None:
    assert labelled_phrase(line) == value


@pytest.mark.parametrize(
    "line",
    [
        "Постійно",
        "Терміново підготувати звіт",
        "Строки проведення олімпіад",
        "Термін:",
        "Відповідальний: Іваненко І.І.",
        "",
    ],
)
def test_lines_without_a_label(line: str) -> None:
    assert labelled_phrase(line) is None


def test_school_year_end_is_configurable() -> None:
    found = parse_deadline("2020/2021 н.р.", None, school_year_end=(5, 31))
    assert found == Deadline("2020/2021 н.р.", DeadlineKind.TERM, date(2021, 5, 31))


def test_reversed_or_multi_year_ranges_are_not_school_years() -> None:
    assert parse_deadline("2021/2020 н.р.", None) is None
    assert parse_deadline("2016-2020 роки", None) is None


def test_last_prepositional_phrase_wins() -> None:
    text = "У березні 2020 року провести нараду, звіт подати до 15.04.2020."
    found = find_deadline(text, date(2020, 3, 4))
    assert found == Deadline("до 15.04.2020", DeadlineKind.DATE, date(2020, 4, 15))


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("з 12.03.2020 по 03.04.2020", date(2020, 3, 12), date(2020, 4, 3)),
        ("з 12.03 по 03.04.2020 р.", date(2020, 3, 12), date(2020, 4, 3)),
        ("Организовать с 5 по 11 ноября 2007 года лагеря", date(2007, 11, 5), date(2007, 11, 11)),
        ("в период с 25 по 27 августа т.г.", date(2019, 8, 25), date(2019, 8, 27)),
        ("с 28 декабря по 10 января", date(2019, 12, 28), date(2020, 1, 10)),
    ],
)
def test_a_range_carries_its_first_day(text: str, start: date, due: date) -> None:
    found = find_deadline(text, date(2019, 3, 1))
    assert found is not None
    assert (found.kind, found.start, found.due) == (DeadlineKind.RANGE, start, due)


def test_a_range_that_ends_before_it_starts_is_not_a_range() -> None:
    found = parse_deadline("з 12.04.2020 по 03.04.2020", None)
    assert found is None or found.kind is not DeadlineKind.RANGE
