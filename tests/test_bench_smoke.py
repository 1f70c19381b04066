"""The benchmark itself must keep working: a 100-document smoke run on every CI run."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def test_benchmark_smoke_run(tmp_path):
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "100", "--runs", "1"]
    command += ["--smoke", "--work", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    table = result.stdout
    for row in ("| sitegen cold |", "| floor d (process pool) |", "| sitegen no-op rebuild |"):
        assert row in table
    assert (
        "| sitegen one resolution edited |" in table
        and "| sitegen one addressee renamed |" in table
    )
