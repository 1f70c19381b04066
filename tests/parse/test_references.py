"""Citation phrases found in a line of text: every form of the number sign the pattern knows."""

from __future__ import annotations

import pytest

from sitegen.parse.references import find_references


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Виконати рішення колегії від 04.03.2020 № 1/2020-3 у повному обсязі.", "1/2020-3"),
        ("Відповідно до наказу МОН N 984 затвердити план.", "984"),
        ("Во исполнение решения совета n 5 обеспечить участие.", "5"),
    ],
)
def test_a_citation_is_found_with_any_number_sign(text, number):
    (reference,) = find_references(text, 7)
    assert (reference.target, reference.line, reference.explicit) == (number, 7, False)


def test_a_line_without_a_number_sign_cites_nothing():
    assert find_references("Розглянути рішення колегії на засіданні ради.", 3) == []
