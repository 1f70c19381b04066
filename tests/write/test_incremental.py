"""Incremental builds (DESIGN §3.1 rule 10): a rebuild renders exactly the pages whose inputs
changed, and its output is byte for byte what a clean build gives."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import date

import pytest

import sitegen.load as load
from sitegen.build import build
from sitegen.render import ical, pieces
from sitegen.write.publish import Publication
from support import ROOT, clean_build, edit, sample_copy, seminar, tree

SEED_001 = "content/resolutions/2020/1-2020-3.md"
SEED_001_PAGE = "resolutions/2020/1-2020-3/"
WEBINAR = "content/resolutions/2015/rezolyutsiya-oblastnogo-vebinara-rukovoditeley.md"
WEBINAR_PAGE = "resolutions/2015/2015-08-20-rezoliutsiia-oblastnogo-vebinara-rukovoditelei/"
CLAUSE_3_2 = "3.2. Провести навчальний семінар для керівників"


def test_a_no_op_rebuild_renders_nothing_and_leaves_output_untouched(tmp_path):
    config = sample_copy(tmp_path / "site")
    first = build(config, strict=True).published
    assert first is not None and len(first.rendered) == sum(
        1 for p in config.output_dir.rglob("*.html")
    )
    stamps = {p: p.stat().st_mtime_ns for p in config.output_dir.rglob("*") if p.is_file()}
    again = build(config, strict=True).published
    assert again is not None
    assert again.rendered == () and not again.changed
    assert (again.files, again.bytes) == (first.files, first.bytes)
    assert {p: p.stat().st_mtime_ns for p in config.output_dir.rglob("*") if p.is_file()} == stamps


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """The pages whose bytes differ between two clean builds (or that are new)."""
    return {
        path.removesuffix("index.html")
        for path in after
        if path.endswith(".html") and before.get(path) != after[path]
    }


def test_editing_one_clause_renders_exactly_the_pages_that_show_it(tmp_path):
    config = sample_copy(tmp_path / "site")
    before = clean_build(config, tmp_path / "before")
    build(config, strict=True)
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))
    result = build(config, strict=True).published
    assert result is not None
    after = clean_build(config, tmp_path / "after")
    assert tree(config.output_dir) == after
    # Clause 3.2 (due April 2020, overdue on the 15th of June) is shown by its resolution, its
    # addressee, its deadline month, the home page's and the deadlines page's overdue lists.
    assert set(result.rendered) == {
        "resolutions/2020/1-2020-3/",
        "addressees/miskyi-metodychnyi-tsentr/",
        "deadlines/2020-04/",
        "deadlines/",
        "",
    }
    changed_pages = changed(before, after)
    assert set(result.rendered) == changed_pages


def test_a_file_damaged_in_output_is_made_again(tmp_path):
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    page = config.output_dir / "resolutions/2020/1-2020-3/index.html"
    good = page.read_bytes()
    page.write_bytes(b"<p>edited by hand</p>")
    calendar = config.output_dir / "deadlines.ics"
    calendar.unlink()
    result = build(config, strict=True).published
    assert result is not None and result.rendered == ("resolutions/2020/1-2020-3/",)
    assert page.read_bytes() == good and calendar.exists()


def test_a_template_change_renders_every_page_that_uses_it(tmp_path):
    config = sample_copy(tmp_path / "site")
    first = build(config, strict=True).published
    assert first is not None
    base = (ROOT / "themes/default/templates/base.html").read_text("utf-8")
    (config.root / "templates").mkdir()
    (config.root / "templates/base.html").write_text(base + "{# changed #}\n", "utf-8")
    result = build(config, strict=True).published
    assert result is not None and set(result.rendered) == set(first.rendered)


def test_an_unchanged_site_still_fails_strict_mode_on_its_warnings(make_site):
    unfinished = seminar("5").replace("Провести семінар.", "Провести семінар [[тема]].")
    config = make_site({"content/resolutions/r.md": unfinished})
    warned = build(config)
    assert warned.published is not None and warned.report.warnings
    strict = build(config, strict=True)
    assert strict.published is None
    assert [d.code for d in strict.report.warnings] == [d.code for d in warned.report.warnings]


CITING = "content/resolutions/2020/citing.md"


@pytest.mark.parametrize(
    ("path", "old", "new", "shown_on"),
    [
        # A material's title is listed under the clause it implements.
        (
            "content/materials/opyt-kolleg-vzaimnyy-uspekh.md",
            'title: "Опыт коллег: взаимный успех"',
            'title: "Опыт коллег: общий успех"',
            "resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva/",
        ),
        # ... and so on the list pages of that clause's addressee, which are keyed by their
        # members (the documents behind them), not by the clauses they show.
        (
            "content/materials/opyt-kolleg-vzaimnyy-uspekh.md",
            'title: "Опыт коллег: взаимный успех"',
            'title: "Опыт коллег: общий успех"',
            "addressees/dyrektory-navchalnykh-zakladiv/",
        ),
        # A resolution lists the documents that cite it, by their titles.
        (CITING, "title: Про проведення семінару", "title: Про семінар", SEED_001_PAGE),
        # "Today" moves a clause from upcoming to overdue on its resolution's page, and on the
        # list pages that show the clause.
        (None, "", "", SEED_001_PAGE),
        (None, "", "", "addressees/miskyi-metodychnyi-tsentr/"),
    ],
)
def test_what_a_resolution_page_shows_from_other_files_is_kept_current(
    tmp_path, path, old, new, shown_on
):
    """A resolution page is keyed by its inputs (its bytes, and what the archive adds to it),
    not by its view: each such input, changed in another file, must reach the page."""
    config = sample_copy(tmp_path / "site")
    citing = seminar("88").replace(
        "1.1. Провести семінар.", "1.1. Виконати рішення колегії від 04.03.2020 № 1/2020-3."
    )
    (config.root / CITING).write_text(citing, "utf-8")
    build(config, strict=True)
    before = (config.output_dir / shown_on / "index.html").read_bytes()
    if path is None:
        config = replace(config, today=date(2021, 6, 1))
    else:
        edit(config, path, old, new)
    result = build(config, strict=True).published
    assert result is not None and shown_on in result.rendered
    assert (config.output_dir / shown_on / "index.html").read_bytes() != before
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_the_next_day_by_the_clock_reaches_the_list_pages(tmp_path, monkeypatch):
    """With no `today` in the settings, the day comes from the clock (here SOURCE_DATE_EPOCH):
    a CI build on the next day must move the clauses that fell due to overdue on the list
    pages too, although no file changed."""
    config = replace(sample_copy(tmp_path / "site"), today=None)
    page = config.output_dir / "addressees/miskyi-metodychnyi-tsentr/index.html"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1590969600")  # 2020-06-01
    build(config, strict=True)
    before = page.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622505600")  # 2021-06-01
    result = build(config, strict=True).published
    assert result is not None and "addressees/miskyi-metodychnyi-tsentr/" in result.rendered
    assert page.read_bytes() != before
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_renaming_an_addressee_renders_exactly_the_pages_that_show_it(tmp_path):
    config = sample_copy(tmp_path / "site")
    before = clean_build(config, tmp_path / "before")
    build(config, strict=True)
    edit(
        config,
        SEED_001,
        "  - name: Міський методичний центр\n",
        "  - name: Міський методичний центр освіти\n",
    )
    result = build(config, strict=True).published
    assert result is not None
    after = clean_build(config, tmp_path / "after")
    assert tree(config.output_dir) == after
    changed_pages = changed(before, after)
    assert set(result.rendered) == changed_pages
    assert "resolutions/2020/1-2020-3/" in changed_pages
    assert len(changed_pages) < len([p for p in after if p.endswith(".html")]) / 2


def test_a_new_addressee_remakes_no_feed_or_calendar_of_the_others(tmp_path):
    """Only the files showing the renamed resolution are made again; the other addressees'
    feeds and calendars are the very files published before (linked, not rewritten)."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    published = {
        path: path.stat().st_ino
        for name in ("feed.xml", "deadlines.ics")
        for path in config.output_dir.glob(f"addressees/*/{name}")
    }
    edit(
        config,
        SEED_001,
        "  - name: Міський методичний центр\n",
        "  - name: Міський методичний центр освіти\n",
    )
    assert build(config, strict=True).published is not None
    others = [
        path
        for path in published
        if path.exists() and SEED_001_PAGE not in (path.parent / "index.html").read_text("utf-8")
    ]
    assert {path.name for path in others} == {"feed.xml", "deadlines.ics"}
    assert [path for path in others if path.stat().st_ino != published[path]] == []


def test_the_tree_put_aside_is_reused_and_never_changes_the_site_before_the_swap(tmp_path):
    """The site before last is the next staging tree: junk in it never reaches output/, and a
    page made again replaces its file instead of writing through a hard link to output/'s."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))
    build(config, strict=True)
    spare = config.output_dir.with_name(".output.spare")
    assert (spare / SEED_001_PAGE / "index.html").is_file()  # the site before, kept aside
    (spare / "junk.html").write_text("stale", "utf-8")
    (spare / "addressees" / "gone").mkdir()
    (spare / "addressees" / "gone" / "index.html").write_text("stale", "utf-8")
    (spare / "linked").symlink_to(config.output_dir / "resolutions")
    (spare / "404.html").unlink()  # a link to output/'s file is not that file
    (spare / "404.html").symlink_to(config.output_dir / "404.html")
    # A page the last build kept: output/ and the spare tree share its file.
    page = config.output_dir / WEBINAR_PAGE / "index.html"
    assert (spare / WEBINAR_PAGE / "index.html").samefile(page)
    published = page.read_bytes()
    witness = tmp_path / "witness.html"
    witness.hardlink_to(page)
    edit(config, WEBINAR, "прошел вебинар", "прошел областной вебинар")
    result = build(config, strict=True).published
    assert result is not None and WEBINAR_PAGE in result.rendered
    assert witness.read_bytes() == published  # the old file was replaced, not rewritten
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")
    assert not (config.output_dir / "junk.html").exists()
    assert not (config.output_dir / "addressees" / "gone").exists()
    assert not (config.output_dir / "linked").is_symlink()
    assert not (config.output_dir / "404.html").is_symlink()


def test_open_data_copies_the_unchanged_pieces_from_output_unread(tmp_path, monkeypatch):
    """output/'s open data is the very file the pieces' index was saved for (intact by the
    manifest): after an edit, only the edited resolution's pieces are made, and the others
    are copied from it as they lie, not read back and checked one by one."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    read, made = counting_pieces(monkeypatch)
    edit(config, WEBINAR, "прошел вебинар", "прошел областной вебинар")
    build(config, strict=True)
    assert (read, len(made)) == ([], 2)
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_pieces_of_a_build_killed_before_its_swap_are_not_copied_blind(tmp_path, monkeypatch):
    """A build that saved where its pieces lie but never swapped its site in leaves output/
    with the older file: the next build must not copy from it at the new offsets."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    # A longer clause: the pieces after this resolution's lie further on in the new file.
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))

    def killed(staging, output_dir):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(sys.modules[Publication.__module__], "swap_in", killed)
        with pytest.raises(KeyboardInterrupt):
            build(config, strict=True)
    read, _ = counting_pieces(monkeypatch)
    build(config, strict=True)
    assert read  # read back and checked against their digests
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def counting_pieces(monkeypatch) -> tuple[list[object], list[object]]:
    """The pieces of open data read back from output/, and those made, from now on."""
    read: list[object] = []
    made: list[object] = []
    found, make = pieces._found, pieces._made

    def reading(previous, place):
        if place is not None:
            read.append(place)
        return found(previous, place)

    def making(maker):
        made.append(maker)
        return make(maker)

    monkeypatch.setattr(pieces, "_found", reading)
    monkeypatch.setattr(pieces, "_made", making)
    return read, made


def test_open_data_is_remade_from_the_published_pieces_only_where_they_are_intact(tmp_path):
    """The unchanged documents' pieces of api/ files are read back from output/; one damaged
    there (same length, other bytes) is made again, not copied."""
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    published = config.output_dir / "api" / "resolutions.json"
    text = published.read_text("utf-8")
    assert "Колегія управління освіти" in text
    published.write_text(text.replace("Колегія управління освіти", "Калегія управління освіти"))
    edit(config, WEBINAR, "прошел вебинар", "прошел областной вебинар")
    build(config, strict=True)
    clean = clean_build(config, tmp_path / "clean")
    assert tree(config.output_dir) == clean
    assert "Колегія управління освіти" in clean["api/resolutions.json"].decode()


def test_a_rebuild_reads_only_the_sources_whose_stamp_changed(tmp_path, monkeypatch):
    """Content files are read again only when their mtime, ctime, size or inode changed; an
    edit that keeps the size and puts the mtime back is still seen (its ctime moved)."""
    config = sample_copy(tmp_path / "site")
    monkeypatch.setattr(load, "RACY_NS", 0)  # the copy was just made: trust it at once
    build(config, strict=True)
    read = counting_reads(monkeypatch)
    assert build(config, strict=True).published is not None
    assert read == []
    path = config.root / SEED_001
    stat = path.stat()
    text = path.read_text("utf-8")
    edited = text.replace("навчальний семінар", "навчальний вебінар")
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = build(config, strict=True).published
    assert read == [SEED_001]
    assert result is not None and SEED_001_PAGE in result.rendered
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_a_source_changed_just_before_it_was_read_is_read_again(tmp_path, monkeypatch):
    """Timestamps advance by clock ticks: a file written in the tick its stamp was taken could
    change again with the same stamp, so such a stamp is not trusted."""
    config = sample_copy(tmp_path / "site")
    known: load.Known = {}
    load.load_sources(config.content_dir, config.root, known)
    read = counting_reads(monkeypatch)
    load.load_sources(config.content_dir, config.root, known)
    assert sorted(read) == sorted(known)  # all were copied a moment ago
    monkeypatch.setattr(load, "RACY_NS", 0)
    read.clear()
    load.load_sources(config.content_dir, config.root, known)
    assert read == []


def counting_reads(monkeypatch) -> list[str]:
    """The content files read from now on (by their site path)."""
    read: list[str] = []
    listed = load._listed

    def reading(file, name, section):
        read.append(name)
        return listed(file, name, section)

    monkeypatch.setattr(load, "_listed", reading)
    return read


def test_a_full_calendar_follows_a_deadline_moving_into_and_out_of_it(tmp_path, monkeypatch):
    """A calendar holds the MAX_EVENTS nearest deadlines and is keyed by those: a clause whose
    deadline moves to the nearest day takes a place, and gives it back when moved away."""
    monkeypatch.setattr(ical, "MAX_EVENTS", 1)
    config = sample_copy(tmp_path / "site")
    build(config, strict=True)
    calendar = config.output_dir / "deadlines.ics"
    before = calendar.read_bytes()
    edit(config, SEED_001, "Квітень 2020 р.", "16 червня 2020 р.")  # the day after "today"
    build(config, strict=True)
    assert b"#clause-3-2" in calendar.read_bytes() and calendar.read_bytes() != before
    assert tree(config.output_dir) == clean_build(config, tmp_path / "moved-in")
    edit(config, SEED_001, "16 червня 2020 р.", "Квітень 2020 р.")
    build(config, strict=True)
    assert calendar.read_bytes() == before
    assert tree(config.output_dir) == clean_build(config, tmp_path / "moved-out")
