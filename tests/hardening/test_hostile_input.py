"""Content can't escape output/, YAML is safe and bounded, and odd or huge files give a clear
diagnostic or a correct page in bounded time."""

from __future__ import annotations

import time

import pytest

from sitegen.build import analyse, build
from support import seminar

BOMB = """---
title: Бомба
body: &a ["ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
date: 2020-01-01
addressees: *g
---
Текст.
"""


def codes(config):
    return [(d.path, d.line, d.code) for d in analyse(config).report.diagnostics]


def test_page_slug_cannot_leave_the_output(make_site):
    for slug in ("../../etc", "/tmp/x", "a/b", "..", "Про"):
        config = make_site(
            {"content/pages/p.md": f"---\ntitle: Сторінка\nslug: '{slug}'\n---\nТекст\n"}
        )
        assert codes(config) == [("content/pages/p.md", 3, "front-matter.type")], slug


def test_symlink_out_of_the_site_is_an_error(make_site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(seminar("9"), encoding="utf-8")
    config = make_site({"content/resolutions/ok.md": seminar("1")})
    (config.content_dir / "resolutions" / "link.md").symlink_to(outside)
    assert codes(config) == [("content/resolutions/link.md", 1, "source.outside")]


def test_folder_symlink_out_of_the_site_is_never_read(make_site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text(seminar("9"), encoding="utf-8")
    config = make_site({"content/resolutions/ok.md": seminar("1")})
    (config.content_dir / "resolutions" / "2020").symlink_to(outside, target_is_directory=True)
    read = [r.source for r in analyse(config).documents.resolutions]
    assert read == ["content/resolutions/ok.md"]


def test_yaml_alias_bomb_is_an_error_not_a_hang(make_site):
    config = make_site({"content/resolutions/bomb.md": BOMB})
    started = time.perf_counter()
    found = codes(config)
    assert time.perf_counter() - started < 5
    assert ("content/resolutions/bomb.md", 4, "front-matter.unknown-key") in found
    assert ("content/resolutions/bomb.md", 11, "front-matter.type") in found


def test_yaml_tags_are_not_executed(make_site):
    evil = seminar("1").replace(
        "title: Про проведення семінару",
        "title: !!python/object/apply:os.system ['touch /tmp/pwned']",
    )
    config = make_site({"content/resolutions/r.md": evil})
    assert [c for _, _, c in codes(config)] == ["front-matter.type"]
    assert "tags" in analyse(config).report.diagnostics[0].message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bom", "\ufeff" + seminar("1"), []),
        ("crlf", seminar("1").replace("\n", "\r\n"), []),
        ("mixed", seminar("1").replace("\n", "\r\n", 5), []),
        ("old-mac", seminar("1").replace("\n", "\r"), []),
        ("nul", seminar("1") + "\x00\x00", [("source.binary", 12)]),
        ("binary", bytes(range(256)) * 40, [("source.encoding", 2)]),
        ("empty", "", [("front-matter.missing", 1)]),
        ("no-closing-fence", "---\ntitle: x\n", [("front-matter.unclosed", 1)]),
        ("list-front-matter", "---\n- a\n- b\n---\nx\n", [("front-matter.shape", 2)]),
    ],
)
def test_odd_files_give_a_diagnostic_or_a_page(make_site, name, content, expected):
    config = make_site({f"content/resolutions/{name}.md": content})
    got = [(code, line) for _, line, code in codes(config)]
    assert got == expected


def test_huge_resolution_with_5000_clauses_builds_in_bounded_time(make_site):
    clauses = "\n".join(f"1.{n}. Виконати завдання номер {n}.\nПостійно\n" for n in range(1, 5001))
    config = make_site(
        {
            "content/resolutions/big.md": seminar("1").replace(
                "1.1. Провести семінар.\nКвітень 2020 р.\n", clauses
            )
        }
    )
    started = time.perf_counter()
    result = build(config)
    assert time.perf_counter() - started < 60
    assert result.published is not None
    html = (config.output_dir / "resolutions/2020/1/index.html").read_text("utf-8")
    assert 'id="clause-1-5000"' in html


def test_ten_megabyte_resolution_is_read(make_site):
    paragraph = "Дуже довгий текст преамбули без жодного пункту. " * 2000 + "\n\n"
    body = paragraph * 110  # about 10 MB
    config = make_site(
        {
            "content/resolutions/big.md": seminar("1").replace(
                "Міському методичному центру:", body + "Міському методичному центру:"
            )
        }
    )
    started = time.perf_counter()
    result = analyse(config)
    assert time.perf_counter() - started < 60
    assert result.report.diagnostics == ()
    (resolution,) = result.documents.resolutions
    assert len(resolution.clauses) == 1


def test_deeply_nested_lists_are_a_diagnostic(make_site):
    nested = "".join("  " * depth + "- рівень\n" for depth in range(3000))
    config = make_site({"content/resolutions/deep.md": seminar("1") + "\n" + nested})
    got = codes(config)
    assert all(code != "internal.error" for _, _, code in got)
