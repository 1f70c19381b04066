"""Alphabetical order per language, with numbers compared by value."""

from __future__ import annotations

from sitegen.link.collation import sort_key


def test_ukrainian_alphabet_order():
    words = ["Їжак", "Гора", "Іра", "Ґанок", "Єва", "Ежик", "Иван", "Жук"]
    assert sorted(words, key=sort_key("uk")) == [
        "Гора",
        "Ґанок",
        "Ежик",
        "Єва",
        "Жук",
        "Иван",
        "Іра",
        "Їжак",
    ]


def test_numbers_sort_by_value():
    assert sorted(["№ 12", "№ 5", "№ 100"], key=sort_key("uk")) == ["№ 5", "№ 12", "№ 100"]


def test_russian_yo_sorts_with_e():
    assert sorted(["Ёлка", "Жук", "Еж"], key=sort_key("ru")) == ["Еж", "Ёлка", "Жук"]
