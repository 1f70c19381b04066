"""`sitegen serve`: build, serve with live reload, watch the site and refresh what changed.

watchdog reports file changes; a burst of saves is debounced into one refresh of the site in
memory (sitegen/live.py: pages are rendered when the browser asks for them); then the browser
is told to reload through livereload's websocket. A failed rebuild keeps serving
the last good site, and every HTML page then carries an overlay listing the diagnostics, so the
editor sees file, line and message on the page that is already open.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from wsgiref.util import request_uri

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.build import build
from sitegen.config import CONFIG_FILE, SiteConfig, load_config
from sitegen.diagnostics import Report
from sitegen.live import LiveSite, Response

DEBOUNCE_SECONDS = 0.08  # editors write a file in one burst of events within milliseconds
# A file closed after writing, or moved into place (an atomic save), is most likely the burst's
# end: the refresh waits only for a few more events, not for the whole quiet interval.
SETTLE_SECONDS = 0.03
_SAVED = frozenset({"closed", "moved"})
WATCHED = ("content", "themes", "templates", "static", "translations")
_CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})


@dataclass
class Status:
    """What the last build said; read by the web app, written by the rebuild thread."""

    report: Report = field(default_factory=Report)
    failed: bool = False
    builds: int = 0


class _QuietWatcher(Watcher):
    """livereload's own polling watcher is replaced by watchdog; this one never fires."""

    def watch(self, path, func=None, delay=0, ignore=None) -> None:
        return None

    def start(self, callback) -> bool:
        return True

    def examine(self):
        return None, None


class Rebuilder(FileSystemEventHandler):
    """Collects change events and runs one rebuild after a quiet interval."""

    def __init__(self, rebuild: Callable[[], None], output_dir: Path) -> None:
        self._rebuild = rebuild
        self._output_dir = output_dir.resolve()
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES or (
            event.is_directory and event.event_type == "modified"
        ):
            return  # reads (the build's own) and directory mtimes are not edits
        paths = [
            Path(str(p)).resolve() for p in (event.src_path, getattr(event, "dest_path", "")) if p
        ]
        if all(self._ignored(path) for path in paths):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            delay = SETTLE_SECONDS if event.event_type in _SAVED else DEBOUNCE_SECONDS
            self._timer = threading.Timer(delay, self._rebuild)
            self._timer.daemon = True
            self._timer.start()

    def _ignored(self, path: Path) -> bool:
        """Our own output and staging folders, editors' swap and backup files."""
        return path.is_relative_to(self._output_dir) or path.name.startswith((".", "~"))


def overlay(report: Report, lang: str) -> bytes:
    """An overlay for every page while the last build failed: the diagnostics, in place."""
    lines = report.lines("text", lang)
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        '<div id="sitegen-overlay" role="alert" style="position:fixed;inset:auto 0 0 0;'
        "max-height:50vh;overflow:auto;background:#fff4f4;color:#1b1b1b;border-top:4px solid "
        '#a4161a;padding:1rem;font:16px/1.5 system-ui,sans-serif;z-index:99999">'
        f"<strong>{html.escape(report.summary(lang))}</strong>"
        f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    ).encode()


def site_app(output_dir: Path, live: LiveSite, status: Status, lang: str) -> Callable:
    """A WSGI app serving the live site (index.html for folders) plus the failure overlay;
    what the live site does not make (the search index) comes from output/."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/").lstrip("/")
        if path and not path.endswith("/") and _is_folder(live, output_dir, path):
            start_response("301 Moved Permanently", [("Location", request_uri(environ) + "/")])
            return [b""]
        file = path + "index.html" if path.endswith("/") or not path else path
        code, response = "200 OK", _found(live, output_dir, file)
        if response is None:
            code, file, response = "404 Not Found", "404.html", _found(live, output_dir, "404.html")
        body = response.content if response and response.content is not None else b"not found"
        kind = mimetypes.guess_type(file)[0] or "application/octet-stream"
        problems = (response.problems if response else ()) or (
            status.report.diagnostics if status.failed else ()
        )
        if kind == "text/html" and problems:
            body = body.replace(b"</body>", overlay(Report.of(problems), lang) + b"</body>", 1)
        headers = [("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)]
        headers.append(("Cache-Control", "no-store"))
        start_response(code, headers)
        return [body]

    return app


def _is_folder(live: LiveSite, output_dir: Path, path: str) -> bool:
    """A page's folder asked for without its slash (only pages and the search index are)."""
    return live.is_page(path + "/index.html") or (output_dir / path).is_dir()


def _found(live: LiveSite, output_dir: Path, file: str) -> Response | None:
    response = live.get(file)
    if response.content is not None:
        return response
    target = (output_dir / file).resolve()
    if target.is_relative_to(output_dir.resolve()) and target.is_file():
        return Response(target.read_bytes())
    return None


def serve(config: SiteConfig, host: str, port: int, strict: bool = False) -> None:
    """Build once (output/ then holds the search index), then serve the site from memory and
    refresh it on every change until interrupted."""
    status = Status()
    live = LiveSite()
    loop: list[IOLoop] = []
    lock = threading.Lock()
    log = logging.getLogger("sitegen.serve")

    def rebuild() -> None:
        with lock:
            current, problems = load_config(config.root)
            if problems:
                report = Report.of(problems)
            else:
                report = live.refresh(_keep_overrides(current, config), strict)
            status.report, status.failed = report, bool(problems) or report.blocks(strict)
            status.builds += 1
            for line in report.lines("text", config.language):
                log.warning(line)
            outcome = "failed, serving the last good site" if status.failed else "ok"
            log.warning("rebuilt: %s", outcome)
        if loop:
            loop[0].add_callback(LiveReloadHandler.reload_waiters, "*")

    build(config, strict=strict, jobs=os.cpu_count() or 1)  # no threads yet: forking is safe
    rebuild()
    observer = Observer()
    handler = Rebuilder(rebuild, config.output_dir)
    for name in WATCHED:
        if (config.root / name).is_dir():
            observer.schedule(handler, str(config.root / name), recursive=True)
    if (config.root / CONFIG_FILE).exists():
        observer.schedule(handler, str(config.root), recursive=False)
    observer.start()
    app = site_app(config.output_dir, live, status, config.language)
    server = Server(app=app, watcher=_QuietWatcher())
    loop.append(IOLoop.current())
    try:
        server.serve(host=host, port=port, restart_delay=0, debug=False)
    finally:
        observer.stop()
        observer.join(timeout=5)


def _keep_overrides(fresh: SiteConfig, given: SiteConfig) -> SiteConfig:
    """Re-read sitegen.toml on every rebuild, but keep what the command line chose."""
    return fresh.with_overrides(output=given.output, base_url=given.base_url, today=given.today)
