"""Full-text search: Pagefind indexes the rendered pages, and its bundle ships under pagefind/.

Pagefind reads the searchable pages (`data-pagefind-body`: resolutions, materials, plain pages,
addressee names) where the write stage has put them — staged for this build, or kept from the
previous one — through a private scratch folder of hard links, in one `add_directory` call; its
bundle comes back as OutputFile values like any other file, so the write stage publishes it
atomically with the site. Nothing is written to output/ from here.

Why one `add_directory` and not `add_html_file(content=…)` per page: the Python wrapper (pagefind
1.5) polls its service for one reply every 100 ms, so each page would cost 0.1 s (4 s for the 41
sample pages, half an hour for a 10k-resolution archive), while one call lets Pagefind read and
index the whole folder in parallel, in Rust, for three round trips in all.

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

import asyncio
import concurrent.futures
import gzip
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import cbor2

from sitegen.model import OutputFile

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


def search_bundle(
    pages: Iterable[tuple[str, Path]], language: str, shard: str = ""
) -> Iterator[OutputFile]:
    """Index the pages (site path, file holding it) now; the bundle's files are then read one
    by one as they are consumed (a large archive's index is hundreds of megabytes)."""
    scratch = Path(tempfile.mkdtemp(prefix="sitegen-search-"))
    try:
        site, bundle = scratch / "site", scratch / "bundle"
        site.mkdir()
        count = 0
        for path, file in pages:
            target = site.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file, target)
            except OSError:  # another file system: a copy does as well
                shutil.copyfile(file, target)
            count += 1
        for attempt in (1, 2):
            # A fresh event loop on a worker thread also works when the caller runs one itself.
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(asyncio.run, _index(site, bundle, language, 120 + count / 10)).result()
            if _complete(bundle):
                break
            if attempt == 2:
                raise SearchUnavailable("pagefind wrote an incomplete search bundle twice")
            shutil.rmtree(bundle, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return _bundle_files(bundle, scratch, bundle_path(shard), keep_ui=not shard)


class _Written(Exception):
    """The bundle is written and settled: leave the Pagefind context without writing again."""


async def _settled(bundle: Path) -> None:
    """Wait until the bundle's files stop changing (three equal looks, 50 ms apart)."""
    previous, same = None, 0
    while same < 3:
        await asyncio.sleep(0.05)
        current = sorted((str(p), p.stat().st_size) for p in bundle.rglob("*") if p.is_file())
        same = same + 1 if current == previous else 0
        previous = current


def _complete(bundle: Path) -> bool:
    """Did Pagefind finish writing? Its wrapper stops the service right after the write
    request is answered, and under load that left empty files (seen: the wasm and a UI
    stylesheet), which the cache would then have kept for later builds."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    if not files or any(p.stat().st_size == 0 for p in files):
        return False
    try:
        for wasm in bundle.glob("wasm.*.pagefind"):
            gzip.decompress(wasm.read_bytes())
    except (OSError, EOFError):
        return False
    return True


def _bundle_files(bundle: Path, scratch: Path, prefix: str, keep_ui: bool) -> Iterator[OutputFile]:
    """The bundle's files in name order; the few that hold hash-map orders are rewritten."""
    try:
        names = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
        if not keep_ui:
            names = [name for name in names if name not in UI_FILES]
        ordered = [
            n for n in names if n == ENTRY or n.endswith(".pf_meta") or n.startswith("filter/")
        ]
        rewritten = stable_bundle({n: (bundle / n).read_bytes() for n in ordered})
        for name in sorted((set(names) - set(ordered)) | set(rewritten)):
            content = rewritten.get(name)
            yield OutputFile(
                prefix + name, content if content is not None else (bundle / name).read_bytes()
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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


async def _index(pages: Path, bundle: Path, language: str, timeout: float) -> None:
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:
        raise SearchUnavailable(f"the pagefind package is missing; {INSTALL_HINT}") from None
    config = IndexConfig(
        force_language=language,
        keep_index_url=True,  # results link to …/index.html, like every link of the site
        output_path=str(bundle),
    )
    try:
        async with asyncio.timeout(timeout), PagefindIndex(config=config) as index:
            await index.add_directory(str(pages))
            await index.write_files()
            await _settled(bundle)
            # Leave without the wrapper's own write: it stops the service as soon as the write
            # is answered, while Pagefind may still be writing its static files.
            raise _Written
    except _Written:
        return
    except FileNotFoundError as exc:
        raise SearchUnavailable(
            f"the pagefind binary was not found ({exc}); {INSTALL_HINT}"
        ) from None
    except TimeoutError:  # before OSError, of which it is a subclass
        raise SearchUnavailable(f"pagefind gave no answer within {timeout:.0f} s") from None
    except OSError as exc:
        raise SearchUnavailable(f"the pagefind binary could not be started: {exc!r}") from None
    except Exception as exc:  # the service reports its failures as bare Exceptions
        raise SearchUnavailable(f"pagefind failed to index the site: {exc}") from None
