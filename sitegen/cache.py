"""The build cache (`.sitegen-cache/` beside `sitegen.toml`): earlier results found by fingerprint.

DESIGN §3.1 rule 10: incremental work is driven by fingerprints of inputs, never by a recorded
dependency graph. A fingerprint hashes everything a result was computed from — the input
itself, the sitegen code that computed it and the settings it read — so a hit is the result a
fresh computation would give. Each entry sits in a slot named for what it is about (a source,
a page) and carries its fingerprint: a stale entry is a miss, then replaced, so the cache stays
the size of the site. Entries are pickles written atomically (temporary file + rename): a
killed build leaves no torn entry, and an unreadable one is treated as a miss. Deleting the
folder is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

CACHE_DIR = ".sitegen-cache"
LAYOUT = "2"  # the folder of the entries; a new layout gets a new name (see build_store)
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
    """One entry per slot — what the entry is for: a source file, a page, an output folder —
    under `root/<LAYOUT>/<kind>/`, named by the slot's hash. An entry holds its stamp (the
    fingerprint of what its value was computed from) and the pickled value; a load with another
    stamp is a miss, and the next save replaces the entry. So the cache holds one entry per
    source and page, however many versions of them (and of sitegen) were built: keyed by
    fingerprint alone, every edit and every upgrade left its entries behind (a 10,000-document
    site's cache had grown to 612 MB, two thirds of it never to be read again).
    `Store(None)` remembers nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._base = None if root is None else f"{root}/{LAYOUT}"

    def _path(self, kind: str, slot: str) -> str | None:
        """A string, not a Path: a build loads 10,000 parse results (pathlib's joins were 8 %
        of that)."""
        if self._base is None:
            return None
        name = _entry_name(slot)
        return f"{self._base}/{kind}/{name[:2]}/{name}"

    def keep_only(self, kind: str, slots: Iterable[str]) -> None:
        """Delete the entries of `kind` in none of `slots`: what sources deleted or renamed
        since left behind (their slots are never asked for again)."""
        if self._base is None:
            return
        live = set(map(_entry_name, slots))
        with suppress(FileNotFoundError):
            for folder in os.scandir(f"{self._base}/{kind}"):
                for entry in os.scandir(folder.path):
                    if entry.name not in live:
                        with suppress(OSError):
                            os.remove(entry.path)

    def load(self, kind: str, slot: str, stamp: str = "") -> Any | None:
        path = self._path(kind, slot)
        if path is None:
            return None
        try:
            with open(path, "rb") as stream:
                if stream.readline() != _header(stamp):
                    return None
                return pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # a torn or foreign file is a miss, never a failed build
            return None

    def save(self, kind: str, slot: str, value: object, stamp: str = "") -> None:
        self._write(kind, slot, stamp, lambda stream: pickle.dump(value, stream, protocol=5))

    def save_pickled(self, kind: str, slot: str, pickled: bytes, stamp: str = "") -> None:
        """A value its caller pickled, as it needs the bytes too (a parse worker sends the
        same bytes to the main process: pickling a result twice was 2 s of a 10k build)."""
        self._write(kind, slot, stamp, lambda stream: stream.write(pickled))

    def _write(self, kind: str, slot: str, stamp: str, dump: Callable[[BinaryIO], object]) -> None:
        """Written beside the entry and renamed over it. The temporary name is this process's
        and thread's own (tempfile's random names cost a fifth of writing a parse result)."""
        path = self._path(kind, slot)
        if path is None:
            return
        temporary = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as stream:
                stream.write(_header(stamp))
                dump(stream)
            os.replace(temporary, path)
        except OSError:  # a read-only or full disk costs speed, not the build
            with suppress(OSError):
                os.remove(temporary)

    def keep(self, kind: str, slot: str, value: object, stamp: str = "") -> None:
        """`value` was saved in `slot` by another process: only a memory store minds."""


class MemoryStore(Store):
    """A Store that also keeps what it loads and saves in memory, for a long-lived process
    (`serve`): unpickling a large site's parse results after every save costs more than
    parsing the file that changed."""

    def __init__(self, root: Path | None) -> None:
        super().__init__(root)
        self._kept: dict[tuple[str, str], tuple[str, Any]] = {}  # (kind, slot) → stamp, value

    def load(self, kind: str, slot: str, stamp: str = "") -> Any | None:
        kept = self._kept.get((kind, slot))
        if kept is not None and kept[0] == stamp:
            return kept[1]
        value = super().load(kind, slot, stamp)
        if value is not None:
            self._kept[kind, slot] = (stamp, value)
        return value

    def save(self, kind: str, slot: str, value: object, stamp: str = "") -> None:
        self._kept[kind, slot] = (stamp, value)
        super().save(kind, slot, value, stamp)

    def keep(self, kind: str, slot: str, value: object, stamp: str = "") -> None:
        self._kept[kind, slot] = (stamp, value)


def build_store(root: Path, fresh: bool = False) -> Store:
    """The store of a build in `root`. What an older sitegen left there in another layout is
    deleted, as nothing will read it again; with `fresh` (`build --clean`) everything is, so
    that the build computes all anew and leaves a cache the next build can use."""
    with suppress(FileNotFoundError):
        for entry in os.scandir(root):
            if fresh or entry.name != LAYOUT:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    with suppress(OSError):
                        os.remove(entry.path)
    return Store(root)


def _entry_name(slot: str) -> str:
    return hashlib.blake2b(slot.encode(), digest_size=16).hexdigest()


def _header(stamp: str) -> bytes:
    """An entry's first line: the stamp its value was saved with."""
    return f"{stamp}\n".encode()
