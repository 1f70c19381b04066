"""Save-to-reload latency of `sitegen serve`: the time from writing a file to the reload message
a browser receives, median of N edits.

Usage: python bench/serve_latency.py SITE_DIR [--edits 10]
(SITE_DIR is copied first, so the site itself is never touched.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
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


async def measure(port: int, target: Path, edits: int) -> list[float]:
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": "http://x/"}))
    await asyncio.sleep(0.3)
    original = target.read_text("utf-8")
    times = []
    for n in range(edits):
        started = time.perf_counter()
        target.write_text(original + f"\n<!-- edit {n} -->\n", "utf-8")
        await asyncio.wait_for(connection.read_message(), 120)
        times.append(time.perf_counter() - started)
        await asyncio.sleep(0.3)
    target.write_text(original, "utf-8")
    connection.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    site = work / "site"
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("output", ".*"))
    target = sorted((site / "content" / "resolutions").rglob("*.md"))[0]
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
        times = asyncio.run(measure(port, target, args.edits))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"save → reload over {len(times)} edits: median {statistics.median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
