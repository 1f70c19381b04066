"""The commands of DESIGN §2.1 end to end: init, build options, determinism, serving under a
sub-path, today from SOURCE_DATE_EPOCH, and a theme overridden by the site."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import sitegen.build
from sitegen.cli import main
from support import ROOT, build_command, tree


def test_init_creates_a_site_that_builds_strictly(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site")]) == 0
    assert main(["-C", str(tmp_path / "site"), "build", "--strict"]) == 0
    assert (tmp_path / "site/output/resolutions/2024/3-2024/index.html").is_file()
    assert main(["init", str(tmp_path / "site")]) == 2
    assert "уже існує" in capsys.readouterr().err


def test_base_url_goes_into_canonical_links_and_the_sitemap(tmp_path):
    out = tmp_path / "out"
    code = main(
        ["-C", str(ROOT), "build", "--out", str(out), "--base-url", "https://school.example/arch"]
    )
    assert code == 0
    html = (out / "resolutions/2020/1-2020-3/index.html").read_text("utf-8")
    assert (
        '<link rel="canonical" href="https://school.example/arch/resolutions/2020/1-2020-3/">'
        in html
    )
    assert "<loc>https://school.example/arch/about/</loc>" in (out / "sitemap.xml").read_text(
        "utf-8"
    )


def test_two_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1592179200"}
        subprocess.run(build_command(out, "--strict"), env=env, check=True, capture_output=True)
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    assert b'datetime="2020-06-15"' in outputs[0]["index.html"]  # today from SOURCE_DATE_EPOCH


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        wanted = tag in ("a", "link") and dict(attrs).get("rel") != "canonical"
        if wanted and href and not href.startswith("data:"):  # data: is the empty favicon
            self.links.append(href)


def test_site_works_when_served_under_a_sub_path(tmp_path):
    out = tmp_path / "www" / "school"
    assert main(["-C", str(ROOT), "build", "--out", str(out), "--base-url", "/school/"]) == 0
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www")
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        start = f"http://127.0.0.1:{server.server_port}/school/"
        seen, queue = set(), [start]
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            with urllib.request.urlopen(url) as response:  # raises on 404
                body = response.read()
            if url.endswith((".html", "/")):
                parser = _Links()
                parser.feed(body.decode("utf-8"))
                for href in parser.links:
                    target = urljoin(url, href).split("#")[0]
                    assert urlsplit(target).path.startswith("/school/"), (url, href)
                    queue.append(target)
        assert len(seen) > 40
    finally:
        server.shutdown()


def test_site_templates_override_the_theme_one_file_at_a_time(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(
        '{% extends "theme/page.html" %}{% block title %}Перевизначено{% endblock %}',
        encoding="utf-8",
    )
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "extra.css").write_text("body{}", encoding="utf-8")
    assert main(["-C", str(tmp_path), "build"]) == 0
    about = (tmp_path / "output/about/index.html").read_text("utf-8")
    assert "<title>Перевизначено ·" in about and "Про архів" in about
    assert len(list((tmp_path / "output/static").glob("extra.*.css"))) == 1
    assert len(list((tmp_path / "output/static").glob("style.*.css"))) == 1


def test_output_does_not_depend_on_file_system_order(tmp_path):
    """The same files created in opposite orders (so listed differently) build the same bytes."""
    files = sorted(p for p in (ROOT / "content").rglob("*") if p.is_file())
    outputs = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        site = tmp_path / name
        for path in order:
            target = site / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        (site / "sitegen.toml").write_bytes(
            (ROOT / "sitegen.toml").read_bytes() + b"today = 2020-06-15\n"
        )
        assert main(["-C", str(site), "build", "--strict"]) == 0
        outputs.append(tree(site / "output"))
    assert outputs[0] == outputs[1]


def test_clean_build_renders_every_page_again_and_refills_the_cache(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    assert main(["--lang", "en", "-C", str(site), "build"]) == 0
    pages = sum(1 for _ in (site / "output").rglob("*.html"))
    assert main(["--lang", "en", "-C", str(site), "build"]) == 0
    assert capsys.readouterr().err.rstrip().endswith("pages rendered: 0")
    before = tree(site / "output")
    (site / ".sitegen-cache" / "left by an older sitegen").write_bytes(b"")
    assert main(["--lang", "en", "-C", str(site), "build", "--clean"]) == 0
    assert capsys.readouterr().err.rstrip().endswith(f"pages rendered: {pages}")
    assert tree(site / "output") == before
    assert not (site / ".sitegen-cache" / "left by an older sitegen").exists()
    # …and leaves a cache behind it: the next build has nothing to do.
    assert main(["--lang", "en", "-C", str(site), "build"]) == 0
    assert capsys.readouterr().err.rstrip().endswith("pages rendered: 0")


def test_a_broken_translation_file_names_itself_and_fails_the_build(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    (site / "translations").mkdir()
    catalogue = site / "translations" / "uk.yaml"
    for broken in (b"nav.home: [\n", b"\xff\xfe"):
        catalogue.write_bytes(broken)
        capsys.readouterr()
        assert main(["-C", str(site), "--lang", "en", "build"]) == 2
        assert f"theme problem: {catalogue}: invalid YAML" in capsys.readouterr().err
        assert not (site / "output").exists()


def test_the_command_says_everything_and_keeps_its_exit_code(tmp_path):
    """`sitegen` ends without the interpreter's teardown: what it printed is all there, and
    the exit code is the build's."""
    command = [sys.executable, "-m", "sitegen", "--lang", "en"]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    inspected = subprocess.run(
        [*command, "-C", str(ROOT), "inspect", "--json", *SAMPLE_RESOLUTIONS],
        capture_output=True,
        check=False,
        env=buffered,
    )
    assert inspected.returncode == 0
    assert inspected.stdout.endswith(b"]\n")
    shown = json.loads(inspected.stdout)
    assert [r["source"] for r in shown] == SAMPLE_RESOLUTIONS
    assert all(r["clauses"] for r in shown)
    invalid = ROOT / "tests/sites/invalid/broken-yaml"
    failed = subprocess.run(
        [*command, "-C", str(invalid), "build", "--clean", "--out", str(tmp_path / "out")],
        capture_output=True,
        check=False,
        env=buffered,
    )
    assert failed.returncode == 1
    assert b"error:" in failed.stderr and failed.stderr.endswith(b"\n")
    assert not (tmp_path / "out").exists()


SAMPLE_RESOLUTIONS = [
    f"content/resolutions/{path}.md"
    for path in ("2015/rezolyutsiya-oblastnogo-vebinara-rukovoditeley", "2020/1-2020-3")
]


def test_ctrl_c_stops_a_build_with_a_message_and_the_site_as_it_was(tmp_path, monkeypatch, capsys):
    """An editor's Ctrl+C mid-build: no traceback, exit 130, output/ untouched."""
    out = tmp_path / "out"
    command = ["-C", str(ROOT), "--lang", "en", "build", "--out", str(out), "--clean"]
    assert main(command) == 0
    published = tree(out)

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sitegen.build, "link_site", interrupted)
    capsys.readouterr()
    assert main(command) == 130
    said = capsys.readouterr().err
    assert said == "sitegen: stopped (Ctrl+C); output/ was left as it was\n"
    assert tree(out) == published
