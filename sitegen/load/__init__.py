"""Stage 1, load: find content files, check that each reads as a document, and list them
with the digests of their bytes (parse reads the text again when it needs it)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sitegen.diagnostics import Diagnostic
from sitegen.load.discover import discover
from sitegen.load.source import read_source
from sitegen.model import ContentFile

_Read = tuple[ContentFile | None, list[Diagnostic]]
# A file's mtime, ctime, size and inode: any write changes the ctime, which no tool can set.
Stamp = tuple[int, int, int, int]
Known = dict[str, tuple[Stamp, int, _Read]]  # path → stamp, when it was taken, what reading gave
# A file changed within this long before its stamp was taken may change again with the same
# stamp (timestamps advance by clock ticks): it is read again next time.
RACY_NS = 2_000_000_000


def load_sources(
    content_dir: Path, site_root: Path, known: Known | None = None
) -> tuple[list[ContentFile], list[Diagnostic]]:
    """Every readable content file, listed; unreadable ones as diagnostics.

    `known` (what the last call found, kept in memory by `serve` and in the build cache by
    `build`) lets a caller re-read only the files whose stamp changed since; it is updated in
    place. Without it, every file is read.
    """
    files, problems = discover(content_dir, site_root)
    listed: list[ContentFile] = []
    seen: Known = {}
    for path, name, section in files:
        if known is None:
            source, found = _listed(path, name, section)
        else:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
            previous = known.get(name)
            if previous and previous[0] == stamp and stamp[1] < previous[1] - RACY_NS:
                seen[name] = previous
            else:
                seen[name] = (stamp, time.time_ns(), _listed(path, name, section))
            source, found = seen[name][2]
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
