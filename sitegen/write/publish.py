"""Atomic, incremental publication: build the new site beside output/, swap it in when complete.

A build that fails or is killed leaves the previous output/ untouched: readers (and Netlify)
see the old site or the new one, never a mix. On Linux the swap is one renameat2 call with
RENAME_EXCHANGE; elsewhere two renames with a recoverable backup in between.

Incremental: the manifest of the last publication (in the build cache) records, per artifact,
its fingerprint and the size and mtime of each file it wrote. An artifact whose fingerprint is
unchanged and whose files are still intact in output/ is not made again: its files are hard-
linked into the new tree. While nothing has changed, nothing is staged at all, so a no-op
rebuild writes nothing and renders nothing.

The tree a swap puts aside (the site before) is kept as `.output.spare` and is the next build's
staging tree: most of its files are already hard links to output/'s, and making a large site's
thousands of folders again, then deleting the old ones, cost more than the pages that changed.
Nothing in it is trusted: a file is kept only when it is the very file output/ has, files are
replaced (never written through, which would change output/), and what the new site lacks is
removed before the swap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sitegen.cache import Store
from sitegen.model import Artifact, OutputFile, Prepared, Span

_PREPARED = itertools.count()  # names of the files a process prepares, with its pid
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class UnsafePath(Exception):
    """An output path that would land outside the output directory."""


@dataclass(frozen=True, slots=True)
class Published:
    files: int
    bytes: int
    rendered: tuple[str, ...] = ()  # pages made by this build (the others were kept)
    changed: bool = True  # False when output/ was left exactly as it was


FileRecord = tuple[str, int, int]  # path, size, mtime_ns
Manifest = dict[str, tuple[str, list[FileRecord]]]  # artifact name → key, files


def staging_dir(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.staging-{os.getpid()}")


def spare_dir(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.spare")


def prepared_dir(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.prepared-{os.getpid()}")


def checked(path: str) -> str:
    """A path relative to output/, with forward slashes; one escaping it (or not in that
    plain form) is a sitegen bug and is never written."""
    if _UNSAFE_PARTS.isdisjoint(path.split("/")):  # "" and "/x" have an empty part
        return path
    raise UnsafePath(path)


_UNSAFE_PARTS = frozenset(("", ".", ".."))


class Publication:
    """One build's output/: `put` every artifact, then `commit` (or leave the block on error)."""

    def __init__(self, output_dir: Path, store: Store, inputs: str = "") -> None:
        recover(output_dir)
        self.output_dir, self.store, self.inputs = output_dir, store, inputs
        self.manifest_slot = str(output_dir.resolve())
        previous = store.load("output", self.manifest_slot) if output_dir.is_dir() else None
        self.previous_inputs, self.previous = (
            previous if isinstance(previous, tuple) and len(previous) == 2 else ("", {})
        )
        self.current: Manifest = {}
        self.staging: Path | None = None
        self.prepared = prepared_dir(output_dir)  # named by this process, not by its workers
        self.kept: list[tuple[str, os.stat_result]] = []  # kept while nothing was staged
        self.rendered: list[str] = []
        self.paths: set[str] = set()
        self._folders: set[str] = set()
        self._reused = False  # the staging tree is the spare one: prune it before the swap

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.staging is not None:  # a failed build: its tree is as good a spare as any
            _keep_spare(self.staging, spare_dir(self.output_dir))
        shutil.rmtree(self.prepared, ignore_errors=True)

    def prepare(self, file: OutputFile) -> OutputFile:
        """Make a file whole on disk, in the calling process (a page worker), for `write` to
        move into place: open data is hundreds of MB, and made alone at the end of a build it
        left a core idle for 12 s at 10,000 documents."""
        assert not isinstance(file.content, Prepared), file.path
        os.makedirs(self.prepared, exist_ok=True)
        # Not tempfile.mkstemp: its files are private (0600), and moved into output/ so, half
        # the pages of a pooled build were unreadable to a web server serving the folder.
        path = f"{self.prepared}/{os.getpid()}-{next(_PREPARED)}"
        with open(path, "xb") as stream:
            _write(stream, file.content)
        return OutputFile(file.path, Prepared(path))

    def unchanged(self) -> bool:
        """Was output/ made from the same inputs, and is every file of it still intact? Then
        `commit` keeps it as it is, without anything being put."""
        if not self.inputs or self.inputs != self.previous_inputs:
            return False
        if not all(all(map(self._intact, files)) for _, files in self.previous.values()):
            return False
        self.current = dict(self.previous)
        return True

    def published_keys(self) -> dict[str, str]:
        """Artifact name → key of what output/ holds (whether intact is checked on reuse)."""
        return {name: key for name, (key, _) in self.previous.items()}

    def put(self, artifact: Artifact) -> None:
        if not self.reuse(artifact):
            self.write(artifact, artifact.make())

    def reuse(self, artifact: Artifact) -> bool:
        """Keep the artifact's files from output/ when it was published with the same key."""
        before = self.previous.get(artifact.name)
        if before is None or before[0] != artifact.key:
            return False
        found = [stat for stat in map(self._found, before[1]) if stat is not None]
        if len(found) != len(before[1]):
            return False
        for (path, _, _), stat in zip(before[1], found, strict=True):
            self._claim(path)
            if self.staging is None:
                self.kept.append((path, stat))
            else:
                self._link(path, stat)
        self.current[artifact.name] = before
        return True

    def write(self, artifact: Artifact, files: Iterable[OutputFile]) -> None:
        staging = str(self._stage())
        records = []
        for item in files:
            target = f"{staging}/{self._claim(item.path)}"
            self._folder(os.path.dirname(target))
            _clear(target)
            if isinstance(item.content, Prepared):
                shutil.move(item.content.path, target)  # a rename: it lies beside output/
            else:
                with open(target, "wb") as stream:
                    _write(stream, item.content)
            stat = os.stat(target)
            records.append((item.path, stat.st_size, stat.st_mtime_ns))
        self.current[artifact.name] = (artifact.key, records)
        if artifact.page:
            self.rendered.append(artifact.name)

    def published_as(self, name: str) -> str | None:
        """The key output/'s files of an artifact were published with, if all are intact."""
        before = self.previous.get(name)
        return before[0] if before is not None and all(map(self._intact, before[1])) else None

    def locate(self, path: str) -> str:
        """Where the file of `path` is now: staged by this build, or kept in output/."""
        relative = checked(path)
        if self.staging is not None and os.path.exists(staged := f"{self.staging}/{relative}"):
            return staged
        return f"{self.output_dir}/{relative}"

    def commit(self) -> Published:
        records = [r for _, files in self.current.values() for r in files]
        changed = self.staging is not None or self.current.keys() != self.previous.keys()
        if changed:
            staging = self._stage()
            if self._reused:
                self._prune()
            old = swap_in(staging, self.output_dir)
            self.staging = None
            if old is not None:
                _keep_spare(old, spare_dir(self.output_dir))
        self.store.save("output", self.manifest_slot, (self.inputs, self.current))
        total = sum(size for _, size, _ in records)
        return Published(len(records), total, tuple(self.rendered), changed)

    def _claim(self, path: str) -> str:
        relative = checked(path)
        if path in self.paths:
            raise UnsafePath(f"{path} would be written twice")
        self.paths.add(path)
        return relative

    def _intact(self, record: FileRecord) -> bool:
        return self._found(record) is not None

    def _found(self, record: FileRecord) -> os.stat_result | None:
        """The recorded file's status in output/, if it is still as it was written."""
        path, size, mtime = record
        try:
            stat = os.stat(f"{self.output_dir}/{checked(path)}")
        except (OSError, UnsafePath):
            return None
        return stat if stat.st_size == size and stat.st_mtime_ns == mtime else None

    def _stage(self) -> Path:
        """The staging folder, made on the first change, with every file kept so far linked."""
        if self.staging is None:
            self.staging = staging_dir(self.output_dir)
            shutil.rmtree(self.staging, ignore_errors=True)
            try:  # a rename: of two builds at once, one gets the spare tree
                os.rename(spare_dir(self.output_dir), self.staging)
                self._reused = True
            except OSError:
                self.staging.mkdir(parents=True)
            for path, stat in self.kept:
                self._link(path, stat)
            self.kept = []
        return self.staging

    def _link(self, path: str, published: os.stat_result) -> None:
        """Link output/'s file of `path` (whose status is `published`) into the staging tree."""
        assert self.staging is not None
        relative = checked(path)
        target = f"{self.staging}/{relative}"
        if self._reused and _same_file(published, target):
            return  # most of a reused tree's files: its folder is there too
        self._folder(os.path.dirname(target))
        source = f"{self.output_dir}/{relative}"
        _clear(target)
        try:
            os.link(source, target)
        except OSError:  # no hard links here (another file system): copy, keeping the mtime
            shutil.copy2(source, target)

    def _prune(self) -> None:
        """Remove from the reused staging tree the files (and emptied folders) this build did
        not put."""
        assert self.staging is not None
        root = str(self.staging)
        emptied: set[str] = set()
        for folder, folders, files in os.walk(root, topdown=False):
            for name in folders:  # a symlink is never put: os.walk lists one to a folder here
                if os.path.islink(f"{folder}/{name}"):
                    os.unlink(f"{folder}/{name}")
                    emptied.add(f"{folder}/{name}")
            relative = folder[len(root) + 1 :]
            prefix = f"{relative}/" if relative else ""
            stale = [name for name in files if f"{prefix}{name}" not in self.paths]
            for name in stale:
                os.unlink(f"{folder}/{name}")
            gone = len(stale) == len(files) and all(f"{folder}/{d}" in emptied for d in folders)
            if gone and relative:
                os.rmdir(folder)
                emptied.add(folder)

    def _folder(self, folder: str) -> None:
        """Make a folder of the staging tree (remembered: each is asked for once per file)."""
        if folder not in self._folders:
            try:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:  # a reused tree has a file where this folder goes
                blocking = folder
                while not os.path.isdir(os.path.dirname(blocking)):
                    blocking = os.path.dirname(blocking)
                _clear(blocking)
                os.makedirs(folder)
            self._folders.add(folder)


def publish(files: Iterable[OutputFile], output_dir: Path) -> Published:
    """Publish a complete set of files, with no cache: what tests and tools need."""
    with Publication(output_dir, Store(None)) as publication:
        publication.write(Artifact("files", "", lambda: ()), files)
        return publication.commit()


def swap_in(staging: Path, output_dir: Path) -> Path | None:
    """Make `staging` the new output/; returns where the old site is now, if there was one."""
    if output_dir.exists() and _exchange(staging, output_dir):
        return staging
    backup = output_dir.with_name(f".{output_dir.name}.previous")
    shutil.rmtree(backup, ignore_errors=True)
    if output_dir.exists():
        os.replace(output_dir, backup)
    os.replace(staging, output_dir)
    return backup if backup.exists() else None


def _keep_spare(old: Path, spare: Path) -> None:
    """Keep the old site as the next build's staging tree (one a concurrent build left goes)."""
    shutil.rmtree(spare, ignore_errors=True)
    try:
        os.rename(old, spare)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def _write(stream: BinaryIO, content: bytes | Iterable[bytes | Span]) -> None:
    if isinstance(content, bytes):
        stream.write(content)
        return
    for chunk in content:
        if isinstance(chunk, Span):
            stream.flush()
            _copy(chunk, stream.fileno())
            stream.seek(0, os.SEEK_END)  # the stream's idea of its position, after the copy
        else:
            stream.write(chunk)


def _copy(span: Span, target: int) -> None:
    """Append a span to the file open as `target`: in the kernel where it can (no reflink on
    ext4, but 10× faster than reading and writing it here), else read and written."""
    offset, end = span.offset, span.offset + span.length
    try:
        while offset < end:
            copied = os.copy_file_range(span.fd, target, end - offset, offset)
            if not copied:
                break  # the source ended early: reading it below says so
            offset += copied
    except (AttributeError, OSError):  # not on this system, or not between these files
        pass
    with open(target, "wb", closefd=False) as stream:
        for start in range(offset, end, _CHUNK):
            stream.write(Span(span.fd, start, min(_CHUNK, end - start)).read())


_CHUNK = 1 << 26  # bytes read at a time where a span cannot be copied in the kernel


def _same_file(published: os.stat_result, staged: str) -> bool:
    """Is the staged path the very file output/ has (not a link leading to it)?"""
    try:
        kept = os.lstat(staged)
    except OSError:
        return False
    return (published.st_ino, published.st_dev) == (kept.st_ino, kept.st_dev)


def _clear(path: str) -> None:
    """Make way for a new file: a reused tree's file may be a hard link to output/'s, which
    writing through would change; a folder may stand where a file now goes."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path)


def recover(output_dir: Path) -> None:
    """Undo what a killed build left: the old site as the fallback backup, stale staging and
    prepared folders."""
    backup = output_dir.with_name(f".{output_dir.name}.previous")
    if backup.exists() and not output_dir.exists():
        os.replace(backup, output_dir)
    for kind in ("staging", "prepared"):
        for left in output_dir.parent.glob(f".{output_dir.name}.{kind}-*"):
            pid = left.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(left, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0
