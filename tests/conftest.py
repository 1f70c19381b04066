"""Shared fixtures: throwaway sites written from dicts, and one build of the bundled sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import SiteConfig, load_config
from support import PUBLIC_URL, ROOT, SAMPLE_TODAY


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


def build_sample(out: Path, **overrides: object) -> Path:
    """Build the bundled content/ into `out` with a fixed "today" (overdue lists stay stable)."""
    config, problems = load_config(ROOT)
    assert not problems
    config = replace(config, output=str(out), today=SAMPLE_TODAY, **overrides)
    result = build(config, strict=True)
    assert result.published is not None, "\n".join(result.report.lines())
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample, built once, served from any path (base_url "/")."""
    return build_sample(tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as deployed (a full base_url): canonical links, feeds and calendars
    carry absolute URLs."""
    return build_sample(tmp_path_factory.mktemp("public") / "output", base_url=PUBLIC_URL)
