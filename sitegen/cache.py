"""The build cache (`.sitegen-cache/` beside `sitegen.toml`): earlier results found by fingerprint.

DESIGN §3.1 rule 10: incremental work is driven by fingerprints of inputs, never by a recorded
dependency graph. A fingerprint hashes everything a result was computed from — the input
itself, the sitegen code that computed it and the settings it read — so a hit is the result a
fresh computation would give, and a stale entry is merely never asked for again. Entries are
pickles written atomically (temporary file + rename): a killed build leaves no torn entry, and
an unreadable one is treated as a miss. Deleting the folder is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

CACHE_DIR = ".sitegen-cache"
# Libraries whose version changes what sitegen computes from the same input.
_LIBRARIES = (
    "markdown-it-py",
    "pymorphy3",
    "nh3",
    "babel",
    "jinja2",
    "icalendar",
    "pagefind",
    "zstandard",
)


def fingerprint(*parts: object) -> str:
    """A hex digest of the parts' pickles: equal parts give equal digests, in any process.

    The pickler runs without its memo ("fast" mode): otherwise a value met twice is written
    once and then referenced, so equal values built differently (parsed now or loaded from the
    cache) would pickle differently. No `set` may be among the parts: its order follows the
    string hash seed. Callers pass tuples, dicts and frozen dataclasses.

    The parts are pickled as one tuple, by one pickler: a pickler and a buffer per part made
    a page's key cost twice as much (a rebuild keys every page of the site).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: identity never shows in the bytes
    pickler.dump(parts)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=20).hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """For code that makes many objects that live on (results loaded from the cache, the linked
    archive): the cyclic collector would walk the growing heap again and again for nothing
    (7 % of a one-file rebuild at 1k). What was made is then frozen, out of the collector's
    sight: else the first collection walks all of it (0.6 s at 10k), and forked render workers
    would touch (and so copy) its memory pages. Reference counting still frees it. Not for
    parsing, whose garbage has cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@cache
def code_fingerprint() -> str:
    """Every source file of the sitegen package and the versions of the libraries it leans on."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".yaml"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


class Store:
    """Pickled values under `root/<kind>/<key[:2]>/<key>`; `Store(None)` remembers nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._base = None if root is None else str(root)

    def _path(self, kind: str, key: str) -> str | None:
        """A string, not a Path: a build loads 10,000 parse results (pathlib's joins were 8 %
        of that)."""
        return None if self._base is None else f"{self._base}/{kind}/{key[:2]}/{key}"

    def load(self, kind: str, key: str) -> Any | None:
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            with open(path, "rb") as stream:
                return pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # a torn or foreign file is a miss, never a failed build
            return None

    def save(self, kind: str, key: str, value: object) -> None:
        self._write(kind, key, lambda stream: pickle.dump(value, stream, protocol=5))

    def save_pickled(self, kind: str, key: str, pickled: bytes) -> None:
        """A value its caller pickled, as it needs the bytes too (a parse worker sends the
        same bytes to the main process: pickling a result twice was 2 s of a 10k build)."""
        self._write(kind, key, lambda stream: stream.write(pickled))

    def _write(self, kind: str, key: str, dump: Callable[[BinaryIO], object]) -> None:
        """Written beside the entry and renamed over it. The temporary name is this process's
        and thread's own (tempfile's random names cost a fifth of writing a parse result)."""
        path = self._path(kind, key)
        if path is None:
            return
        temporary = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as stream:
                dump(stream)
            os.replace(temporary, path)
        except OSError:  # a read-only or full disk costs speed, not the build
            with suppress(OSError):
                os.remove(temporary)

    def keep(self, kind: str, key: str, value: object) -> None:
        """`value` was saved under `key` by another process: only a memory store minds."""


class MemoryStore(Store):
    """A Store that also keeps what it loads and saves in memory, for a long-lived process
    (`serve`): unpickling a large site's parse results after every save costs more than
    parsing the file that changed."""

    def __init__(self, root: Path | None) -> None:
        super().__init__(root)
        self._kept: dict[tuple[str, str], Any] = {}

    def load(self, kind: str, key: str) -> Any | None:
        if (kind, key) not in self._kept:
            value = super().load(kind, key)
            if value is None:
                return None
            self._kept[kind, key] = value
        return self._kept[kind, key]

    def save(self, kind: str, key: str, value: object) -> None:
        self._kept[kind, key] = value
        super().save(kind, key, value)

    def keep(self, kind: str, key: str, value: object) -> None:
        self._kept[kind, key] = value
