"""Full-text search: Pagefind indexes the rendered pages, and its bundle ships under pagefind/.

Pagefind reads the searchable pages (`data-pagefind-body`: resolutions, materials, plain pages,
addressee names) where the write stage has put them — staged for this build, or kept from the
previous one — through a private scratch folder of hard links. Its command line indexes that
folder in a process of its own (in parallel, in Rust) while the build goes on; the bundle comes
back as OutputFile values like any other file, so the write stage publishes it atomically with
the site. Nothing is written to output/ from here.

Why the command line and not the Python wrapper's service: the wrapper polls its service every
100 ms, needs an event loop on a thread of the build (whose interpreter lock the page loop
wants), and stops the service as soon as a write is answered, which under load left bundles
with empty files; the command line exits when its files are written.

A large archive (SHARD_FROM resolutions or more) gets one bundle per year of resolutions
(`pagefind/2020/`, `pagefind/undated/`) beside the main one (`pagefind/`: addressees, materials,
pages, and Pagefind's scripts), merged by the search page (`mergeIndex`): an edit re-indexes its
year only, not the whole archive (Pagefind has no incremental indexing, and it takes ~8 s per
1,000 resolutions). A smaller one keeps a single bundle: Pagefind scores each bundle with its
own word statistics, so tiny bundles would rank their pages out of proportion.

One index language, the site's (`force_language`): Pagefind splits its index by `<html lang>`
and a search page loads only the index of its own language, falling back to the biggest one, so
Russian resolutions would be unfindable from the Ukrainian search page. Pagefind has no Ukrainian
stemmer anyway; words are matched as written and by prefix ("інноваці" finds "інноваційних").
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import cbor2

from sitegen.model import OutputFile, Prepared

BUNDLE = "pagefind/"  # where the index and Pagefind's UI scripts are published
ENTRY = "pagefind-entry.json"
# Pagefind's user interfaces: the main bundle ships them, a year's bundle needs only its index.
UI_FILES = frozenset(
    f"pagefind-{name}"
    for name in (
        "ui.js",
        "ui.css",
        "modular-ui.js",
        "modular-ui.css",
        "component-ui.js",
        "component-ui.css",
        "highlight.js",
    )
)
INSTALL_HINT = (
    "install it with `pip install 'pagefind[bin]'` (or point PAGEFIND_BINARY_PATH at a pagefind "
    "binary)"
)


class SearchUnavailable(Exception):
    """Pagefind is missing or failed: the build stops with this message and writes nothing."""


SHARD_FROM = 1000  # resolutions from which each year gets a search bundle of its own
POLL_INTERVAL = 0.02  # seconds: a finished Pagefind is noticed this much later at most


def search_shards(resolution_files: Sequence[str]) -> frozenset[str]:
    """The year folders of resolutions that get a bundle of their own (none in a small site)."""
    if len(resolution_files) < SHARD_FROM:
        return frozenset()
    return frozenset(file.split("/")[1] for file in resolution_files)


def shard_of(file: str, shards: frozenset[str]) -> str:
    """The bundle a page is indexed in: its year's, or "" for the main one."""
    parts = file.split("/")
    if len(parts) > 2 and parts[0] == "resolutions" and parts[1] in shards:
        return parts[1]
    return ""


def bundle_path(shard: str) -> str:
    return f"{BUNDLE}{shard}/" if shard else BUNDLE


class Indexing:
    """Pagefind at work on one bundle, in a process of its own: `start` it and go on, then
    iterate it for the bundle's files, which waits for Pagefind to finish (iterating starts it
    if need be). Each Pagefind uses every core: the caller runs one at a time."""

    def __init__(
        self, pages: Iterable[tuple[str, str | Path]], language: str, shard: str = ""
    ) -> None:
        """`pages`: (site path, file holding it), read when the indexing starts."""
        self.pages, self.language, self.shard = pages, language, shard
        self.process: subprocess.Popen | None = None
        self.scratch: Path | None = None
        self.timeout = 0.0
        self._discard: Callable[[], object] | None = None  # stops Pagefind, removes scratch
        self._polled = float("-inf")  # when `busy` last asked the process
        self.empty = False  # no page to index: the bundle is Pagefind's scripts alone

    def start(self) -> None:
        if self.process is not None:
            return
        scratch = Path(tempfile.mkdtemp(prefix="sitegen-search-"))
        try:
            count = _linked(self.pages, scratch / "site")
            if not count:
                self.empty = True
                (scratch / "site" / "index.html").write_text(PLACEHOLDER.format(self.language))
            self.process = _started(scratch, self.language)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        self.scratch, self.timeout = scratch, 120 + count / 10
        # Abandoned (a failed build): Pagefind is stopped and its scratch folder removed.
        self._discard = weakref.finalize(self, _discard, self.process, scratch)

    @property
    def started(self) -> bool:
        return self.process is not None

    def busy(self) -> bool:
        """Is Pagefind still at work? Asked after every page a build puts (11,000 at 10,000
        documents), so the process is polled (a system call) at most every POLL_INTERVAL."""
        if self.process is None or self.process.returncode is not None:
            return False
        now = time.monotonic()
        if now - self._polled < POLL_INTERVAL:
            return True
        self._polled = now
        return self.process.poll() is None

    def wait(self) -> None:
        """Start Pagefind if need be, and wait for it to finish (SearchUnavailable if it
        failed)."""
        self.start()
        assert self.process is not None and self.scratch is not None
        _finished(self.process, self.scratch, self.timeout)

    def __iter__(self) -> Iterator[OutputFile]:
        try:
            self.wait()
            assert self.scratch is not None
            bundle = self.scratch / "bundle"
            yield from _bundle_files(bundle, bundle_path(self.shard), self.shard, self.empty)
        finally:
            if self._discard is not None:
                self._discard()


def _linked(pages: Iterable[tuple[str, str | Path]], site: Path) -> int:
    """Link the pages into the scratch site; how many there are. (os, not pathlib: this is
    on the way to Pagefind's start, a thousand pages per year's bundle.)"""
    root = str(site)
    folders = {root}
    os.mkdir(root)
    count = 0
    for path, file in pages:
        target = f"{root}/{path}"
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        try:
            os.link(file, target)
        except OSError:  # another file system: a copy does as well
            shutil.copyfile(file, target)
        count += 1
    return count


def _started(scratch: Path, language: str) -> subprocess.Popen:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchUnavailable(f"the pagefind package is missing; {INSTALL_HINT}") from None
    binary = get_executable()
    if binary is None:
        raise SearchUnavailable(f"the pagefind binary was not found; {INSTALL_HINT}")
    command = [
        str(binary),
        "--site",
        str(scratch / "site"),
        "--output-path",
        str(scratch / "bundle"),
        "--force-language",
        language,
        "--keep-index-url",  # results link to …/index.html, like every link of the site
        "--quiet",
    ]
    try:
        with open(scratch / "pagefind.log", "wb") as log:
            return subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
    except FileNotFoundError as exc:
        raise SearchUnavailable(
            f"the pagefind binary was not found ({exc}); {INSTALL_HINT}"
        ) from None
    except OSError as exc:
        raise SearchUnavailable(f"the pagefind binary could not be started: {exc!r}") from None


def _finished(process: subprocess.Popen, scratch: Path, timeout: float) -> None:
    try:
        status = process.wait(timeout)
    except subprocess.TimeoutExpired:
        raise SearchUnavailable(f"pagefind gave no answer within {timeout:.0f} s") from None
    if status != 0 or not (scratch / "bundle" / ENTRY).is_file():
        said = (scratch / "pagefind.log").read_text("utf-8", "replace").strip()[-2000:]
        raise SearchUnavailable(f"pagefind failed to index the site (exit {status}): {said}")


def _discard(process: subprocess.Popen | None, scratch: Path) -> None:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(scratch, ignore_errors=True)


def _bundle_files(bundle: Path, prefix: str, shard: str, empty: bool) -> Iterator[OutputFile]:
    """The bundle's files in name order, to be moved out of the scratch folder; the few that
    hold hash-map orders are rewritten. A
    year's bundle leaves out Pagefind's user interfaces (the main one ships them); an empty
    one leaves out the placeholder's index (see PLACEHOLDER)."""
    names = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    if shard:
        names = [name for name in names if name not in UI_FILES]
    if empty:
        names = [n for n in names if not n.startswith(_INDEXED) and not n.endswith(".pf_meta")]
    ordered = [n for n in names if n == ENTRY or n.endswith(".pf_meta") or n.startswith("filter/")]
    found = {n: (bundle / n).read_bytes() for n in ordered}
    rewritten = _without_languages(found) if empty else stable_bundle(found)
    for name in sorted((set(names) - set(ordered)) | set(rewritten)):
        content = rewritten.get(name)
        # The others are moved into place as Pagefind wrote them (a year's ~900 files).
        yield OutputFile(
            prefix + name, content if content is not None else Prepared(str(bundle / name))
        )


# Pagefind's command line writes no index of no page (it needs a word), but an archive with
# nothing to search yet (no addressee, material or page) still needs the search page's scripts:
# a placeholder is indexed, and its language's index left out, as Pagefind's own service writes
# an empty bundle (`"languages": {}`).
PLACEHOLDER = '<!DOCTYPE html><html lang="{0}"><body><main data-pagefind-body>sitegen</main>'
_INDEXED = ("index/", "fragment/", "filter/")  # with the .pf_meta: a language's index


def _without_languages(files: dict[str, bytes]) -> dict[str, bytes]:
    entry = json.loads(files[ENTRY])
    entry["languages"] = {}
    return {ENTRY: json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()}


def stable_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with Pagefind's hash-map orders sorted: the same pages give the same bytes.

    Pagefind 1.5.2 lists the values of each filter, and the filters in its metadata, in the
    order of a randomly seeded hash map (its main branch sorts both since), so two builds of the
    same site differed in the filter files, the metadata and pagefind-entry.json. Sort both lists
    and name the rewritten files by their content, as Pagefind does; a bundle that is not laid
    out as expected (another Pagefind version) is returned untouched.
    """
    try:
        bundle = dict(files)
        entry = json.loads(bundle[ENTRY])
        for language in entry["languages"].values():
            meta = _unpack(bundle.pop(f"pagefind.{language['hash']}.pf_meta"))
            filters = []
            for name, old in meta[3]:  # MetaIndex: version, pages, chunks, filters, sorts, …
                key, values = _unpack(bundle.pop(f"filter/{old}.pf_filter"))
                packed = _pack([key, sorted(values)])
                new = _content_name(old, packed)
                bundle[f"filter/{new}.pf_filter"] = packed
                filters.append([name, new])
            meta[3] = sorted(filters)
            packed = _pack(meta)
            language["hash"] = _content_name(language["hash"], packed)
            bundle[f"pagefind.{language['hash']}.pf_meta"] = packed
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        bundle[ENTRY] = text.encode("utf-8")
    except (KeyError, IndexError, TypeError, ValueError, EOFError, OSError, cbor2.CBORError):
        return files
    return bundle


_SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR in its gzipped index files


def _unpack(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(raw[len(_SIGNATURE) :])


def _pack(value: Any) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)


def _content_name(old: str, content: bytes) -> str:
    """'uk_23f867e' → 'uk_' + as many hex digits of the content's hash."""
    language, _, digest = old.rpartition("_")
    return f"{language}_{hashlib.sha256(content).hexdigest()[: len(digest)]}"
