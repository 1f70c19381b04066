"""Word documents made here with python-docx: the numbers Word draws must survive the import."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sitegen.importers.docx import DocxError, docx_text
from sitegen.importers.roundtrip import differences
from sitegen.importers.text import read_text
from sitegen.importers.write import render
from sitegen.model import DeadlineKind

LEVEL = (
    '<w:lvl w:ilvl="{}"><w:start w:val="1"/><w:numFmt w:val="{}"/><w:lvlText w:val="{}"/></w:lvl>'
)
MULTILEVEL = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    + LEVEL.format(0, "decimal", "%1.")
    + LEVEL.format(1, "decimal", "%1.%2.")
    + LEVEL.format(2, "russianLower", "%3)")  # "а)", "б)" as Ukrainian documents number them
    + "</w:abstractNum>"
)


def _numbered(document: docx.document.Document, text: str, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
    )


def _saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def order() -> bytes:
    """An order whose clause numbers exist only in Word's numbering definitions."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for line in ("ВІДДІЛ ОСВІТИ ЗОЛОЧІВСЬКОЇ МІСЬКОЇ РАДИ", "НАКАЗ"):
        document.add_paragraph(line)
    document.add_paragraph("12.03.2020\t\t\t\t\t№ 45")
    document.add_paragraph("Про проведення конкурсу")
    document.add_paragraph("Відповідно до плану роботи відділу освіти на 2020 рік НАКАЗУЮ:")
    _numbered(document, "Провести міський конкурс з 12.03.2020 по 03.04.2020.", 0)
    _numbered(document, "Керівникам закладів загальної середньої освіти:", 0)
    _numbered(document, "Забезпечити участь учнів у конкурсі до 20.03.2020.", 1)
    _numbered(document, "Подати заявки:", 1)
    _numbered(document, "в електронному вигляді;", 2)
    _numbered(document, "у паперовому вигляді.", 2)
    _numbered(document, "Методичному кабінету (Іваненко І.І.) підготувати звіт до 10.04.2020.", 0)
    _numbered(document, "Контроль за виконанням наказу покласти на заступника Петренко О.В.", 0)
    document.add_paragraph("Начальник відділу освіти\t\t\tС.В. Мартинюк")
    return _saved(document)


def test_automatic_numbers_become_the_clause_numbers(order: bytes) -> None:
    text = docx_text(order)
    assert "1. Провести міський конкурс" in text
    assert "2.1. Забезпечити участь" in text and "2.2. Подати заявки:" in text
    assert "а) в електронному вигляді;" in text and "б) у паперовому вигляді." in text
    assert "4. Контроль" in text
    document = read_text(text, "nakaz.docx")
    assert [a.point.number for a in document.assigned()] == ["1", "2", "2.1", "2.2", "3", "4"]
    assert document.points[3].subitems == ("а) в електронному вигляді;", "б) у паперовому вигляді.")
    assert (document.kind, document.number, document.date) == ("наказ", "45", date(2020, 3, 12))
    assert document.points[0].deadline.kind is DeadlineKind.RANGE
    assert differences(document, render(document)) == []


def test_style_numbering_list_number() -> None:
    """The built-in "List Number" style numbers through the style, not the paragraph."""
    document = docx.Document()
    document.add_paragraph("ПРИКАЗ")
    document.add_paragraph("Об итогах олимпиады")
    document.add_paragraph("В соответствии с планом работы ПРИКАЗЫВАЮ:")
    document.add_paragraph("Утвердить итоги олимпиады.", style="List Number")
    document.add_paragraph(
        "Наградить победителей грамотами до 1 мая 2021 года.", style="List Number"
    )
    text = docx_text(_saved(document))
    assert "1. Утвердить итоги олимпиады." in text and "2. Наградить победителей" in text


def test_a_table_of_measures_gives_clauses_with_deadlines_and_people() -> None:
    document = docx.Document()
    document.add_paragraph("НАКАЗУЮ:")
    table = document.add_table(rows=3, cols=4)
    rows = [
        ("№", "Зміст заходу", "Термін", "Відповідальний"),
        ("1.", "Провести нараду директорів", "Квітень 2021 р.", "Іваненко І.І."),
        ("2.", "Підготувати звіт", "Постійно", "Петренко П.П."),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    imported = read_text(docx_text(_saved(document)), "plan.docx")
    clauses = imported.clauses()
    assert [c.point.number for c in clauses] == ["1", "2"]
    assert clauses[0].point.deadline.due == date(2021, 4, 30)
    assert clauses[1].point.deadline.kind is DeadlineKind.PERMANENT
    assert [c.responsible for c in clauses] == ["Іваненко І.І.", "Петренко П.П."]
    assert imported.addressees == ()  # a person answers for a clause; no addressee is made up


def test_a_file_that_is_not_docx() -> None:
    with pytest.raises(DocxError):
        docx_text(b"this is not a zip file")
