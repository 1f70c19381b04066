"""Importing a seed's raw text gives what the hand-made content file says (DESIGN: seeds are the
ground truth): the same clauses and numbers, addressees and deadlines, read by the same parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import SiteConfig
from sitegen.importers.decode import decode
from sitegen.importers.roundtrip import differences
from sitegen.importers.text import read_text
from sitegen.importers.write import render
from sitegen.load.source import read_source
from sitegen.model import Resolution
from sitegen.parse import parse_source
from support import ROOT

SEEDS = ROOT / "tests" / "fixtures" / "seeds"  # the raw seed texts, copied from shared/seeds
CONTENT = ROOT / "content" / "resolutions"
PAIRS = {
    "000": "undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva.md",
    "001": "2020/1-2020-3.md",
    "002": "2015/rezolyutsiya-oblastnogo-vebinara-rukovoditeley.md",
    "003": "undated/rekomendatsii-mezhdunarodnogo-on-line-seminara.md",
}


def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"seed {prefix} is not in {SEEDS}")
    return found[0]


def _parsed(text: str, path: str) -> Resolution:
    source, problems = read_source(text.encode("utf-8"), path, "resolutions")
    assert source is not None, problems
    resolution, problems = parse_source(source, SiteConfig(root=ROOT))
    assert isinstance(resolution, Resolution), problems
    return resolution


def _model(resolution: Resolution) -> tuple[object, ...]:
    clauses = [
        (
            c.number,
            c.role,
            c.addressee,
            (c.deadline.kind, c.deadline.due, c.deadline.start) if c.deadline else None,
        )
        for c in resolution.clauses
    ]
    return sorted(a.name for a in resolution.addressees), clauses


@pytest.mark.parametrize("prefix", sorted(PAIRS))
def test_import_of_a_seed_matches_its_hand_made_content(prefix: str) -> None:
    decoded = decode(_seed(prefix).read_bytes())
    document = read_text(decoded.text, _seed(prefix).name, decoded.encoding)
    written = render(document)
    imported = _parsed(written, f"content/resolutions/imported-{prefix}.md")
    hand_made = _parsed((CONTENT / PAIRS[prefix]).read_text(encoding="utf-8"), PAIRS[prefix])
    assert _model(imported) == _model(hand_made)
    assert differences(document, written) == []


def test_seed_001_requisites_match_too() -> None:
    decoded = decode(_seed("001").read_bytes())
    document = read_text(decoded.text, "001.txt", decoded.encoding)
    hand_made = _parsed((CONTENT / PAIRS["001"]).read_text(encoding="utf-8"), PAIRS["001"])
    assert (document.title, document.kind, document.body) == (
        hand_made.title,
        hand_made.kind,
        hand_made.body,
    )
    assert (document.date, document.number, document.signed) == (
        hand_made.date,
        hand_made.number,
        hand_made.signed,
    )
    assert [(c.number, c.responsible) for c in hand_made.clauses if c.number.startswith("3.")] == [
        (a.point.number, a.responsible)
        for a in document.clauses()
        if (a.point.number or "").startswith("3.")
    ]
