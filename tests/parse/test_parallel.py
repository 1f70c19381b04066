"""Parsing in a process pool gives exactly what parsing in one process gives, in order."""

from __future__ import annotations

import sitegen.parse
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
