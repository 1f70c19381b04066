"""A failed build never touches output/: the previous site stays complete, byte for byte."""

from __future__ import annotations

import os
import subprocess

from sitegen.build import build
from sitegen.cache import Store
from sitegen.model import Artifact, OutputFile, Prepared
from sitegen.write.publish import Publication, UnsafePath, publish
from support import seminar, tree

GOOD = seminar("5")


def test_content_error_keeps_the_previous_site(make_site):
    config = make_site({"content/resolutions/r.md": GOOD})
    assert build(config).published is not None
    before = tree(config.output_dir)
    assert "resolutions/2020/5/index.html" in before
    make_site({"content/resolutions/r.md": GOOD.replace("date: 2020-03-04", "date: 2020-13-01")})
    result = build(config)
    assert result.published is None
    assert [d.code for d in result.report.errors] == ["front-matter.type"]
    assert tree(config.output_dir) == before


def test_template_error_keeps_the_previous_site_and_names_the_template(make_site):
    config = make_site({"content/resolutions/r.md": GOOD})
    build(config)
    before = tree(config.output_dir)
    broken = "{% extends 'base.html' %}{% block main %}{{ page.nope }}{% endblock %}"
    make_site(
        {
            "templates/resolution.html": broken,
        }
    )
    result = build(config)
    assert result.published is None
    (problem,) = result.report.errors
    assert problem.code == "template.error" and problem.path == "resolution.html"
    assert tree(config.output_dir) == before
    assert not any(p.name.startswith(".output.staging") for p in config.root.iterdir())


def test_successful_build_replaces_stale_files(make_site):
    config = make_site({"content/resolutions/r.md": GOOD})
    build(config)
    make_site({"content/resolutions/r.md": GOOD.replace('number: "5"', 'number: "6"')})
    build(config)
    files = tree(config.output_dir)
    assert "resolutions/2020/6/index.html" in files
    assert "resolutions/2020/5/index.html" not in files


def test_paths_that_escape_the_output_are_refused(tmp_path):
    for bad in ("../evil.html", "/etc/passwd", "a/../../b", "", "a//b.html", "./x.html", "a/"):
        try:
            publish([OutputFile(bad, b"x")], tmp_path / "output")
        except UnsafePath:
            pass
        else:
            raise AssertionError(f"{bad} was written")
    assert not (tmp_path / "evil.html").exists()
    assert not (tmp_path / "output").exists()


def test_a_file_prepared_by_a_worker_is_moved_into_place_and_leftovers_are_removed(tmp_path):
    """A page worker makes open data whole beside output/; the writer moves it in. What a
    killed build's worker left there is removed by the next build, not another running one's."""
    output = tmp_path / "output"
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp_path / f".output.prepared-{dead.pid}"
    left.mkdir()
    (left / "tmp123").write_bytes(b"half a file")
    running = tmp_path / f".output.prepared-{os.getpid()}"
    with Publication(output, Store(None)) as publication:
        assert not left.exists()
        prepared = publication.prepare(OutputFile("api/data.json", iter([b"[1,", b"2]"])))
        assert isinstance(prepared.content, Prepared) and running.is_dir()
        publication.write(Artifact("api/data.json", "key", lambda: ()), [prepared])
        publication.commit()
    assert tree(output) == {"api/data.json": b"[1,2]"}
    assert not running.exists()
