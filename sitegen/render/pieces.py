"""Files made one document at a time (open data), whose unchanged pieces are found again in
the copy the last build published.

`api/resolutions.json` and `api/clauses.csv` hold every resolution: hundreds of MB at 10,000
documents, made again on any edit. An index in the build cache records, per piece, its key (the
inputs of that document's piece), where it lies in the published file and the digest of its
bytes; an unchanged piece is read back from there, and used only if its bytes still have that
digest (the published file is never trusted). Pieces stream: no file is whole in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sitegen.cache import Store, fingerprint

Piece = tuple[object, Callable[[], bytes]]  # the inputs of a piece, and how to make it
Place = tuple[int, int, bytes]  # offset, length, digest


class Pieces:
    def __init__(self, store: Store, published: Path, key: str, remember: bool = True) -> None:
        """`published`: the file as the last build wrote it; `key`: everything the pieces
        depend on besides their own inputs (sitegen's code, settings, the file's name).
        `remember`: save where the pieces lie, because the file made is the one published
        (not so in `serve`, whose index would send the next build to the wrong offsets)."""
        self.store, self.published, self.key, self.remember = store, published, key, remember
        index = store.load("pieces", key)
        self.known: dict[str, Place] = index if isinstance(index, dict) else {}

    def join(self, parts: Iterable[bytes | Piece]) -> Iterator[bytes]:
        """The file's bytes: literal parts as they are, each piece from the published file or
        made; the index of this file is saved once the last part is out."""
        placed: dict[str, Place] = {}
        offset = 0
        try:
            previous = self.published.open("rb") if self.known else None
        except OSError:
            previous = None
        try:
            for part in parts:
                if isinstance(part, bytes):
                    data = part
                else:
                    inputs, make = part
                    key = fingerprint(inputs)
                    data, digest = _found(previous, self.known.get(key)) or _made(make)
                    placed[key] = (offset, len(data), digest)
                offset += len(data)
                yield data
        finally:
            if previous is not None:
                previous.close()
        if self.remember:
            self.store.save("pieces", self.key, placed)


def _found(previous: BinaryIO | None, place: Place | None) -> tuple[bytes, bytes] | None:
    if previous is None or place is None:
        return None
    offset, length, digest = place
    previous.seek(offset)
    data = previous.read(length)
    return (data, digest) if _digest(data) == digest else None


def _made(make: Callable[[], bytes]) -> tuple[bytes, bytes]:
    data = make()
    return data, _digest(data)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
