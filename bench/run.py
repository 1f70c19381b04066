"""The sitegen benchmark: cold, no-op and incremental builds against the pure-Python floor and
the peer generators, in one run, on corpora made by gen_corpus.py.

Usage:
  python bench/run.py                      # 1k (5 runs) and 10k (3 runs), everything installed
  python bench/run.py --sizes 100 --runs 1 --smoke    # what CI runs, so the benchmark never rots
  python bench/run.py --sizes 1000 --peers ../shared/bench/peers

Every figure is a whole process timed from outside (wall clock, and peak RSS from wait4), the
median over the runs; commands are alternated run by run so that the machine's drift hits them
alike. Ratios are of medians measured in this run. Results go to stdout as Markdown and to
bench/results/<date>-<sizes>.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SITEGEN = [PYTHON, "-m", "sitegen", "--lang", "en"]
PEERS = ("hugo", "eleventy", "mkdocs", "pelican")
PEER_OUTPUT = {"hugo": "public", "pelican": "output", "eleventy": "_site", "mkdocs": "site"}


@dataclass
class Measure:
    """One command's runs: wall seconds and peak RSS (MiB) per run, pages written."""

    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)
    pages: int = 0
    rendered: list[int] = field(default_factory=list)  # pages sitegen reports it rendered

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def peak_median(self) -> float:
        return statistics.median(self.peak) if self.peak else float("nan")


LAST_RENDERED: list[int] = []  # what the last sitegen run said it rendered


def timed(
    command: list[str], cwd: Path | None = None, env: dict | None = None
) -> tuple[float, float]:
    """Run a command to completion; its wall time and the peak RSS of its process tree's root
    (ru_maxrss of the waited-for children: the largest single process, as the peers' table)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({status}):\n{text[-2000:]}")
    if found := re.search(r"pages rendered: (\d+)", text):
        LAST_RENDERED[:] = [int(found.group(1))]
    return wall, usage.ru_maxrss / 1024


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.exists() else 0


def generate(size: int, work: Path) -> Path:
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        subprocess.run([PYTHON, str(HERE / "gen_corpus.py"), str(size), str(corpus)], check=True)
    return corpus


def sitegen_site(corpus: Path, work: Path) -> Path:
    """The corpus as a sitegen site; numbers the generator repeats within a body get a suffix,
    because sitegen (rightly) refuses a duplicate number of the same issuing body."""
    site = work / f"site-{corpus.name}"
    if site.exists():
        return site
    target = site / "content" / "resolutions"
    shutil.copytree(corpus, target)
    seen: set[tuple[str, str]] = set()
    for path in sorted(target.rglob("*.md")):
        text = path.read_text("utf-8")
        body = re.search(r"^body: (.*)$", text, re.M)
        number = re.search(r"^number: (.*)$", text, re.M)
        if body and number:
            key = (body.group(1), number.group(1))
            if key in seen:
                text = text.replace(number.group(0), f"number: {number.group(1)}-{path.stem}", 1)
                path.write_text(text, "utf-8")
            seen.add(key)
    (site / "sitegen.toml").write_text(
        'title = "Benchmark"\nlanguage = "uk"\ntoday = 2024-06-01\n', "utf-8"
    )
    return site


def edit_resolution(site: Path) -> Callable[[], None]:
    path = sorted((site / "content" / "resolutions").rglob("*.md"))[
        len(list((site / "content" / "resolutions").rglob("*.md"))) // 2
    ]
    original = path.read_text("utf-8")
    editions = itertools.count(1)

    def edit() -> None:
        """Every other call edits, each time differently (no cache has seen the new text,
        as after an editor's save); the calls between restore the original."""
        text = path.read_text("utf-8")
        edited = text.replace("Заслухавши", f"Заслухавши (ред. {next(editions)})", 1)
        path.write_text(edited if text == original else original, "utf-8")

    return edit


def edit_addressee_name(site: Path) -> Callable[[], None]:
    """Rename one addressee in one resolution (keeping the old name as an alias)."""
    path = sorted((site / "content" / "resolutions").rglob("*.md"))[0]
    original = path.read_text("utf-8")
    first = re.search(r"^addressees:\n- (.*)$", original, re.M)
    assert first, path
    name = first.group(1)
    editions = itertools.count(1)

    def edit() -> None:
        """As `edit_resolution`'s: a new name at every other call, the original between."""
        renamed = original.replace(
            f"addressees:\n- {name}\n",
            f"addressees:\n- name: {name} (нова назва {next(editions)})\n  aliases: [{name}]\n",
            1,
        )
        current = path.read_text("utf-8")
        path.write_text(renamed if current == original else original, "utf-8")

    return edit


def bench_size(size: int, runs: int, work: Path, peers_dir: Path | None) -> dict:
    corpus = generate(size, work)
    site = sitegen_site(corpus, work)
    out = work / f"out-{size}"
    cache = site / ".sitegen-cache"
    floor_out = work / f"floor-{size}"
    results: dict[str, Measure] = {}

    def sitegen(*extra: str) -> list[str]:
        return [*SITEGEN, "-C", str(site), "build", "--out", str(out), *extra]

    def cold(*extra: str) -> tuple[float, float]:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(out.with_name(f".{out.name}.spare"), ignore_errors=True)  # the old tree
        shutil.rmtree(cache, ignore_errors=True)
        return timed(sitegen(*extra))

    commands: dict[str, Callable[[], tuple[float, float]]] = {
        "sitegen cold": cold,
        "sitegen cold --jobs 1": lambda: cold("--jobs", "1"),
        "floor c (1 process)": lambda: (
            shutil.rmtree(floor_out, ignore_errors=True),
            timed([PYTHON, str(HERE / "lower_bound.py"), "c", str(corpus), str(floor_out)]),
        )[1],
        "floor d (process pool)": lambda: (
            shutil.rmtree(floor_out, ignore_errors=True),
            timed([PYTHON, str(HERE / "lower_bound.py"), "d", str(corpus), str(floor_out)]),
        )[1],
    }
    if peers_dir is not None:
        peer_work = work / f"peers-{size}"
        if not peer_work.exists():
            subprocess.run(
                [PYTHON, str(peers_dir / "prepare.py"), str(corpus), str(peer_work)], check=True
            )
        for tool in PEERS:
            if shutil.which("hugo" if tool == "hugo" else tool) is None:
                continue
            commands[tool] = lambda tool=tool: timed(
                ["sh", str(peers_dir / "build.sh"), tool, str(peer_work / tool)]
            )
    for _ in range(runs):  # alternate the commands run by run
        for name, command in commands.items():
            wall, peak = command()
            measure = results.setdefault(name, Measure())
            measure.wall.append(wall)
            measure.peak.append(peak)
    results["sitegen cold"].pages = count_pages(out)
    results["floor d (process pool)"].pages = count_pages(floor_out)

    # Warm builds start from a complete cold build and its cache.
    cold()
    for name, prepare in (
        ("sitegen no-op rebuild", None),
        ("sitegen one resolution edited", edit_resolution(site)),
        ("sitegen one addressee renamed", edit_addressee_name(site)),
    ):
        measure = results.setdefault(name, Measure())
        for _ in range(runs):
            if prepare:
                prepare()
            wall, peak = timed(sitegen())
            measure.wall.append(wall)
            measure.peak.append(peak)
            measure.rendered.extend(LAST_RENDERED)
            if prepare:
                prepare()  # undo it and rebuild untimed: every run starts from one state
                timed(sitegen())
    return {name: m for name, m in results.items()}


def report(size: int, results: dict[str, Measure]) -> str:
    floor_d = results["floor d (process pool)"].median
    cold = results["sitegen cold"].median
    lines = [
        f"### {size} documents",
        "",
        "| command | wall s (median) | runs | peak MiB | ÷ floor d | sitegen cold ÷ this "
        "| pages rendered |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in results.items():
        ratios = f"{m.median / floor_d:.2f} | {cold / m.median:.2f}"
        rendered = statistics.median(m.rendered) if m.rendered else ""
        lines.append(
            f"| {name} | {m.median:.2f} | {len(m.wall)} | {m.peak_median:.0f} | {ratios} "
            f"| {rendered} |"
        )
    noop = results["sitegen no-op rebuild"].median
    lines += [
        "",
        f"no-op ÷ cold: {noop / cold:.1%}; pages written (cold): {results['sitegen cold'].pages}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument(
        "--runs", type=int, default=0, help="runs per command (default 5 at ≤1k, 3 above)"
    )
    parser.add_argument(
        "--work", default=str(HERE / ".work"), help="corpora and outputs (git-ignored)"
    )
    parser.add_argument("--peers", default=str(HERE.parent.parent / "shared" / "bench" / "peers"))
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI: checks it works")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    peers_dir = (
        Path(args.peers) if Path(args.peers, "prepare.py").exists() and not args.smoke else None
    )
    summary = {}
    for size in (int(s) for s in args.sizes.split(",")):
        runs = args.runs or (5 if size <= 1000 else 3)
        results = bench_size(size, runs, work, peers_dir)
        print(report(size, results), flush=True)
        print()
        summary[size] = {
            name: {"wall": m.wall, "peak_mib": m.peak, "pages": m.pages}
            for name, m in results.items()
        }
    stamp = datetime.now(tz=UTC).strftime("%Y-%m-%d")
    if not args.smoke:
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / f"{stamp}-{args.sizes.replace(',', '-')}.json").write_text(
            json.dumps(summary, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
