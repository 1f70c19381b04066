"""Stage 1, load: find content files and read them into Source values."""

from __future__ import annotations

from pathlib import Path

from sitegen.diagnostics import Diagnostic
from sitegen.load.discover import discover, site_path
from sitegen.load.source import read_source
from sitegen.model import Source


def load_sources(content_dir: Path, site_root: Path) -> tuple[list[Source], list[Diagnostic]]:
    """Every readable content file as a Source; unreadable ones as diagnostics."""
    files, problems = discover(content_dir, site_root)
    sources: list[Source] = []
    for path, section in files:
        source, found = read_source(path.read_bytes(), site_path(path, site_root), section)
        problems.extend(found)
        if source is not None:
            sources.append(source)
    return sources, problems
