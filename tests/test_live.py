"""The site `serve` keeps in memory: what it renders on request is byte for byte what `build`
publishes, before and after edits, and bad content or templates never take the last good
pages away."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import SiteConfig
from sitegen.live import LiveSite
from sitegen.render import pieces
from support import ROOT, clean_build, edit, sample_copy, seminar

SEED_001 = "content/resolutions/2020/1-2020-3.md"
PAGE_001 = "resolutions/2020/1-2020-3/index.html"
CLAUSE_3_2 = "3.2. Провести навчальний семінар для керівників"


def assert_serves_the_build(live: LiveSite, config: SiteConfig, out: Path) -> None:
    built = clean_build(config, out)
    served = {name for name in built if not name.startswith("pagefind/")}
    assert served, "the build wrote nothing"
    for name in sorted(served):
        assert live.get(name).content == built[name], name
    assert live.get("no/such/page/index.html").content is None


@pytest.fixture
def site(tmp_path: Path) -> tuple[SiteConfig, LiveSite]:
    config = sample_copy(tmp_path / "site")
    live = LiveSite()
    assert not live.refresh(config, strict=True).diagnostics
    return config, live


def test_every_file_served_equals_the_built_one(site, tmp_path):
    config, live = site
    assert_serves_the_build(live, config, tmp_path / "built")


def test_an_edit_is_served_after_a_refresh_as_a_build_would_publish_it(site, tmp_path):
    config, live = site
    assert "навчальний семінар" in live.get(PAGE_001).content.decode()
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))
    (config.root / "content/resolutions/2020/seminar.md").write_text(seminar("77"), "utf-8")
    (config.root / "content/pages/about.md").unlink()
    assert not live.refresh(config, strict=True).diagnostics
    assert "навчально-практичний семінар" in live.get(PAGE_001).content.decode()
    assert live.get("about/index.html").content is None
    assert_serves_the_build(live, config, tmp_path / "built")


def test_broken_content_keeps_the_last_good_site(site):
    config, live = site
    before = live.get(PAGE_001).content
    edit(config, SEED_001, "date: 2020-03-04", "date: 2020-02-30")
    report = live.refresh(config, strict=True)
    assert [(d.path, d.line) for d in report.errors] == [(SEED_001, 5)]
    assert live.get(PAGE_001).content == before


def test_a_template_error_names_the_template_and_keeps_the_last_good_page(site):
    config, live = site
    before = live.get(PAGE_001).content
    (config.root / "templates").mkdir()
    broken = (ROOT / "themes/default/templates/resolution.html").read_text("utf-8")
    (config.root / "templates/resolution.html").write_text(
        broken.replace("{% endblock %}", "{{ page.no_such_field }}{% endblock %}", 1), "utf-8"
    )
    assert not live.refresh(config, strict=True).diagnostics
    response = live.get(PAGE_001)
    assert response.content == before
    (problem,) = response.problems
    assert problem.path == "resolution.html" and "no_such_field" in problem.message


def test_open_data_made_in_serve_leaves_the_next_build_its_pieces(site, tmp_path, monkeypatch):
    """serve makes api/*.json and *.csv in memory: where its pieces lie is not where the
    published file has them, so the next build must still find them by its own index."""
    config, live = site
    assert build(config, strict=True).published is not None
    edit(config, SEED_001, CLAUSE_3_2, CLAUSE_3_2.replace("навчальний", "навчально-практичний"))
    assert not live.refresh(config, strict=True).diagnostics
    assert "навчально-практичний".encode() in live.get("api/resolutions.json").content
    assert live.get("api/clauses.csv").content
    made: list[object] = []
    original = pieces._made

    def counted(make):
        made.append(make)
        return original(make)

    monkeypatch.setattr(pieces, "_made", counted)
    assert build(config, strict=True).published is not None
    assert len(made) == 2  # the edited resolution's piece of each file, and no other
    assert_serves_the_build(live, config, tmp_path / "built")
