"""Every internal link and #anchor of the built sample site resolves, from any folder depth."""

from __future__ import annotations

from support import broken_links


def test_every_internal_link_and_anchor_resolves(sample_site):
    checked, broken = broken_links(sample_site)
    assert checked > 200
    assert broken == []


def test_links_are_relative_so_the_site_works_under_a_sub_path_and_from_disk(sample_site):
    html = (sample_site / "addressees" / "index.html").read_text(encoding="utf-8")
    assert 'href="/' not in html.replace('rel="canonical" href="/', "")
