"""Property-based: random, truncated and mutated versions of the seeds always give a model or
diagnostics — never an exception (an `internal.error`), and always within a time bound.

CI runs 600 cases per property; SITEGEN_FUZZ_EXAMPLES=20000 runs a deep search locally."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.load.source import read_source
from sitegen.parse import parse_source
from support import ROOT

SEEDS = sorted((ROOT / "content").rglob("*.md"))
SEED_BYTES = [p.read_bytes() for p in SEEDS]
SECTIONS = [p.relative_to(ROOT / "content").parts[0] for p in SEEDS]
CONFIG = SiteConfig(root=ROOT)
FUZZ = settings(
    max_examples=int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "600")),
    deadline=2000,  # ms per case: a pathological input must not make the parser crawl
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
# Characters that drive the structure parser: numbers, list markers, headings, quotes, dates.
CHARACTERS = (
    "0123456789.:;()*#-–—«»\"'\n\n  ІіЇїЄєҐґабвгдежзийклмнопрстуфхцчшщьюяАБВГДКМНПРСТ№/{}=<>&\r\t"
)
PHRASES = [
    "Постійно",
    "Термін: ",
    "до 1 січня 2020 р.",
    "Квітень 2020 р.",
    "Директорам:",
    "КОЛЕГІЯ УХВАЛЮЄ:",
    "Контроль за виконанням",
    "\n1. ",
    "\n2.1. ",
    "\n- ",
    "\n### ",
    "**",
    "---\n",
    "&a",
    "*a",
    "!!str",
]
PIECES = st.sampled_from([*CHARACTERS, *PHRASES])


def fragments(max_size: int) -> st.SearchStrategy[str]:
    """Text made of characters and phrases that steer the structure parser."""
    return st.lists(PIECES, max_size=max_size).map("".join)


def outcome(raw: bytes, section: str) -> list[str]:
    source, problems = read_source(raw, f"content/{section}/fuzz.md", section)
    codes = [p.code for p in problems]
    if source is not None:
        _, found = parse_source(source, CONFIG)
        codes += [p.code for p in found]
    return codes


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.floats(0, 1))
def test_truncated_seeds(index, fraction):
    raw = SEED_BYTES[index]
    assert "internal.error" not in outcome(raw[: int(len(raw) * fraction)], SECTIONS[index])


@FUZZ
@given(
    st.sampled_from(range(len(SEEDS))),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), fragments(15)), max_size=12),
)
def test_mutated_seeds(index, edits):
    text = SEED_BYTES[index].decode("utf-8")
    for where, cut, insert in edits:
        at = int(len(text) * where)
        text = text[:at] + insert + text[at + cut :]
    assert "internal.error" not in outcome(text.encode("utf-8"), SECTIONS[index])


FRONT = (
    "---\ntitle: Про семінар\nbody: Колегія\ndate: 2020-03-04\nlang: {lang}\n"
    "addressees: [Директори шкіл, Міський методичний центр]\n---\n"
)


@FUZZ
@given(st.sampled_from(["uk", "ru"]), fragments(300))
def test_random_bodies(lang, body):
    raw = (FRONT.format(lang=lang) + body).encode("utf-8")
    assert "internal.error" not in outcome(raw, "resolutions")


@FUZZ
@given(fragments(150), st.sampled_from(["resolutions", "materials", "pages"]))
def test_random_front_matter(front_matter, section):
    raw = f"---\n{front_matter}\n---\nТекст.\n".encode()
    assert "internal.error" not in outcome(raw, section)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    assert "internal.error" not in outcome(b"---\n" + raw, "resolutions")


def test_fuzz_corpus_covers_every_seed():
    assert len(SEEDS) == 6 and all(isinstance(p, Path) for p in SEEDS)
