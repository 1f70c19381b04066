"""Case changes with pymorphy3: head noun phrase to the nominative, dependents as written."""

from __future__ import annotations

import pytest

from sitegen.importers.inflect import canonical_name, inflect_phrase
from sitegen.importers.persons import people, signer_person


@pytest.mark.parametrize(
    ("written", "lang", "case", "name"),
    [
        ("Директорам навчальних закладів", "uk", "datv", "Директори навчальних закладів"),
        (
            "Керівникам закладів позашкільної освіти",
            "uk",
            "datv",
            "Керівники закладів позашкільної освіти",
        ),
        ("Міському методичному центру", "uk", "datv", "Міський методичний центр"),
        ("Прес-службі міської ради", "uk", "datv", "Прес-служба міської ради"),
        ("райвиконкомам", "uk", "datv", "Райвиконкоми"),
        (
            'Державному підприємству "Інформаційно-іміджевий центр"',
            "uk",
            "datv",
            'Державне підприємство "Інформаційно-іміджевий центр"',
        ),
        (
            "колегії управління освіти Чернівецької міської ради",
            "uk",
            "gent",
            "Колегія управління освіти Чернівецької міської ради",
        ),
        (
            "органам местного самоуправления, осуществляющим управление в сфере образования",
            "ru",
            "datv",
            "Органы местного самоуправления, осуществляющие управление в сфере образования",
        ),
        (
            "директоров данных муниципальных образовательных учреждений",
            "ru",
            "accs",
            "Директора муниципальных образовательных учреждений",
        ),
        ("начальника отдела образования", "ru", "accs", "Начальник отдела образования"),
        ("Учителям", "ru", "datv", "Учителя"),
        ("Школам Костанайской области", "ru", "datv", "Школы Костанайской области"),
    ],
)
def test_addressee_names_in_the_nominative(written: str, lang: str, case: str, name: str) -> None:
    assert canonical_name(written, lang, case) == name


def test_nominative_to_genitive_for_composed_bodies() -> None:
    assert (
        inflect_phrase("ХАРКІВСЬКА МІСЬКА РАДА", "uk", "nomn", "gent") == "ХАРКІВСЬКОЇ МІСЬКОЇ РАДИ"
    )


def test_a_phrase_that_is_no_noun_phrase_stays_as_written() -> None:
    assert canonical_name("Затвердити положення", "uk") == "Затвердити положення"


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("покласти на заступника міського голови Сороку Л.С.", "uk", ["Сорока Л.С."]),
        (
            "на начальників Чехунова М.В. і освіти та проблем молоді Покроєва А.Г.",
            "uk",
            ["Чехунов М.В.", "Покроєв А.Г."],
        ),
        ("возложить на начальника МКУ Р.Р. Рахманкулова.", "ru", ["Рахманкулов Р.Р."]),
        ("на заместителя Главы Орлову И.В.", "ru", ["Орлова И.В."]),
        ("начальника Управления (Савину Ю.А.).", "ru", ["Савина Ю.А."]),
        ("на комиссию по социальной политике (Москвина Е.А.).", "ru", ["Москвина Е.А."]),
        ("Інституту (Удод О. А.) подати", "uk", ["Удод О.А."]),
    ],
)
def test_people_in_the_nominative(text: str, lang: str, found: list[str]) -> None:
    assert people(text, lang) == found


def test_a_surname_the_dictionary_lacks_is_kept_as_written() -> None:
    assert people("покласти на заступника Кузьміну О.Л.", "uk") == ["Кузьміну О.Л."]


def test_signers_are_written_surname_first() -> None:
    assert signer_person("Б. М. Жебровський", "uk") == "Жебровський Б.М."
    assert signer_person("А.А.ЛАЙПАНОВ", "ru") == "Лайпанов А.А."
