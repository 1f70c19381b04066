"""Stage 2, parse: Source values → typed Resolution, Material and Page values plus diagnostics."""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath

from sitegen.cache import Store, code_fingerprint, collector_paused, fingerprint
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic, error, warning
from sitegen.load.source import read_again
from sitegen.model import (
    AddresseeName,
    ContentFile,
    Documents,
    Material,
    Page,
    Reference,
    Resolution,
    Source,
)
from sitegen.parse.addressees import person_in
from sitegen.parse.frontmatter import FrontMatter, parse_front_matter
from sitegen.parse.markdown import markdown, plain_text, render_blocks, render_markdown
from sitegen.parse.morphology import surname_nominative
from sitegen.parse.references import find_references
from sitegen.parse.structure import parse_structure
from sitegen.workers import mapped

DEFAULT_KIND = {"uk": "рішення", "ru": "решение", "en": "decision"}


PARALLEL_FROM = 200  # below this many files a process pool costs more than it saves
CHUNK_LIMIT = 64  # files per task sent to a worker


def parse_documents(
    files: Sequence[ContentFile], config: SiteConfig, jobs: int = 1, store: Store | None = None
) -> tuple[Documents, list[Diagnostic]]:
    """Parse every listed file; with jobs > 1 a pool of forked processes shares the work (each
    file is parsed on its own, so the result is the same, in the same order).

    A file parsed before with the same bytes, settings and sitegen code comes from `store`;
    the others are read again here (in the worker that parses them), so no process holds the
    text of the whole archive.
    """
    store = store or Store(None)
    settings = (config.language, config.school_year_end)
    keys = [_parse_key(f.path, f.section, f.digest, settings) for f in files]
    with collector_paused():
        results: list = [
            store.load("parse", file.path, key) for file, key in zip(files, keys, strict=True)
        ]
    missing = [i for i, result in enumerate(results) if result is None]
    if jobs > 1 and len(missing) >= PARALLEL_FROM:
        # Each worker saves what it parsed: pickling every result again here was serial work.
        work = [(files[i], keys[i]) for i in missing]
        parse_one = functools.partial(_parsed_and_saved, config=config, cache=store.root)
        # Each chunk's results cross the pipe pickled whole: small chunks keep that short.
        chunk = max(1, min(CHUNK_LIMIT, len(missing) // (jobs * 8)))
        with collector_paused():
            fresh = [pickle.loads(pickled) for pickled in mapped(parse_one, work, jobs, chunk)]
        for i, result in zip(missing, fresh, strict=True):
            results[i] = result
            if _lasting(result):
                store.keep("parse", files[i].path, result, keys[i])
    else:
        for i in missing:
            results[i] = _read_and_parsed(files[i], config)
            if _lasting(results[i]):
                store.save("parse", files[i].path, results[i], keys[i])
    parsed: dict[str, list] = {"resolutions": [], "materials": [], "pages": []}
    problems: list[Diagnostic] = []
    for file, (document, found) in zip(files, results, strict=True):
        problems.extend(found)
        if document is not None:
            parsed[file.section].append(document)
    documents = Documents(
        tuple(parsed["resolutions"]), tuple(parsed["materials"]), tuple(parsed["pages"])
    )
    return documents, problems


@functools.lru_cache(maxsize=1 << 16)
def _parse_key(path: str, section: str, digest: str, settings: tuple) -> str:
    """Everything a parse result depends on: the file, the settings parse reads, the code
    (kept: `serve` asks again for every file on every save)."""
    return fingerprint(code_fingerprint(), (path, section, digest), settings)


def _parsed_and_saved(
    work: tuple[ContentFile, str], config: SiteConfig, cache: Path | None
) -> bytes:
    """A worker's parse result, pickled once: for the cache and for the main process."""
    file, key = work
    result = _read_and_parsed(file, config)
    pickled = pickle.dumps(result, protocol=5)
    if _lasting(result):
        Store(cache).save_pickled("parse", file.path, pickled, key)
    return pickled


def _lasting(result: tuple[object, list[Diagnostic]]) -> bool:
    """A file saved during the build is this build's error, never a result to keep."""
    return not any(found.code == "source.changed" for found in result[1])


def _read_and_parsed(
    file: ContentFile, config: SiteConfig
) -> tuple[Resolution | Material | Page | None, list[Diagnostic]]:
    source, problems = read_again(file, config.root)
    return (None, problems) if source is None else _guarded(source, config)


def _guarded(
    source: Source, config: SiteConfig
) -> tuple[Resolution | Material | Page | None, list[Diagnostic]]:
    """One file's failure is that file's error, never a crash of the whole build."""
    try:
        return parse_source(source, config)
    except RecursionError:
        return None, [error(source.path, source.body_line, "structure.too-deep")]
    except Exception as exc:  # a sitegen bug: report it where it happened and go on
        detail = f"{type(exc).__name__}: {exc}"
        return None, [error(source.path, 1, "internal.error", detail=detail)]


def parse_source(
    source: Source, config: SiteConfig
) -> tuple[Resolution | Material | Page | None, list[Diagnostic]]:
    front_matter, problems = parse_front_matter(source)
    problems = [*problems, *_placeholders(source)]
    if front_matter is None:
        return None, problems
    lang = str(front_matter.get("lang") or config.language)
    if source.section == "resolutions":
        resolution, found = parse_resolution(source, front_matter, lang, config)
        return resolution, [*problems, *found]
    if source.section == "materials":
        return _material(source, front_matter, lang), problems
    return _page(source, front_matter, lang), problems


_PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")


def _placeholders(source: Source) -> list[Diagnostic]:
    """`sitegen new` leaves [[…]] where only the editor knows the answer; report each one."""
    found = []
    for first, text in (
        (source.front_matter_line, source.front_matter),
        (source.body_line, source.body),
    ):
        if "[[" not in text:  # most files: not split into lines and searched line by line
            continue
        for offset, line in enumerate(text.split("\n")):
            for match in _PLACEHOLDER.finditer(line):
                found.append(
                    warning(
                        source.path,
                        first + offset,
                        "placeholder.unfilled",
                        match.start() + 1,
                        what=match.group(1),
                    )
                )
    return found


def parse_resolution(
    source: Source, front_matter: FrontMatter, lang: str, config: SiteConfig
) -> tuple[Resolution, list[Diagnostic]]:
    addressees = tuple(
        AddresseeName(name, aliases) for name, aliases in front_matter.get("addressees", ())
    )
    document_date = front_matter.get("date")
    assert document_date is None or isinstance(document_date, date)
    structure, problems = parse_structure(
        source.body,
        source.body_line,
        source.path,
        addressees,
        lang,
        document_date,
        config.school_year_end,
    )
    if not structure.clauses:
        problems.append(warning(source.path, source.body_line, "structure.empty"))
    control = front_matter.get("control") or _controller(structure.control_text, lang)
    resolution = Resolution(
        source=source.path,
        title=str(front_matter.get("title")),
        kind=str(front_matter.get("kind") or DEFAULT_KIND[lang]),
        body=str(front_matter.get("body")),
        date=document_date,
        number=_optional(front_matter.get("number")),
        lang=lang,
        addressees=addressees,
        preamble_html=structure.preamble_html,
        formula=structure.formula,
        clauses=structure.clauses,
        sections=structure.sections,
        signatures=structure.signatures,
        control=_optional(control),
        signed=_optional(front_matter.get("signed")),
        review=_optional(front_matter.get("review")),
        status=str(front_matter.get("status") or "in_force"),
        references=(*_explicit(front_matter), *_cited(source)),
        tags=tuple(front_matter.get("tags") or ()),
        number_line=front_matter.line("number"),
    )
    return resolution, problems


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _controller(control_text: str | None, lang: str) -> str | None:
    """'… покласти на … Кузьміну О.Л.' → 'Кузьміна О.Л.' when the dictionary knows the form."""
    person = person_in(control_text) if control_text else None
    if person is None:
        return None
    words = person.split()
    return " ".join(surname_nominative(w, lang) if w[-1] != "." else w for w in words)


def _explicit(front_matter: FrontMatter) -> list[Reference]:
    references = [
        Reference(target, target, front_matter.line("refs"), explicit=True)
        for target in front_matter.get("refs") or ()
    ]
    if superseded_by := front_matter.get("superseded_by"):
        line = front_matter.line("superseded_by")
        references.append(
            Reference(str(superseded_by), str(superseded_by), line, True, "superseded_by")
        )
    return references


def _cited(source: Source) -> list[Reference]:
    found: list[Reference] = []
    for offset, line in enumerate(source.body.split("\n")):
        found.extend(find_references(line, source.body_line + offset))
    return found


def _material(source: Source, front_matter: FrontMatter, lang: str) -> Material:
    line = front_matter.line("implements")
    tokens = markdown().parse(source.body)
    text = " ".join(plain_text(t.children or []) for t in tokens if t.type == "inline")
    return Material(
        source=source.path,
        title=str(front_matter.get("title")),
        date=front_matter.get("date"),  # type: ignore[arg-type]
        author=_optional(front_matter.get("author")),
        lang=lang,
        html=render_blocks(tokens),
        text=" ".join(text.split()),
        implements=tuple(
            Reference(target, target, line, explicit=True, relation="implements")
            for target in front_matter.get("implements") or ()
        ),
        subtitle=_optional(front_matter.get("subtitle")),
        author_role=_optional(front_matter.get("author_role")),
        source_note=_optional(front_matter.get("source_note")),
    )


def _page(source: Source, front_matter: FrontMatter, lang: str) -> Page:
    return Page(
        source=source.path,
        title=str(front_matter.get("title")),
        lang=lang,
        html=render_markdown(source.body),
        slug=str(front_matter.get("slug") or PurePosixPath(source.path).stem),
    )
