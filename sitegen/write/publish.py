"""Atomic publication: build the new site beside output/ and swap it in only when complete.

A build that fails or is killed leaves the previous output/ untouched: readers (and Netlify)
see the old site or the new one, never a mix. On Linux the swap is one renameat2 call with
RENAME_EXCHANGE; elsewhere two renames with a recoverable backup in between.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.model import OutputFile

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class UnsafePath(Exception):
    """An output path that would land outside the output directory."""


@dataclass(frozen=True, slots=True)
class Published:
    files: int
    bytes: int


def staging_dir(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.staging-{os.getpid()}")


def write_tree(files: Iterable[OutputFile], staging: Path) -> Published:
    """Write every file under `staging`; a path escaping it is a sitegen bug, never written."""
    count = size = 0
    seen: set[str] = set()
    for item in files:
        relative = PurePosixPath(item.path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise UnsafePath(item.path)
        if item.path in seen:
            raise UnsafePath(f"{item.path} would be written twice")
        seen.add(item.path)
        target = staging.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
        count += 1
        size += len(item.content)
    return Published(count, size)


def publish(files: Iterable[OutputFile], output_dir: Path) -> Published:
    recover(output_dir)
    staging = staging_dir(output_dir)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        result = write_tree(files, staging)
        swap_in(staging, output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def discard_staging(output_dir: Path) -> None:
    shutil.rmtree(staging_dir(output_dir), ignore_errors=True)


def swap_in(staging: Path, output_dir: Path) -> None:
    """Make `staging` the new output/; afterwards `staging` holds the old site (to delete)."""
    if output_dir.exists() and _exchange(staging, output_dir):
        return
    backup = output_dir.with_name(f".{output_dir.name}.previous")
    shutil.rmtree(backup, ignore_errors=True)
    if output_dir.exists():
        os.replace(output_dir, backup)
    os.replace(staging, output_dir)
    shutil.rmtree(backup, ignore_errors=True)


def recover(output_dir: Path) -> None:
    """Undo what a killed build left: the old site as the fallback backup, stale staging folders."""
    backup = output_dir.with_name(f".{output_dir.name}.previous")
    if backup.exists() and not output_dir.exists():
        os.replace(backup, output_dir)
    for staging in output_dir.parent.glob(f".{output_dir.name}.staging-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


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
