"""The bundled sample built once more with a full public base URL, as a real deployment is:
feeds and calendars then carry absolute links and URL ids."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import load_config
from support import PUBLIC_URL, ROOT, SAMPLE_TODAY


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "output"
    config, problems = load_config(ROOT)
    assert not problems
    config = replace(config, output=str(out), today=SAMPLE_TODAY, base_url=PUBLIC_URL)
    result = build(config, strict=True)
    assert result.published is not None, "\n".join(result.report.lines())
    return out
