"""Body structure: the seven addressee-heading shapes of the seeds, clause numbering and anchors,
non-task parts (formula, acknowledge, control, signatures), and sub-items."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.model import AddresseeName, ClauseRole
from sitegen.parse.structure import parse_structure

DIRECTORS = AddresseeName("Директори навчальних закладів")
CENTRE = AddresseeName("Міський методичний центр")


def structure(body: str, *addressees: AddresseeName, lang: str = "uk", day=date(2020, 3, 4)):
    result, problems = parse_structure(body, 10, "r.md", addressees, lang, day)
    return result, problems


@pytest.mark.parametrize(
    ("heading", "addressee", "lang"),
    [
        ("ІІ. Директорам навчальних закладів:", DIRECTORS, "uk"),
        ("2. Директорам навчальних закладів:", DIRECTORS, "uk"),
        ("3. Міському методичному центру (завідувач Герасим Н.П.)", CENTRE, "uk"),
        (
            "органам местного самоуправления, осуществляющим управление в сфере образования:",
            AddresseeName(
                "Органы местного самоуправления, осуществляющие управление в сфере образования"
            ),
            "ru",
        ),
        (
            "ГАУ ДПОС «Смоленский областной институт развития образования»:",
            AddresseeName("ГАУ ДПОС «Смоленский областной институт развития образования»"),
            "ru",
        ),
        (
            "**Костанайскому государственному педагогическому институту:**",
            AddresseeName("Костанайский государственный педагогический институт"),
            "ru",
        ),
        ("### **Школам Костанайской области:**", AddresseeName("Школы Костанайской области"), "ru"),
    ],
)
def test_heading_shapes_match_the_nominative_name(heading, addressee, lang):
    body = f"Учасники рекомендують:\n\n{heading}\n\n1. Зробити перше.\n\n2. Зробити друге.\n"
    result, problems = structure(body, addressee, lang=lang)
    assert problems == []
    (section,) = result.sections
    assert section.addressee == addressee.name
    assert [c.addressee for c in result.clauses] == [addressee.name] * 2


def test_run_in_heading_starts_a_section_with_its_clause():
    name = AddresseeName("Организационный комитет семинара")
    body = "**Организационному комитету семинара:** разместить текст на сайте.\n"
    result, problems = structure(body, name, lang="ru")
    assert problems == []
    (clause,) = result.clauses
    assert clause.addressee == name.name
    assert clause.text == "разместить текст на сайте."
    assert clause.number == "1.1" and clause.anchor == "clause-1-1"


def test_remark_in_parentheses_is_the_sections_responsible_person():
    body = "3. Міському методичному центру (завідувач Герасим Н.П.)\n3.1. Провести семінар.\n"
    result, _ = structure(body, CENTRE)
    (section,) = result.sections
    assert section.number == "3" and section.responsible == "Герасим Н.П."
    (clause,) = result.clauses
    assert (clause.number, clause.anchor, clause.responsible) == (
        "3.1",
        "clause-3-1",
        "Герасим Н.П.",
    )


def test_own_numbers_kept_and_deadline_lines_attached():
    body = (
        "КОЛЕГІЯ УХВАЛЮЄ:\n\n2. Директорам навчальних закладів:\n\n"
        "2.1. Контролювати роботу.\nПостійно\n\n2.2. Провести семінар.\n\nКвітень 2020 р.\n"
    )
    result, problems = structure(body, DIRECTORS)
    assert problems == []
    assert result.formula == "КОЛЕГІЯ УХВАЛЮЄ:"
    assert [(c.number, c.deadline.kind, c.deadline.due) for c in result.clauses] == [
        ("2.1", "permanent", None),
        ("2.2", "month", date(2020, 4, 30)),
    ]


def test_unnumbered_paragraphs_are_numbered_by_section_position():
    body = (
        "Директорам навчальних закладів:\n\nПерше.\n\nДруге.\n\n"
        "Міському методичному центру:\n\nТретє.\n"
    )
    result, _ = structure(body, DIRECTORS, CENTRE)
    assert [c.number for c in result.clauses] == ["1.1", "1.2", "2.1"]


def test_numbers_restarting_per_section_get_unique_anchors():
    body = (
        "Директорам навчальних закладів:\n\n1. Перше.\n\n2. Друге.\n\n"
        "Міському методичному центру:\n\n1. Третє.\n\n2. Четверте.\n"
    )
    result, problems = structure(body, DIRECTORS, CENTRE)
    assert problems == []
    assert [c.number for c in result.clauses] == ["1", "2", "1", "2"]
    assert [c.anchor for c in result.clauses] == [
        "clause-1-1",
        "clause-1-2",
        "clause-2-1",
        "clause-2-2",
    ]


def test_bulleted_sub_items_stay_inside_their_clause():
    body = (
        "Директорам навчальних закладів:\n\n1. Розвивати партнерство через:\n\n"
        "- обмін;\n- семінари.\n\n2. Далі.\n"
    )
    result, _ = structure(body, DIRECTORS)
    first, second = result.clauses
    assert "<li>обмін;</li>" in first.html and "<li>семінари.</li>" in first.html
    assert second.number == "2"


def test_acknowledge_control_and_signatures_are_not_tasks():
    body = (
        "КОЛЕГІЯ УХВАЛЮЄ:\n1. Довідку взяти до відома.\n"
        "2. Директорам навчальних закладів:\n2.1. Зробити.\n"
        "3. Контроль за виконанням рішення покласти на заступника начальника Кузьміну О.Л.\n"
        "Голова колегії,\n\nначальник управління освіти С.В. Мартинюк\n"
    )
    result, _ = structure(body, DIRECTORS)
    roles = [(c.number, c.role, c.addressee) for c in result.clauses]
    assert roles == [
        ("1", ClauseRole.ACKNOWLEDGE, None),
        ("2.1", ClauseRole.TASK, DIRECTORS.name),
        ("3", ClauseRole.CONTROL, None),
    ]
    assert result.signatures == ("Голова колегії,", "начальник управління освіти С.В. Мартинюк")
    assert result.control_text.endswith("Кузьміну О.Л.")


def test_explicit_deadline_attribute_wins_and_is_removed_from_the_text():
    body = (
        "Директорам навчальних закладів:\n\n"
        "1. Подати звіт до 1 травня 2020 р. {deadline=2020-05-31}\n"
    )
    result, _ = structure(body, DIRECTORS)
    (clause,) = result.clauses
    assert clause.deadline.due == date(2020, 5, 31)
    assert "{deadline" not in clause.text and "{deadline" not in clause.html


def test_labelled_deadline_line_and_responsible_line():
    body = (
        "Директорам навчальних закладів:\n\n1. Подати звіт.\nТермін: 15.05.2020\n"
        "Відповідальний: Іваненко П.П.\n"
    )
    result, problems = structure(body, DIRECTORS)
    (clause,) = result.clauses
    assert problems == []
    assert (clause.deadline.kind, clause.deadline.due) == ("date", date(2020, 5, 15))
    assert clause.responsible == "Іваненко П.П."
    assert clause.text == "Подати звіт."


def test_trailing_formula_in_the_preamble_is_split_off():
    body = (
        "Участники семинара по итогам совместного обсуждения и обмена опытом *рекомендуют:*"
        "\n\nУчителям:\n\n1. Читать.\n"
    )
    result, _ = structure(body, AddresseeName("Учителя"), lang="ru")
    assert result.formula == "рекомендуют:"
    assert "рекомендуют" not in result.preamble_html
    assert result.preamble_html.count("<em>") == result.preamble_html.count("</em>")


# -- addressees named inside a clause ("Виконавці:"), written by `sitegen import` -----------

OFFICE = AddresseeName("Управління освіти", ("Управлінню освіти",))


def test_an_executors_line_makes_the_clause_carry_its_addressees_and_people():
    body = (
        "НАКАЗУЮ:\n\n"
        "1. Управлінню освіти (Купріяненко В. П.) та методичному центру розробити план.\n"
        "Виконавці: Управління освіти (Купріяненко В.П.); Міський методичний центр\n"
        "Квітень 2020 р.\n"
    )
    result, problems = structure(body, OFFICE, CENTRE)
    assert problems == []
    (clause,) = result.clauses
    assert (clause.addressee, clause.addressees) == (OFFICE.name, (OFFICE.name, CENTRE.name))
    assert clause.responsible == "Купріяненко В.П."
    assert "Виконавці" not in clause.text and clause.deadline.due == date(2020, 4, 30)


def test_an_executor_that_is_not_declared_is_a_warning():
    body = "НАКАЗУЮ:\n\n1. Провести семінар.\nВиконавці: Відділ культури\n"
    result, problems = structure(body, OFFICE)
    assert [p.code for p in problems] == ["addressee.unknown"]
    assert result.clauses[0].addressee is None


def test_an_executors_line_overrides_the_section_addressee():
    body = (
        "2. Директорам навчальних закладів:\n\n2.1. Провести нараду.\n\n"
        "2.2. Управлінню освіти узагальнити звіти.\nВиконавці: Управління освіти\n"
    )
    result, _ = structure(body, DIRECTORS, OFFICE)
    assert [c.addressee for c in result.clauses] == [DIRECTORS.name, OFFICE.name]


def test_an_instruction_ending_in_a_colon_is_a_clause_not_a_heading():
    body = "ПРИКАЗЫВАЮ:\n\n3. Утвердить:\n\n3.1. положение о конкурсе;\n\n3.2. состав жюри.\n"
    result, problems = structure(body, lang="ru")
    assert problems == [] and result.sections == ()
    assert [c.number for c in result.clauses] == ["3", "3.1", "3.2"]


def test_unnumbered_clauses_after_a_preamble_ending_in_a_colon():
    body = (
        "У зв'язку із зниженням захворюваності, керуючись статтею 42 Закону України:\n\n"
        "Відновити навчальний процес.\n\nКонтроль за виконанням покласти на заступника.\n"
    )
    result, _ = structure(body)
    assert [c.role for c in result.clauses] == [ClauseRole.TASK, ClauseRole.CONTROL]


def test_control_without_a_preposition_is_still_the_control_clause():
    body = (
        "решила:\n\n1. Принять к сведению.\n\n"
        "2. Контроль исполнения настоящего Решения возложить на комиссию.\n"
    )
    result, _ = structure(body, lang="ru")
    assert result.clauses[-1].role is ClauseRole.CONTROL
