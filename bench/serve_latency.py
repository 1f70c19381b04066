"""Save-to-reload latency of `sitegen serve`: the time from writing a file to the reload message
a browser receives, and to the edited page fetched after it (what the editor waits for), median
of N edits.

Usage: python bench/serve_latency.py SITE_DIR [--edits 10]
(SITE_DIR is copied first, so the site itself is never touched.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tornado.websocket import websocket_connect


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def measure(port: int, target: Path, page: str, edits: int) -> tuple[list, list]:
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": "http://x/"}))
    await asyncio.sleep(0.3)
    original = target.read_text("utf-8")
    url = f"http://127.0.0.1:{port}{page}"
    before = urllib.request.urlopen(url, timeout=120).read()
    reloads, pages = [], []
    for n in range(edits):
        started = time.perf_counter()
        target.write_text(
            re.sub(r"^(title: .*)$", rf"\1 ({n})", original, count=1, flags=re.M), "utf-8"
        )
        await asyncio.wait_for(connection.read_message(), 120)
        reloads.append(time.perf_counter() - started)
        after = urllib.request.urlopen(url, timeout=120).read()
        pages.append(time.perf_counter() - started)
        if after == before:
            raise RuntimeError(f"{page} did not change after edit {n}")
        before = after
        await asyncio.sleep(0.3)
    target.write_text(original, "utf-8")
    connection.close()
    return reloads, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    site = work / "site"
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("output", ".*"))
    target = sorted((site / "content" / "resolutions").rglob("*.md"))[0]
    inspected = subprocess.run(
        [sys.executable, "-m", "sitegen", "-C", str(site), "inspect", str(target), "--json"],
        capture_output=True,
        check=True,
    )
    (described,) = json.loads(inspected.stdout)
    page = described["url"]
    port = free_port()
    command = [sys.executable, "-m", "sitegen", "-C", str(site), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        reloads, pages = asyncio.run(measure(port, target, page, args.edits))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    for what, times in (("reload message", reloads), ("edited page fetched", pages)):
        print(
            f"save → {what} over {len(times)} edits: median "
            f"{statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
