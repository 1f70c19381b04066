"""Dates in the right grammatical case, and a catalogue that covers every template string."""

from __future__ import annotations

import re
from datetime import date

import pytest

import sitegen.render.theme
from sitegen.render.theme import BUILTIN_THEMES, load_theme
from sitegen.render.views import long_date, month_title
from support import ROOT


def test_dates_in_each_language():
    day = date(2020, 3, 4)
    # CLDR joins the year and its abbreviation with a narrow no-break space: it never wraps.
    assert long_date(day, "uk") == "4 березня 2020\u202fр."
    assert long_date(day, "ru") == "4 марта 2020\u202fг."
    assert month_title(day, "uk") == "Березень 2020"
    assert month_title(day, "ru") == "Март 2020"


def template_keys() -> set[str]:
    keys: set[str] = set()
    for path in (BUILTIN_THEMES / "default" / "templates").rglob("*.html"):
        keys |= set(re.findall(r"\bt\('([a-z_.]+)'", path.read_text(encoding="utf-8")))
    return keys


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_every_template_string_is_translated(lang):
    catalogue = load_theme(ROOT, "default").catalogue.messages[lang]
    keys = template_keys()
    prefixes = {k for k in keys if k.endswith(".")}
    missing = sorted(k for k in keys - prefixes if k not in catalogue)
    assert missing == []
    for prefix in prefixes:  # keys built as t('state.' ~ clause.state)
        assert any(k.startswith(prefix) for k in catalogue), prefix
    for group in ("state.", "group.", "deadline.kind."):
        english = {
            k for k in load_theme(ROOT, "default").catalogue.messages["en"] if k.startswith(group)
        }
        assert english <= set(catalogue), group


def test_plural_forms_follow_cldr():
    catalogue = load_theme(ROOT, "default").catalogue
    assert [catalogue.text("uk", "count.tasks", count=n) for n in (1, 3, 5, 21)] == [
        "1 пункт",
        "3 пункти",
        "5 пунктів",
        "21 пункт",
    ]
    assert catalogue.text("ru", "count.documents", count=2) == "2 решения"


def test_a_languages_t_answers_each_question_as_the_catalogue_does(monkeypatch):
    """`t` keeps answers from page to page (one per language), up to ASKED questions."""
    monkeypatch.setattr(sitegen.render.theme, "ASKED", 8)
    catalogue = load_theme(ROOT, "default").catalogue
    t = catalogue.translator("uk")
    assert catalogue.translator("uk") is t and catalogue.translator("ru") is not t
    questions = [("clause.point", None, {"number": f"2.{n}"}) for n in range(20)]
    questions += [("count.tasks", n, {}) for n in (1, 3, 5, 21, 1, 3)]
    for key, count, values in questions * 2:  # asked again after the memo was emptied
        assert t(key, count, **values) == catalogue.text("uk", key, count, **values)
    assert t("clause.point", number="2.6") == "Пункт 2.6"
    assert catalogue.translator("ru")("count.documents", count=2) == "2 решения"
