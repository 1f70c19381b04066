"""Parsing in a process pool gives exactly what parsing in one process gives, in order."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys

import pytest

import sitegen.parse
from sitegen.cache import LAYOUT, MemoryStore, Store
from sitegen.config import load_config
from sitegen.load import load_sources
from sitegen.parse import parse_documents
from sitegen.workers import WorkerLost
from support import ROOT, within


def test_pool_and_single_process_agree(monkeypatch):
    config, _ = load_config(ROOT)
    sources, _ = load_sources(config.content_dir, config.root)
    single = parse_documents(sources, config, jobs=1)
    monkeypatch.setattr(sitegen.parse, "PARALLEL_FROM", 1)
    pooled = parse_documents(sources, config, jobs=2)
    assert pooled == single
    assert len(pooled[0].resolutions) == 4


def _never(*_: object) -> None:
    raise AssertionError("parsed again instead of taken from the cache")


def test_what_the_pool_parsed_is_in_the_cache_for_the_next_run(tmp_path, monkeypatch):
    """Workers save their results themselves; `serve`'s memory store keeps them too."""
    config, _ = load_config(ROOT)
    sources, _ = load_sources(config.content_dir, config.root)
    monkeypatch.setattr(sitegen.parse, "PARALLEL_FROM", 1)
    memory = MemoryStore(tmp_path / "cache")
    pooled = parse_documents(sources, config, jobs=2, store=memory)
    saved = [p for p in (tmp_path / "cache" / LAYOUT / "parse").rglob("*") if p.is_file()]
    assert len(saved) == len(sources)
    monkeypatch.setattr(sitegen.parse, "_guarded", _never)
    monkeypatch.setattr(sitegen.parse, "_parsed_and_saved", _never)
    cached = Store(tmp_path / "cache")
    assert parse_documents(sources, config, jobs=2, store=cached) == pooled
    shutil.rmtree(tmp_path / "cache")
    assert parse_documents(sources, config, jobs=2, store=memory) == pooled


def test_results_from_the_cache_share_their_repeated_values(tmp_path):
    """A 50,000-document archive must build in 2 GiB: clause numbers and anchors come back
    from the cache interned, and equal deadlines as one object, yet equal to what was parsed."""
    config, _ = load_config(ROOT)
    sources, _ = load_sources(config.content_dir, config.root)
    parsed, _ = parse_documents(sources, config, jobs=1, store=Store(tmp_path / "cache"))
    loaded, _ = parse_documents(sources, config, jobs=1, store=Store(tmp_path / "cache"))
    assert loaded == parsed
    clauses = [c for r in loaded.resolutions for c in r.clauses]
    assert all(c.number is sys.intern(c.number.encode().decode()) for c in clauses)
    assert all(c.anchor is sys.intern(c.anchor.encode().decode()) for c in clauses)
    deadlines = {c.deadline for c in clauses if c.deadline}
    by_value = {d: [c.deadline for c in clauses if c.deadline == d] for d in deadlines}
    assert all(all(d is found[0] for d in found) for found in by_value.values())
    assert any(len(found) > 1 for found in by_value.values())


def test_a_fresh_process_unpickles_what_a_worker_sent():
    """A pool worker's parse result reaches a main process that may not have pickled a shared
    record yet (a cold build): it must unpickle there all the same."""
    config, _ = load_config(ROOT)
    sources, _ = load_sources(config.content_dir, config.root)
    parsed, _ = parse_documents(sources, config, jobs=1)
    sent = pickle.dumps(parsed.resolutions)
    received = subprocess.run(
        [sys.executable, "-c", RECEIVER],
        input=sent,
        capture_output=True,
        check=False,
    )
    assert received.returncode == 0, received.stderr.decode()
    assert pickle.loads(received.stdout) == parsed.resolutions


RECEIVER = """
import pickle, sys
resolutions = pickle.loads(sys.stdin.buffer.read())
sys.stdout.buffer.write(pickle.dumps(resolutions))
"""


def test_a_killed_parse_worker_is_reported_not_waited_for(monkeypatch):
    config, _ = load_config(ROOT)
    sources, _ = load_sources(config.content_dir, config.root)
    monkeypatch.setattr(sitegen.parse, "PARALLEL_FROM", 1)
    parse = sitegen.parse._read_and_parsed

    def killed(file, config):
        if file.path == sources[-1].path:
            os.kill(os.getpid(), signal.SIGKILL)
        return parse(file, config)

    monkeypatch.setattr(sitegen.parse, "_read_and_parsed", killed)
    with within(60), pytest.raises(WorkerLost):
        parse_documents(sources, config, jobs=2)
