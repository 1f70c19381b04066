"""Open data: the archive as JSON (the `inspect --json` objects) and every clause as CSV.

Journalists and oversight bodies analyse who must do what by when in a spreadsheet; tools
take the same objects `sitegen inspect --json` prints, so the two never drift apart.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sitegen.config import SiteConfig
from sitegen.model import OutputFile, Resolution, Site
from sitegen.render.permalinks import absolute_url, clause_url
from sitegen.serialize import site_resolution_json

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


def resolutions_json(site: Site, config: SiteConfig) -> OutputFile:
    """Every resolution, sorted by source path, exactly as `inspect --json` shows it; written
    object by object, so a large archive is never one string in memory."""

    def chunks() -> Iterator[bytes]:
        ordered = sorted(site.resolutions, key=lambda r: r.source)
        for index, resolution in enumerate(ordered):
            # Compact: without `indent` the json module encodes in C (7× faster).
            text = json.dumps(
                site_resolution_json(site, resolution, config.base_url),
                ensure_ascii=False,
                separators=(",", ":"),
            )
            yield f"{',' if index else '['}{text}".encode()
        yield b"]\n" if ordered else b"[]\n"

    return OutputFile(RESOLUTIONS_JSON, chunks())


def clauses_csv(site: Site, config: SiteConfig) -> OutputFile:
    """One row per clause (tasks, acknowledgements, control), in document order; written
    resolution by resolution."""

    def chunks() -> Iterator[bytes]:
        states = {(t.resolution.source, t.clause.anchor): str(t.state) for t in site.tasks}
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)  # RFC 4180: comma, double quotes, CRLF
        writer.writerow(CLAUSE_COLUMNS)
        for resolution in sorted(site.resolutions, key=lambda r: r.source):
            page = site.paths[resolution.source]
            writer.writerows(_rows(resolution, page, states, config))
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    return OutputFile(CLAUSES_CSV, chunks())


def _rows(
    resolution: Resolution, page: str, states: dict[tuple[str, str], str], config: SiteConfig
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
            states.get((resolution.source, clause.anchor), ""),
            clause_url(config, page, clause.anchor),
        )
