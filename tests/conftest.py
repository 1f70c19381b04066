"""Shared fixtures: throwaway sites written from dicts, and one build of the bundled sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import SiteConfig, load_config
from support import ROOT, SAMPLE_TODAY


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], SiteConfig]:
    """Write {relative path: text} under a temporary site folder and return its config."""

    def make(files: dict[str, str | bytes], **overrides: object) -> SiteConfig:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        config, problems = load_config(tmp_path)
        assert not problems
        return replace(config, **overrides)

    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content/ built once, with a fixed "today" so overdue lists are stable."""
    out = tmp_path_factory.mktemp("sample") / "output"
    config, problems = load_config(ROOT)
    assert not problems
    config = replace(config, output=str(out), today=SAMPLE_TODAY)
    result = build(config, strict=True)
    assert result.published is not None, "\n".join(result.report.lines())
    return out
