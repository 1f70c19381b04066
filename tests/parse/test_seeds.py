"""The bundled content is the five seeds; their parsed model is pinned here, seed by seed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from sitegen.build import analyse
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.model import ClauseRole
from support import ROOT, SAMPLE_TODAY

SEED_000 = "content/resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva.md"
SEED_001 = "content/resolutions/2020/1-2020-3.md"
SEED_002 = "content/resolutions/2015/rezolyutsiya-oblastnogo-vebinara-rukovoditeley.md"
SEED_003 = "content/resolutions/undated/rekomendatsii-mezhdunarodnogo-on-line-seminara.md"


@pytest.fixture(scope="module")
def analysis():
    config, _ = load_config(ROOT)
    return analyse(replace(config, today=SAMPLE_TODAY))


@pytest.fixture(scope="module")
def seeds(analysis):
    return {r.source: r for r in analysis.documents.resolutions}


def test_sample_content_has_no_diagnostics(analysis):
    assert analysis.report.diagnostics == ()


def deadlines(resolution):
    return {
        c.number: (c.deadline.kind, c.deadline.due) if c.deadline else None
        for c in resolution.clauses
    }


def test_seed_001_deadlines_exactly(seeds):
    got = deadlines(seeds[SEED_001])
    permanent = ("permanent", None)
    assert got == {
        "1": None,
        "2.1": permanent,
        "2.2": ("month", date(2021, 3, 31)),
        "3.1": permanent,
        "3.2": ("month", date(2020, 4, 30)),
        "3.3": ("month", date(2020, 8, 31)),
        "4.1": permanent,
        "4.2": permanent,
        "4.3": ("month", date(2020, 5, 31)),
        "4.4": permanent,
        "4.5": ("month", date(2021, 2, 28)),
        "4.6": permanent,
        "4.7": permanent,
        "5": None,
    }


def test_seed_001_structure(seeds):
    seed = seeds[SEED_001]
    assert (seed.date, seed.number, seed.formula) == (
        date(2020, 3, 4),
        "1/2020-3",
        "КОЛЕГІЯ УХВАЛЮЄ:",
    )
    assert [(s.number, s.addressee, s.responsible) for s in seed.sections] == [
        ("2", "Управління освіти Чернівецької міської ради", None),
        ("3", "Міський методичний центр", "Герасим Н.П."),
        ("4", "Керівники закладів позашкільної освіти", None),
    ]
    roles = {c.number: c.role for c in seed.clauses}
    assert roles["1"] is ClauseRole.ACKNOWLEDGE and roles["5"] is ClauseRole.CONTROL
    assert seed.control == "Кузьміна О.Л."
    assert seed.signatures[-1] == "Чернівецької міської ради С.В. Мартинюк"
    clause_4_4 = next(c for c in seed.clauses if c.number == "4.4")
    assert clause_4_4.deadline.text == "Постійно"  # after the stray "." line
    texts = {c.number: c.deadline.text for c in seed.clauses if c.deadline}
    assert texts["3.2"] == "Квітень 2020 р." and texts["2.2"] == "у березні 2021 року"


def test_seed_000_undated_with_roman_sections(seeds):
    seed = seeds[SEED_000]
    assert seed.date is None and seed.number is None
    assert seed.formula == "рекомендують:"
    assert [(s.number, s.addressee) for s in seed.sections] == [
        ("І", "Начальники відділів освіти виконкомів районних у місті рад"),
        ("ІІ", "Директори навчальних закладів"),
    ]
    assert [c.number for c in seed.clauses] == ["1.1", "1.2", *(f"2.{n}" for n in range(1, 8))]
    assert deadlines(seed)["2.6"] == ("permanent", None)
    assert deadlines(seed)["2.5"] == ("permanent", None)


def test_seed_002_russian_unnumbered_sections(seeds):
    seed = seeds[SEED_002]
    assert seed.lang == "ru" and seed.formula == "Участники вебинара рекомендуют:"
    assert [s.addressee for s in seed.sections] == [
        "Органы местного самоуправления, осуществляющие управление в сфере образования",
        "ГАУ ДПОС «Смоленский областной институт развития образования»",
        "Руководители общеобразовательных организаций",
    ]
    assert [c.number for c in seed.clauses] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    first = seed.clauses[0]
    assert (first.deadline.text, first.deadline.kind, first.deadline.due) == (
        "до 1 января 2016 года",
        "date",
        date(2016, 1, 1),
    )
    assert "В ходе вебинара обсуждены" in seed.preamble_html
    assert seed.preamble_html.count("<li>") == 6


def test_seed_003_bold_heading_run_in_and_restarted_numbers(seeds):
    seed = seeds[SEED_003]
    assert len(seed.sections) == 6
    assert seed.sections[-1].addressee == "Организационный комитет международного on-line семинара"
    anchors = [c.anchor for c in seed.clauses]
    assert len(anchors) == len(set(anchors)) == 10
    assert anchors[:4] == ["clause-1-1", "clause-1-2", "clause-2-1", "clause-2-2"]
    assert [c.number for c in seed.clauses[:2]] == ["1", "2"]
    first = seed.clauses[0]
    assert first.html.count("<li>") == 3  # its bulleted sub-items stay inside it
    assert seed.clauses[-1].text.startswith("разместить текст Рекомендаций")


def test_material_implements_clause_2_6_and_links_back(analysis):
    site = analysis.site
    (material,) = site.materials
    (task,) = site.implemented[material.source]
    assert (task.resolution.source, task.clause.number) == (SEED_000, "2.6")
    assert task.materials == (material,)


def test_inspect_json_of_seed_001(capsys):
    assert main(["-C", str(ROOT), "inspect", str(ROOT / SEED_001), "--json"]) == 0
    (document,) = json.loads(capsys.readouterr().out)
    assert document["url"] == "/resolutions/2020/1-2020-3/"
    assert document["addressees"][1] == {
        "name": "Міський методичний центр",
        "slug": "miskyi-metodychnyi-tsentr",
        "aliases": ["Міському методичному центру"],
    }
    clause = next(c for c in document["clauses"] if c["number"] == "3.2")
    assert clause == {
        "number": "3.2",
        "anchor": "clause-3-2",
        "role": "task",
        "addressee": "Міський методичний центр",
        "text": clause["text"],
        "deadline": {"text": "Квітень 2020 р.", "kind": "month", "due": "2020-04-30"},
        "responsible": "Герасим Н.П.",
        "line": clause["line"],
    }
    assert clause["text"].startswith("Провести навчальний семінар")
    assert document["control"] == "Кузьміна О.Л."
