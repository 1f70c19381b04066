"""Model → the JSON objects of DESIGN §2.2 (`sitegen inspect --json`, /api/resolutions.json)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.model import Clause, Deadline, Resolution, Site


def deadline_json(deadline: Deadline | None) -> dict[str, object] | None:
    if deadline is None:
        return None
    found: dict[str, object] = {
        "text": deadline.text,
        "kind": str(deadline.kind),
        "due": deadline.due.isoformat() if deadline.due else None,
    }
    if deadline.start is not None:  # a range ("з 12.03.2020 по 03.04.2020"): its first day
        found["start"] = deadline.start.isoformat()
    return found


def clause_json(clause: Clause) -> dict[str, object]:
    found: dict[str, object] = {
        "number": clause.number,
        "anchor": clause.anchor,
        "role": str(clause.role),
        "addressee": clause.addressee,
        "text": clause.text,
        "deadline": deadline_json(clause.deadline),
        "responsible": clause.responsible,
        "line": clause.line,
    }
    if len(clause.addressees) > 1:  # "Виконавці: A; B": every addressee the clause names
        found["addressees"] = list(clause.addressees)
    return found


def resolution_json(
    resolution: Resolution,
    url: str,
    addressee_slugs: Mapping[str, str],
    referenced_by: Sequence[str],
    refs: Sequence[str],
) -> dict[str, object]:
    return {
        "source": resolution.source,
        "url": url,
        "title": resolution.title,
        "kind": resolution.kind,
        "body": resolution.body,
        "date": resolution.date.isoformat() if resolution.date else None,
        "number": resolution.number,
        "lang": resolution.lang,
        "status": resolution.status,
        "addressees": [
            {"name": a.name, "slug": addressee_slugs.get(a.name), "aliases": list(a.aliases)}
            for a in resolution.addressees
        ],
        "formula": resolution.formula,
        "sections": [
            {
                "heading": s.heading,
                "number": s.number,
                "addressee": s.addressee,
                "responsible": s.responsible,
                "clauses": [c.anchor for c in s.clauses],
            }
            for s in resolution.sections
        ],
        "clauses": [clause_json(c) for c in resolution.clauses],
        "control": resolution.control,
        "signed": resolution.signed,
        "signatures": list(resolution.signatures),
        "refs": list(refs),
        "referenced_by": list(referenced_by),
    }


def site_resolution_json(
    site: Site,
    resolution: Resolution,
    base_url: str,
    slugs: Mapping[str, str] | None = None,  # addressee → slug, when made for many documents
) -> dict[str, object]:
    """One resolution of the linked site as `inspect --json` prints it and /api serves it."""
    return resolution_json(
        resolution,
        base_url + site.paths[resolution.source],
        {a.key: a.slug for a in site.addressees} if slugs is None else slugs,
        site.referenced_by.get(resolution.source, ()),
        [r.target for r in resolution.references if r.explicit],
    )
