"""Pages, feeds, calendars and open data made by forked workers (`--jobs N`) are byte for byte
what one process makes, in a clean build, after an edit, and when output/ lost a file the
workers counted on."""

from __future__ import annotations

import os
import signal
from dataclasses import replace

import sitegen.render
from sitegen.build import build
from sitegen.cli import main
from sitegen.render import search
from sitegen.render.plan import DOCUMENT_TEMPLATES
from support import clean_build, edit, sample_copy, tree, within

SEED_001 = "content/resolutions/2020/1-2020-3.md"
CLAUSE = "3.2. Провести навчальний семінар для керівників"


def test_workers_make_what_one_process_makes(tmp_path, monkeypatch):
    config = sample_copy(tmp_path / "site")
    expected = clean_build(config, tmp_path / "single")
    monkeypatch.setattr(sitegen.render, "PARALLEL_FROM", 1)  # the sample is small
    pooled = replace(config, output=str(tmp_path / "pooled"))
    result = build(pooled, strict=True, jobs=2)
    assert result.published is not None
    assert tree(tmp_path / "pooled") == expected
    assert any(name.endswith("deadlines.ics") for name in expected)
    assert {"api/resolutions.json", "api/clauses.csv"} <= expected.keys()
    assert not list(tmp_path.glob(".pooled.*")), "no staging or prepared files are left"

    for damaged in ("deadlines.ics", "api/clauses.csv"):
        # A worker finds its key published, so makes nothing: main remakes the file.
        (tmp_path / "pooled" / damaged).write_bytes(b"damaged")
    assert build(pooled, strict=True, jobs=2).published is not None
    assert tree(tmp_path / "pooled") == expected

    edit(config, SEED_001, CLAUSE, CLAUSE.replace("навчальний", "навчально-практичний"))
    assert build(pooled, strict=True, jobs=2).published is not None
    assert tree(tmp_path / "pooled") == clean_build(config, tmp_path / "single-after")
    assert not list(tmp_path.glob(".pooled.prepared-*"))


def test_the_workers_take_an_edited_years_pages_first(tmp_path, monkeypatch):
    """Pagefind indexes a year's bundle once all its pages are out: after an edit, the pool
    keys the edited resolution's year before the years the plan lists earlier."""
    config = sample_copy(tmp_path / "site")
    monkeypatch.setattr(sitegen.render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(search, "SHARD_FROM", 2)  # the sample archive, split as a big one
    assert build(config, strict=True, jobs=2).published is not None
    edited = (
        config.root / "content/resolutions/2015/rezolyutsiya-oblastnogo-vebinara-rukovoditeley.md"
    )
    edited.write_text(edited.read_text("utf-8") + "\n", "utf-8")
    given: list[list[str]] = []
    batches = sitegen.render._batches

    def recorded(plan, *rest):
        work = batches(plan, *rest)
        given.append([plan[i].path for batch in work for i in batch if i < len(plan)])
        return work

    monkeypatch.setattr(sitegen.render, "_batches", recorded)
    assert build(config, strict=True, jobs=2).published is not None
    (order,) = given
    years = [path.split("/")[1] for path in order if path.startswith("resolutions/")]
    assert years[0] == "2015" and "2020" in years


def test_what_output_has_goes_to_the_workers_in_larger_batches(tmp_path, monkeypatch):
    """After an edit nearly every page is only keyed, and the pool's round trip per batch cost
    more than that: what output/ has goes in larger batches, what a cold build makes in small
    ones (a document page BATCH at a time, any other item alone), and nothing is left out."""
    config = sample_copy(tmp_path / "site")
    for name, value in (("PARALLEL_FROM", 1), ("BATCH", 2), ("KEPT_BATCH", 8), ("KEPT_OTHERS", 4)):
        monkeypatch.setattr(sitegen.render, name, value)  # the sample is small
    given: list[tuple[list[list[int]], set[int], int]] = []
    batches = sitegen.render._batches

    def recorded(plan, open_data, listing_files, first, kept):
        work = batches(plan, open_data, listing_files, first, kept)
        documents = {i for i, page in enumerate(plan) if page.template in DOCUMENT_TEMPLATES}
        given.append((work, documents, len(plan) + open_data + listing_files))
        return work

    monkeypatch.setattr(sitegen.render, "_batches", recorded)
    assert build(config, strict=True, jobs=2).published is not None
    edit(config, SEED_001, CLAUSE, CLAUSE.replace("навчальний", "навчально-практичний"))
    assert build(config, strict=True, jobs=2).published is not None
    for work, _, items in given:
        assert sorted(i for batch in work for i in batch) == list(range(items))
    (cold, documents, _), (rebuilt, _, _) = given
    assert all(len(b) == 1 or (len(b) <= 2 and set(b) <= documents) for b in cold)
    assert max(len(b) for b in cold) == 2
    assert set(rebuilt[0][: len(documents)]) == documents  # in one batch, not three
    assert all(sum(1 if i in documents else 2 for i in batch) <= 8 for batch in rebuilt)
    assert max(len(b) for b in rebuilt if not set(b) & documents) == 4
    assert len(rebuilt) < len(cold)
    assert tree(config.output_dir) == clean_build(config, tmp_path / "clean")


def test_the_page_workers_yield_the_cpu_to_pagefind(tmp_path, monkeypatch):
    """Pagefind indexes beside the workers and the build waits for it: the workers run at a
    lower priority than the build (and so than Pagefind), never at the same. They leave an
    editor's Ctrl+C to the build, which stops them and says so once."""
    config = sample_copy(tmp_path / "site")
    monkeypatch.setattr(sitegen.render, "PARALLEL_FROM", 1)
    seen = tmp_path / "niceness"
    render_page = sitegen.render.render_page

    def recorded(*args, **kwargs):
        with seen.open("a") as stream:  # the workers are forked: they tell through a file
            ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
            stream.write(f"{os.getpid()} {os.nice(0)} {ignored}\n")
        return render_page(*args, **kwargs)

    monkeypatch.setattr(sitegen.render, "render_page", recorded)
    assert build(config, strict=True, jobs=2).published is not None
    workers = {pid: rest for pid, *rest in map(str.split, seen.read_text().splitlines())}
    assert str(os.getpid()) not in workers, "the pages were made by the workers"
    expected = min(19, os.nice(0) + sitegen.render.WORKER_NICENESS)
    assert {tuple(rest) for rest in workers.values()} == {(str(expected), "True")}
    assert os.nice(0) < expected


def test_a_killed_page_worker_stops_the_build_at_once(tmp_path, monkeypatch, capsys):
    """The kernel kills a worker (out of memory): the build says so and fails, it does not
    wait forever for the lost pages, and the published site stays as it was."""
    config = sample_copy(tmp_path / "site")
    command = ["-C", str(config.root), "--lang", "en", "build", "--strict"]
    assert main([*command, "--jobs", "1"]) == 0
    published = tree(config.output_dir)
    edit(config, SEED_001, CLAUSE, CLAUSE.replace("навчальний", "навчально-практичний"))
    monkeypatch.setattr(sitegen.render, "PARALLEL_FROM", 1)
    work = sitegen.render._work

    def killed(index: int) -> object:
        if index == 5:
            os.kill(os.getpid(), signal.SIGKILL)
        return work(index)

    monkeypatch.setattr(sitegen.render, "_work", killed)
    capsys.readouterr()
    with within(120):
        assert main([*command, "--jobs", "2"]) == 2
    said = capsys.readouterr().err
    assert "a worker process stopped before it finished" in said
    assert "nothing was published" in said and "--jobs 2" in said
    assert tree(config.output_dir) == published


def test_files_made_by_workers_are_as_readable_as_any_other(tmp_path, monkeypatch):
    """A web server serving output/ runs as another user: every file must be readable by all
    (under the usual umask), not only the pages the main process wrote."""
    config = sample_copy(tmp_path / "site")
    monkeypatch.setattr(sitegen.render, "PARALLEL_FROM", 1)
    previous = os.umask(0o022)
    try:
        assert build(config, strict=True, jobs=2).published is not None
    finally:
        os.umask(previous)
    modes = {
        path.relative_to(config.output_dir).as_posix(): oct(path.stat().st_mode & 0o777)
        for path in config.output_dir.rglob("*")
    }
    assert "api/resolutions.json" in modes
    assert {path for path, mode in modes.items() if mode not in ("0o644", "0o755")} == set()
