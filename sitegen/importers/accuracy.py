"""How well the importer reads real documents: `python -m sitegen.importers.accuracy DIR [-v]`.

DIR holds one folder per document with `source.txt` and a hand-checked `expected.yaml` (see
tests/fixtures/import/README.md). Every field is scored per document, except deadlines and
responsible people, which are scored per expected clause. Texts (body, title, names) compare
after folding case, quotes and spaces: a capital letter is the editor's call, a wrong word is
not.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.importers.decode import decode
from sitegen.importers.document import Assigned, ImportedDocument, Role
from sitegen.importers.text import read_text
from sitegen.model import Deadline

FIELDS = ("date", "number", "kind", "body", "title", "addressees", "clause numbers", "deadlines")
EXTRA = ("responsible", "control")


@dataclass(slots=True)
class Score:
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.correct += ok
        if not ok:
            self.misses.append(what)

    @property
    def ratio(self) -> float:
        return self.correct / self.total if self.total else 1.0


def fold(text: object) -> str | None:
    if text is None:
        return None
    folded = re.sub(r"[«»“”„]", '"', str(text)).replace("’", "'").replace("ʼ", "'")
    return " ".join(folded.split()).strip(" .").casefold()


def points(document: ImportedDocument) -> list[Assigned]:
    """What the corpus lists as clauses: numbered headings too ("2. Руководителям …:")."""
    return [a for a in document.assigned() if a.point.role is not Role.HEADING or a.point.number]


def _aligned(found: list[Assigned], expected: list[dict]) -> list[tuple[dict, Assigned | None]]:
    if len(found) == len(expected):
        return list(zip(expected, found, strict=True))
    by_number = {a.point.number: a for a in found if a.point.number}
    return [(e, by_number.get(str(e["number"])) if e.get("number") else None) for e in expected]


def _deadline(found: Deadline | None) -> tuple[str, object, object] | None:
    return None if found is None else (str(found.kind), found.due, found.start)


def _expected_deadline(value: dict | None) -> tuple[str, object, object] | None:
    return None if not value else (value["kind"], value.get("due"), value.get("start"))


def score(document: ImportedDocument, expected: dict, scores: dict[str, Score], name: str) -> None:
    simple = {
        "date": (document.date, expected.get("date")),
        "number": (
            document.number,
            None if expected.get("number") is None else str(expected["number"]),
        ),
        "kind": (document.kind, expected.get("kind")),
        "body": (fold(document.body), fold(expected.get("body"))),
        "title": (fold(document.title), fold(expected.get("title"))),
        "control": (fold(document.control), fold(expected.get("control"))),
    }
    for key, (got, want) in simple.items():
        scores[key].add(got == want, f"{name}: {key} {got!r} ≠ {want!r}")
    got_names = sorted(fold(a.name) or "" for a in document.addressees)
    want_names = sorted(fold(a["name"]) or "" for a in expected.get("addressees") or [])
    scores["addressees"].add(got_names == want_names, f"{name}: {got_names} ≠ {want_names}")
    found = points(document)
    wanted = expected.get("clauses") or []
    got_numbers = [a.point.number for a in found]
    want_numbers = [None if c.get("number") is None else str(c["number"]) for c in wanted]
    scores["clause numbers"].add(
        got_numbers == want_numbers, f"{name}: {got_numbers} ≠ {want_numbers}"
    )
    for clause, assigned in _aligned(found, wanted):
        got = _deadline(assigned.point.deadline) if assigned else ("missing",)
        want = _expected_deadline(clause.get("deadline"))
        scores["deadlines"].add(got == want, f"{name} {clause.get('number')}: {got} ≠ {want}")
        person = fold(assigned.responsible) if assigned else "missing"
        want_person = fold(clause.get("responsible"))
        scores["responsible"].add(
            person == want_person, f"{name} {clause.get('number')}: {person} ≠ {want_person}"
        )


def evaluate(corpus: Path) -> dict[str, Score]:
    scores = {key: Score() for key in (*FIELDS, *EXTRA)}
    for folder in sorted(p for p in corpus.iterdir() if (p / "expected.yaml").is_file()):
        decoded = decode((folder / "source.txt").read_bytes())
        document = read_text(decoded.text, "source.txt", decoded.encoding)
        expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        score(document, expected, scores, folder.name[:2])
    return scores


def table(scores: dict[str, Score]) -> list[str]:
    lines = [f"{'field':<16} {'correct':>8} {'of':>4} {'accuracy':>9}"]
    for key, value in scores.items():
        lines.append(f"{key:<16} {value.correct:>8} {value.total:>4} {value.ratio:>9.0%}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.importers.accuracy")
    parser.add_argument("corpus", type=Path, help="folder of <doc>/source.txt + expected.yaml")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder", file=sys.stderr)
        return 2
    scores = evaluate(args.corpus)
    print("\n".join(table(scores)))
    if args.verbose:
        for key, value in scores.items():
            for miss in value.misses:
                print(f"  {key}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
