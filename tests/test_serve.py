"""`sitegen serve` for real: a server on loopback, a browser-like websocket client, edits on
disk, and the reload message and new content within a bounded time."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from tornado.websocket import websocket_connect
from watchdog.events import FileClosedEvent, FileModifiedEvent, FileMovedEvent

from sitegen import serve
from sitegen.cli import main

TIMEOUT = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, what: str) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT:
        try:
            if condition():
                return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    log = tmp_path_factory.mktemp("log") / "serve.log"
    assert main(["init", str(site)]) == 0
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "-C", str(site), "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Архів рішень" in fetch(base), "the first build")
        yield site, base, port, log
    finally:
        process.terminate()
        process.wait(timeout=10)


async def reload_message(port: int, edit) -> dict:
    """Connect like livereload.js does, make the edit, and return the next server message."""
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
    await connection.read_message()
    await connection.write_message(
        json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"})
    )
    await asyncio.sleep(0.2)
    edit()
    message = await asyncio.wait_for(connection.read_message(), TIMEOUT)
    connection.close()
    return json.loads(message)


def test_saving_a_file_rebuilds_and_reloads_the_page(server):
    site, base, port, _ = server
    source = site / "content/resolutions/2024/3-2024.md"
    page = base + "resolutions/2024/3-2024/"
    assert "Завершити ремонтні роботи" in fetch(page)
    assert "livereload.js" in fetch(page)  # the page listens for reloads

    def edit():
        text = source.read_text("utf-8").replace(
            "Завершити ремонтні роботи", "Завершити фарбування"
        )
        source.write_text(text, "utf-8")

    message = asyncio.run(reload_message(port, edit))
    assert message["command"] == "reload"
    assert "Завершити фарбування" in fetch(page)


def test_a_broken_save_keeps_the_last_good_site_and_shows_an_overlay(server):
    site, base, port, _ = server
    source = site / "content/resolutions/2024/3-2024.md"
    page = base + "resolutions/2024/3-2024/"

    def break_it():
        source.write_text(
            source.read_text("utf-8").replace("date: 2024-05-15", "date: 2024-02-30"), "utf-8"
        )

    asyncio.run(reload_message(port, break_it))
    html = fetch(page)
    assert 'id="sitegen-overlay"' in html
    assert "content/resolutions/2024/3-2024.md:5:1: error:" in html
    assert "Завершити ремонтні роботи" in html  # the last good page is still served
    source.write_text(
        source.read_text("utf-8").replace("date: 2024-02-30", "date: 2024-05-15"), "utf-8"
    )
    wait_for(lambda: "sitegen-overlay" not in fetch(page), "the overlay to go away")


def test_a_burst_of_saves_gives_one_rebuild(server):
    site, base, _, log = server
    about = site / "content/pages/about.md"
    for n in range(8):
        about.write_text(f"---\ntitle: Про архів\n---\nВерсія {n}\n", "utf-8")
        time.sleep(0.01)
    wait_for(lambda: "Версія 7" in fetch(base + "about/"), "the last version")
    time.sleep(0.5)
    assert log.read_text("utf-8").count("rebuilt: ok") == 2  # the first build and one more


def test_a_folder_without_its_slash_redirects_and_a_missing_page_is_404(server):
    _, base, _, _ = server

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(base + "about", timeout=5)
    assert moved.value.code == 301
    assert moved.value.headers["Location"].endswith("/about/")
    assert "Про" in fetch(base + "about/")
    with pytest.raises(urllib.error.HTTPError) as missing:
        opener.open(base + "no-such-page/", timeout=5)
    assert missing.value.code == 404
    assert "livereload.js" in missing.value.read().decode("utf-8")  # the site's own 404 page


def test_a_finished_save_is_refreshed_without_waiting_out_the_quiet_interval(tmp_path, monkeypatch):
    delays: list[float] = []

    class Timer:  # records the delay each event asks for, and never fires
        def __init__(self, delay: float, function) -> None:
            delays.append(delay)
            self.daemon = True

        def start(self) -> None:
            return None

        def cancel(self) -> None:
            return None

    monkeypatch.setattr(serve.threading, "Timer", Timer)
    handler = serve.Rebuilder(lambda: None, tmp_path / "output")
    page = str(tmp_path / "content" / "resolutions" / "a.md")
    handler.on_any_event(FileModifiedEvent(page))
    handler.on_any_event(FileClosedEvent(page))
    handler.on_any_event(FileMovedEvent(page + ".tmp~", page))
    handler.on_any_event(FileModifiedEvent(str(tmp_path / "output" / "index.html")))
    assert delays == [serve.DEBOUNCE_SECONDS, serve.SETTLE_SECONDS, serve.SETTLE_SECONDS]
    assert serve.SETTLE_SECONDS < serve.DEBOUNCE_SECONDS
