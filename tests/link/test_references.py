"""Citations of this site's decisions become links; explicit references must resolve."""

from __future__ import annotations

from bs4 import BeautifulSoup

from sitegen.build import build
from support import seminar

FIRST = seminar("1/2020-3")

SECOND = """---
title: Про підсумки семінару
body: Колегія управління освіти
date: 2020-05-04
number: "2/2020"
addressees: [Міський методичний центр]
refs: ["1/2020-3#1.1"]
---
На виконання рішення колегії від 04.03.2020 № 1/2020-3 та відповідно до Постанови Кабінету
Міністрів України від 21.08.2019 № 779

КОЛЕГІЯ УХВАЛЮЄ:

1. Міському методичному центру:

1.1. Узагальнити матеріали, як передбачено рішенням колегії № 1/2020-3.
Червень 2020 р.
"""


def test_citations_link_to_the_cited_resolution_and_back(make_site):
    config = make_site({"content/resolutions/a.md": FIRST, "content/resolutions/b.md": SECOND})
    result = build(config, strict=True)
    assert result.report.diagnostics == ()
    out = config.output_dir
    second = BeautifulSoup(
        (out / "resolutions/2020/2-2020/index.html").read_text("utf-8"), "html.parser"
    )
    preamble_links = [a["href"] for a in second.select(".preamble a")]
    assert preamble_links == ["../1-2020-3/index.html"]
    assert second.select_one("#clause-1-1 .clause-text a")["href"].endswith("1-2020-3/index.html")
    first = BeautifulSoup(
        (out / "resolutions/2020/1-2020-3/index.html").read_text("utf-8"), "html.parser"
    )
    assert [a.get_text() for a in first.select(".referenced-by a")] == ["Про підсумки семінару"]


def test_citation_of_an_own_body_decision_that_is_missing_is_a_warning(make_site):
    config = make_site({"content/resolutions/b.md": SECOND.replace('refs: ["1/2020-3#1.1"]\n', "")})
    warnings = build(config).report.warnings
    assert [(d.line, d.code) for d in warnings] == [(8, "ref.unresolved"), (15, "ref.unresolved")]
    assert "рішення колегії від 04.03.2020 № 1/2020-3" in warnings[0].message


def test_explicit_clause_reference_must_name_an_existing_clause(make_site):
    config = make_site(
        {
            "content/resolutions/a.md": FIRST,
            "content/resolutions/b.md": SECOND.replace("1/2020-3#1.1", "1/2020-3#9.9"),
        }
    )
    (problem,) = build(config).report.errors
    assert (problem.path, problem.line, problem.code) == (
        "content/resolutions/b.md",
        7,
        "ref.unresolved",
    )
    assert "has no clause '9.9'" in problem.message
