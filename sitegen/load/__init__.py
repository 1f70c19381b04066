"""Stage 1, load: find content files and read them into Source values."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.diagnostics import Diagnostic
from sitegen.load.discover import discover
from sitegen.load.source import read_source
from sitegen.model import Source

_Read = tuple[Source | None, list[Diagnostic]]
Known = dict[str, tuple[tuple[int, int], _Read]]  # path → (mtime_ns, size), what reading gave


def load_sources(
    content_dir: Path, site_root: Path, known: Known | None = None
) -> tuple[list[Source], list[Diagnostic]]:
    """Every readable content file as a Source; unreadable ones as diagnostics.

    `known` (path → (mtime_ns, size), what reading it gave) lets a long-lived caller such as
    `serve` re-read only the files whose size or mtime changed; it is updated in place.
    """
    files, problems = discover(content_dir, site_root)
    sources: list[Source] = []
    seen: Known = {}
    for path, name, section in files:
        if known is None:  # a build reads every file once: no stamps needed
            source, found = read_source(_read(path), name, section)
        else:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_size)
            previous = known.get(name)
            read = previous[1] if previous and previous[0] == stamp else None
            if read is None:
                read = read_source(_read(path), name, section)
            seen[name] = (stamp, read)
            source, found = read
        problems.extend(found)
        if source is not None:
            sources.append(source)
    if known is not None:
        known.clear()
        known.update(seen)
    return sources, problems


def _read(file: str) -> bytes:
    with open(file, "rb") as stream:
        return stream.read()
