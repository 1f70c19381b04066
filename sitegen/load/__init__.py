"""Stage 1, load: find content files, check that each reads as a document, and list them
with the digests of their bytes (parse reads the text again when it needs it)."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.diagnostics import Diagnostic
from sitegen.load.discover import discover
from sitegen.load.source import read_source
from sitegen.model import ContentFile

_Read = tuple[ContentFile | None, list[Diagnostic]]
Known = dict[str, tuple[tuple[int, int], _Read]]  # path → (mtime_ns, size), what reading gave


def load_sources(
    content_dir: Path, site_root: Path, known: Known | None = None
) -> tuple[list[ContentFile], list[Diagnostic]]:
    """Every readable content file, listed; unreadable ones as diagnostics.

    `known` (path → (mtime_ns, size), what reading it gave) lets a long-lived caller such as
    `serve` re-read only the files whose size or mtime changed; it is updated in place.
    """
    files, problems = discover(content_dir, site_root)
    listed: list[ContentFile] = []
    seen: Known = {}
    for path, name, section in files:
        if known is None:  # a build reads every file once: no stamps needed
            source, found = _listed(path, name, section)
        else:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_size)
            previous = known.get(name)
            read = previous[1] if previous and previous[0] == stamp else None
            if read is None:
                read = _listed(path, name, section)
            seen[name] = (stamp, read)
            source, found = read
        problems.extend(found)
        if source is not None:
            listed.append(source)
    if known is not None:
        known.clear()
        known.update(seen)
    return listed, problems


def _listed(file: str, name: str, section: str) -> _Read:
    with open(file, "rb") as stream:
        source, found = read_source(stream.read(), name, section)
    return (None if source is None else ContentFile(name, section, source.digest)), found
