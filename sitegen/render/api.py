"""Open data: the archive as JSON (the `inspect --json` objects) and every clause as CSV.

Journalists and oversight bodies analyse who must do what by when in a spreadsheet; tools
take the same objects `sitegen inspect --json` prints, so the two never drift apart.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from functools import partial

from sitegen.config import SiteConfig
from sitegen.model import OutputFile, Resolution, Site
from sitegen.render.permalinks import absolute_url, clause_url
from sitegen.render.pieces import Piece, Pieces
from sitegen.render.views import TASK_STATE, document_key
from sitegen.serialize import site_resolution_json

Digests = Mapping[str, str]  # source path → digest of its bytes

RESOLUTIONS_JSON = "api/resolutions.json"
CLAUSES_CSV = "api/clauses.csv"
CLAUSE_COLUMNS = (
    "resolution",
    "resolution_url",
    "number",
    "anchor",
    "role",
    "addressee",
    "deadline_text",
    "deadline_kind",
    "due",
    "responsible",
    "state",
    "permalink",
)


def resolutions_json(
    site: Site, config: SiteConfig, pieces: Pieces, digests: Digests
) -> OutputFile:
    """Every resolution, sorted by source path, exactly as `inspect --json` shows it; written
    object by object, so a large archive is never one string in memory."""
    slugs = {a.key: a.slug for a in site.addressees}

    def encoded(resolution: Resolution, opening: bytes) -> bytes:
        # Compact: without `indent` the json module encodes in C (7× faster).
        found = site_resolution_json(site, resolution, config.base_url, slugs)
        return opening + json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()

    def parts() -> Iterator[bytes | Piece]:
        # The commas are in the pieces: unchanged ones then lie back to back, one copy.
        ordered = sorted(site.resolutions, key=lambda r: r.source)
        for index, resolution in enumerate(ordered):
            source = resolution.source
            opening = b"," if index else b"["
            inputs = (
                opening,
                document_key(site, digests, source),
                [slugs.get(a.name) for a in resolution.addressees],
                site.referenced_by.get(source, ()),
            )
            yield inputs, partial(encoded, resolution, opening)
        yield b"]\n" if ordered else b"[]\n"

    return OutputFile(RESOLUTIONS_JSON, pieces.join(parts()))


def clauses_csv(site: Site, config: SiteConfig, pieces: Pieces, digests: Digests) -> OutputFile:
    """One row per clause (tasks, acknowledgements, control), in document order; written
    resolution by resolution."""

    def rows(resolution: Resolution) -> bytes:
        tasks = site.tasks_by_source.get(resolution.source, ())
        states = {t.clause.anchor: str(t.state) for t in tasks}
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)  # RFC 4180: comma, double quotes, CRLF
        writer.writerows(_rows(resolution, site.paths[resolution.source], states, config))
        return buffer.getvalue().encode("utf-8")

    def parts() -> Iterator[bytes | Piece]:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerow(CLAUSE_COLUMNS)
        yield buffer.getvalue().encode("utf-8")
        for resolution in sorted(site.resolutions, key=lambda r: r.source):
            source = resolution.source
            # Its tasks' states, in clause order (the document's bytes say which clauses).
            states = list(map(str, map(TASK_STATE, site.tasks_by_source.get(source, ()))))
            yield (document_key(site, digests, source), states), partial(rows, resolution)

    return OutputFile(CLAUSES_CSV, pieces.join(parts()))


def _rows(
    resolution: Resolution, page: str, states: dict[str, str], config: SiteConfig
) -> Iterator[tuple[str, ...]]:
    for clause in resolution.clauses:
        deadline = clause.deadline
        yield (
            resolution.title,
            absolute_url(config, page),
            clause.number,
            clause.anchor,
            str(clause.role),
            clause.addressee or "",
            deadline.text if deadline else "",
            str(deadline.kind) if deadline else "",
            deadline.due.isoformat() if deadline and deadline.due else "",
            clause.responsible or "",
            states.get(clause.anchor, ""),
            clause_url(config, page, clause.anchor),
        )
