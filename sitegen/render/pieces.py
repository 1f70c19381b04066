"""Files made one document at a time (open data), whose unchanged pieces are found again in
the copy the last build published.

`api/resolutions.json` and `api/clauses.csv` hold every resolution: hundreds of MB at 10,000
documents, made again on any edit. An index in the build cache records, per piece, its key (the
inputs of that document's piece), where it lies in the published file and the digest of its
bytes. Where output/'s file is the very one that index was saved for (published with the same
artifact key, and intact by the manifest's size and mtime), runs of unchanged pieces are copied
from it unread (`Span`s, copied in the kernel). Otherwise an unchanged piece is read back and
used only if its bytes still have their digest. Pieces stream: no file is whole in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sitegen.cache import Store, fingerprint
from sitegen.model import Span

Piece = tuple[object, Callable[[], bytes]]  # the inputs of a piece, and how to make it
Place = tuple[int, int, bytes]  # offset, length, digest


class Pieces:
    def __init__(
        self,
        store: Store,
        published: Path,
        key: str,
        making: str,
        published_as: str | None,
        remember: bool = True,
    ) -> None:
        """`published`: the file as the last build wrote it (its path names the index's slot
        in the store); `key`: everything the pieces depend on besides their own inputs
        (sitegen's code, settings, the file's name);
        `making`: the artifact key of the file made now, saved with its index;
        `published_as`: the artifact key output/'s file was published with, if it is intact.
        `remember`: save where the pieces lie, because the file made is the one published
        (not so in `serve`, whose index would send the next build to the wrong offsets)."""
        self.store, self.published, self.key, self.remember = store, published, key, remember
        self.making = making
        index = store.load("pieces", str(published), key)
        saved_for, known = index if isinstance(index, tuple) and len(index) == 2 else ("", {})
        self.known: dict[str, Place] = known if isinstance(known, dict) else {}
        # A build killed after saving its index, before its swap, leaves output/ older.
        self.trusted = published_as is not None and saved_for == published_as

    def join(self, parts: Iterable[bytes | Piece]) -> Iterator[bytes | Span]:
        """The file's bytes: literal parts as they are, each piece from the published file or
        made; the index of this file is saved once the last part is out."""
        placed: dict[str, Place] = {}
        offset = 0
        try:
            previous = self.published.open("rb") if self.known else None
        except OSError:
            previous = None
        run: Span | None = None  # trusted pieces lying one after another, not yet given out
        try:
            for part in parts:
                if isinstance(part, bytes):
                    data = part
                else:
                    inputs, make = part
                    key = fingerprint(inputs)
                    place = self.known.get(key)
                    if self.trusted and previous is not None and place is not None:
                        placed[key] = (offset, *place[1:])
                        offset += place[1]
                        if run is not None and run.offset + run.length == place[0]:
                            run = Span(run.fd, run.offset, run.length + place[1])
                            continue
                        if run is not None:
                            yield run
                        run = Span(previous.fileno(), place[0], place[1])
                        continue
                    data, digest = _found(previous, place) or _made(make)
                    placed[key] = (offset, len(data), digest)
                if run is not None:
                    yield run
                    run = None
                offset += len(data)
                yield data
            if run is not None:
                yield run
        finally:
            if previous is not None:
                previous.close()
        if self.remember:
            self.store.save("pieces", str(self.published), (self.making, placed), self.key)


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
