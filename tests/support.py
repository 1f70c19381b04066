"""Helpers shared by the tests: where the project is, the fixed "today" of the sample build,
and a walker that reports every internal link or #anchor of a built site that does not resolve."""

from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from sitegen.build import build
from sitegen.config import SiteConfig, load_config

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TODAY = date(2020, 6, 15)
PUBLIC_URL = "https://school.example/arch/"  # the sample built as a deployed site


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: compare two builds, or a site before and after."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sample_copy(folder: Path) -> SiteConfig:
    """The bundled sample in a folder of its own, with the tests' fixed "today"."""
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copy(ROOT / "sitegen.toml", folder / "sitegen.toml")
    config, problems = load_config(folder)
    assert not problems
    return replace(config, today=SAMPLE_TODAY)


def clean_build(config: SiteConfig, out: Path) -> dict[str, bytes]:
    """What a build without any cache and into an empty folder gives."""
    result = build(replace(config, output=str(out)), strict=True, cache=False)
    assert result.published is not None
    return tree(out)


def edit(config: SiteConfig, path: str, old: str, new: str) -> None:
    file = config.root / path
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")


@contextlib.contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the test run, when the block takes longer than `seconds`."""

    def expired(*_: object) -> None:
        raise AssertionError(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def build_command(out: Path, *options: str) -> list[str]:
    """`python -m sitegen -C <project> build --out OUT …`: the sample built by a fresh process."""
    return [sys.executable, "-m", "sitegen", "-C", str(ROOT), "build", "--out", str(out), *options]


def seminar(number: str = "5", front_matter: str = "") -> str:
    """A small valid resolution, for tests that build throwaway sites."""
    return f"""---
title: Про проведення семінару
body: Колегія управління освіти
date: 2020-03-04
number: "{number}"
addressees: [Міський методичний центр]
{front_matter}---
Міському методичному центру:

1.1. Провести семінар.
Квітень 2020 р.
"""


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links checked, failures) over every HTML file except the 404 page (absolute links)."""
    checked, broken = 0, []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link"], href=True):
            href = str(tag["href"])
            parts = urlsplit(href)
            if (
                parts.scheme
                or parts.netloc
                or (tag.name == "link" and tag.get("rel") == ["canonical"])
            ):
                continue
            checked += 1
            target = page
            if parts.path:
                relative = posixpath.normpath(
                    posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path))
                )
                target = site / relative
                if target.is_dir():
                    target = target / "index.html"
            if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            if (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _ids(target)
            ):
                broken.append(f"{page.relative_to(site)}: {href} (no #{parts.fragment})")
    return checked, broken


@contextlib.contextmanager
def served(
    site: Path, prefix: str = "/school/", headers: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 under `prefix`, quietly, as the host does: `headers` on
    every response, 404.html for anything missing. Yields the site's URL."""
    extra = dict(headers or {})
    missing = (site / "404.html").read_bytes() if (site / "404.html").exists() else b"not found"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            inside = path.startswith(prefix)  # anything else is a 404, as on the real host
            return super().translate_path("/" + path[len(prefix) :] if inside else "/.missing")

        def end_headers(self) -> None:
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

        def send_error(self, code: int, message: str | None = None, explain=None) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(missing)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(missing)

        def log_message(self, format: str, *args: object) -> None:
            return None

    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def spy(monkeypatch, owner: object, name: str, note: Callable[..., object]) -> None:
    """Wrap `owner.name` for the test: each call is shown to `note` (same arguments) first."""
    original = getattr(owner, name)

    def spied(*args: object, **kwargs: object) -> object:
        note(*args, **kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spied)
