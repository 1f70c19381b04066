"""Plain text as real documents come: the messy shapes the corpus showed, one test each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitegen.importers.decode import decode
from sitegen.importers.document import ImportedDocument, Role
from sitegen.importers.roundtrip import differences
from sitegen.importers.text import read_text
from sitegen.importers.write import render
from sitegen.model import DeadlineKind

FIXTURES = Path(__file__).parent / "fixtures"


def read(text: str) -> ImportedDocument:
    document = read_text(text, "test.txt")
    assert differences(document, render(document)) == []  # what was found is what is shown
    return document


def numbers(document: ImportedDocument) -> list[str | None]:
    return [a.point.number for a in document.assigned()]


def deadline(document: ImportedDocument, number: str) -> tuple[object, ...] | None:
    point = next(p for p in document.points if p.number == number)
    return (
        (point.deadline.kind, point.deadline.start, point.deadline.due) if point.deadline else None
    )


def test_windows_1251_hard_wrapped_order() -> None:
    decoded = decode((FIXTURES / "nakaz-45-cp1251.txt").read_bytes())
    document = read(decoded.text)
    assert (document.kind, document.number, document.date) == ("наказ", "45", date(2020, 3, 12))
    assert document.title == "Про проведення міського конкурсу «Учитель року – 2020»"
    assert document.body == "Відділ освіти Золочівської міської ради"
    assert document.formula == "НАКАЗУЮ:"  # letter-spaced "Н А К А З У Ю:"
    assert numbers(document) == ["1", "2", "3", "3.1", "3.2", "4"]
    assert deadline(document, "1") == (DeadlineKind.RANGE, date(2020, 3, 12), date(2020, 4, 3))
    assert deadline(document, "3.2") == (DeadlineKind.RECURRING, None, None)
    clause_2 = next(a for a in document.assigned() if a.point.number == "2")
    assert (clause_2.addressee, clause_2.responsible) == ("Управління освіти", "Купріяненко В.П.")
    assert (document.control, document.signed) == ("Сорока Л.С.", "С.В. Мартинюк")


def test_koi8r_page_with_menus_sub_items_and_two_addressees_in_a_clause() -> None:
    decoded = decode((FIXTURES / "prikaz-112-koi8r.txt").read_bytes())
    document = read(decoded.text)
    assert (document.kind, document.number, document.date) == ("приказ", "112", date(2019, 8, 15))
    assert document.title == "Об организованном начале учебного года"
    assert numbers(document) == ["1", "2", "3", "4"]
    clause_2 = next(p for p in document.points if p.number == "2")
    assert clause_2.addressees == ("Администрация МБОУ СОШ N 1", "МБОУ СОШ N 2")
    assert clause_2.responsible == "Нестерюк Е.В., Семушина М.А."
    assert clause_2.subitems == (
        "1) проверить готовность кабинетов;",
        "2) обновить паспорта безопасности.",
    )
    # "Все мероприятия провести до 01 сентября 2019 года." after the sub-items
    assert deadline(document, "2") == (DeadlineKind.DATE, None, date(2019, 9, 1))
    assert deadline(document, "1") == (DeadlineKind.RANGE, date(2019, 8, 25), date(2019, 8, 27))
    assert deadline(document, "3") == (DeadlineKind.DATE, None, date(2019, 11, 1))  # "с. г."
    clause_3 = next(p for p in document.points if p.number == "3")
    assert clause_3.addressees == ("Руководители общеобразовательных учреждений",)  # "Обязать …"
    assert document.control == "Иванова Л.П."
    assert "Карта сайта" not in render(document) and "Главная" not in render(document)


def test_requisites_after_the_body_and_a_title_printed_twice() -> None:
    document = read(
        "г. Энск\n\nОб организации лагерей\n\n"
        "Об организации лагерей В целях оздоровления учащихся: 1. Организовать лагеря с 5 по "
        "11 ноября 2007 года. 2. Контроль за выполнением распоряжения возложить на начальника "
        "отдела образования Л.П. Иванову. Глава администрации города Энск В.И. Петрова\n"
        "Распоряжение\n500\n16 октября 2007 года\n06 ноября 2007 года\nПоделиться\n"
    )
    assert (document.kind, document.number, document.date) == (
        "распоряжение",
        "500",
        date(2007, 10, 16),
    )
    assert document.title == "Об организации лагерей"
    assert numbers(document) == ["1", "2"]
    assert [p.role for p in document.points] == [Role.TASK, Role.CONTROL]
    assert document.signed == "В.И. Петрова"


def test_number_right_aligned_glued_and_letter_spaced_kind() -> None:
    document = read(
        "Р І Ш Е Н Н Я\n\nВід 14.11.19961076\n\nПро харчування учнів\n\n"
        "Розглянувши питання харчування, виконавчий комітет\n\nВ И Р І Ш И В:\n\n"
        "1. Рекомендувати райвиконкомам перераховувати кошти до 1 грудня 1996 року.\n"
    )
    assert (document.kind, document.date, document.number) == (
        "рішення",
        date(1996, 11, 14),
        "1076",
    )
    assert document.addressees[0].name == "Райвиконкоми"
    assert document.addressees[0].written == "райвиконкомам"


def test_unnumbered_clauses_after_a_preamble_that_ends_in_a_colon() -> None:
    document = read(
        "МІСЬКИЙ ГОЛОВА\nРОЗПОРЯДЖЕННЯ\nВід 11.3.2005 р. № 588\n\nПро відновлення занять\n\n"
        "У зв'язку із зниженням захворюваності учнів закладів освіти міста, керуючись статтею 42 "
        'Закону України "Про місцеве самоврядування в Україні":\n\n'
        "Відновити з 14.03.2005 р. навчальний процес у закладах освіти.\n\n"
        "Прес-службі міської ради (Баранник О.Б.) довести розпорядження до відома населення.\n\n"
        "Контроль за виконанням розпорядження покласти на заступника голови Сороку Л.С.\n\n"
        "Міський голова Шумілкін В.А.\n"
    )
    assert numbers(document) == [None, None, None]
    assigned = document.clauses()
    assert assigned[0].point.deadline.due == date(2005, 3, 14)  # a start day, as a date
    assert (assigned[1].addressee, assigned[1].responsible) == (
        "Прес-служба міської ради",
        "Баранник О.Б.",
    )
    assert document.control == "Сорока Л.С."


def test_dash_items_after_the_formula_are_the_clauses_and_headings_own_sub_points() -> None:
    document = read(
        "ПРИКАЗЫВАЮ:\n"
        "1. Руководителям образовательных учреждений:\n"
        "1.1. Провести школьные туры с 01 февраля по 01 марта 2016 г.\n"
        "1.2. Направить учащихся на муниципальный тур 15 марта 2016 г. в 14.00 часов.\n"
        "2. Утвердить:\n"
        "2.1. положение о конкурсе;\n"
        "2.2. состав жюри.\n"
    )
    assert numbers(document) == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert document.points[0].role is Role.HEADING
    assert document.points[3].role is Role.TASK  # "2. Утвердить:" is an instruction
    assert [a.addressee for a in document.assigned()][:3] == [
        "Руководители образовательных учреждений"
    ] * 3


def test_signature_lines_with_table_pipes_and_footers_are_left_out() -> None:
    document = read(
        "НАКАЗ\n№ 79 від 04 лютого 2013 року\nПро утворення комітету\n"
        "Відповідно до положення про конкурс наказую:\n"
        "1. Утворити організаційний комітет.\n"
        "2. Контроль за виконанням цього наказу залишаю за собою.\n"
        "Заступник Міністра Б. М. Жебровський |\nОсвіта.ua |\n04.02.2013\nFacebook |\n"
    )
    assert document.control == "Жебровський Б.М."  # "залишаю за собою" = the signer
    text = render(document)
    assert "Заступник Міністра Б. М. Жебровський" in text
    assert "Facebook" not in text and "|" not in text
