"""A build killed with SIGKILL at any moment leaves output/ as the complete previous site or the
complete new one — never a mix, never missing — and the next build cleans up after it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

from support import build_command, tree

RUNS = 24


def command(out: Path, base: str) -> list[str]:
    return build_command(out, "--base-url", base)


def test_sigkill_at_random_moments_never_leaves_a_broken_site(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1592179200"}
    out = tmp_path / "output"
    reference_new = tmp_path / "reference-new"
    subprocess.run(command(reference_new, "/new/"), env=env, check=True, capture_output=True)
    new = tree(reference_new)
    subprocess.run(command(out, "/old/"), env=env, check=True, capture_output=True)
    old = tree(out)
    started = time.perf_counter()
    subprocess.run(command(tmp_path / "timing", "/new/"), env=env, check=True, capture_output=True)
    duration = time.perf_counter() - started

    rng = random.Random(20201)
    outcomes = []
    for _ in range(RUNS):
        process = subprocess.Popen(
            command(out, "/new/"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        current = tree(out)
        differing = sorted(k for k in {*current, *new} if current.get(k) != new.get(k))
        assert current in (old, new), f"a mix of two builds or incomplete: {differing[:5]}"
        outcomes.append("old" if current == old else "new")
        if current == new:  # start the next run from the old site again
            subprocess.run(command(out, "/old/"), env=env, check=True, capture_output=True)
    assert "old" in outcomes  # some kills landed before the swap
    subprocess.run(command(out, "/new/"), env=env, check=True, capture_output=True)
    assert tree(out) == new
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")]
    assert leftovers in ([], [".output.spare"])  # no staging tree, no backup
