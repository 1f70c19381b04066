"""Parsing in a process pool gives exactly what parsing in one process gives, in order."""

from __future__ import annotations

import shutil

import sitegen.parse
from sitegen.cache import MemoryStore, Store
from sitegen.config import load_config
from sitegen.load import load_sources
from sitegen.parse import parse_documents
from support import ROOT


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
    saved = [p for p in (tmp_path / "cache" / "parse").rglob("*") if p.is_file()]
    assert len(saved) == len(sources)
    monkeypatch.setattr(sitegen.parse, "_guarded", _never)
    monkeypatch.setattr(sitegen.parse, "_parsed_and_saved", _never)
    cached = Store(tmp_path / "cache")
    assert parse_documents(sources, config, jobs=2, store=cached) == pooled
    shutil.rmtree(tmp_path / "cache")
    assert parse_documents(sources, config, jobs=2, store=memory) == pooled
