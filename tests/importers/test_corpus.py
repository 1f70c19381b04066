"""The importer against 19 real documents read by hand (tests/fixtures/import/*/expected.yaml).

The thresholds are what the importer achieves today, so a change that reads the corpus worse
fails here; `python -m sitegen.importers.accuracy tests/fixtures/import -v` lists every miss.
"""

from __future__ import annotations

import pytest

from sitegen.importers.accuracy import EXTRA, FIELDS, evaluate, table
from support import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "import"

# Achieved: 100% except body 13/19 (bodies named only in a signature or not at all),
# responsible 57/58 and control 16/19 (a surname the dictionary lacks, bodies as controllers).
THRESHOLDS = {
    "date": 1.0,
    "number": 1.0,
    "kind": 1.0,
    "body": 0.68,
    "title": 1.0,
    "addressees": 0.94,
    "clause numbers": 1.0,
    "deadlines": 0.98,
    "responsible": 0.96,
    "control": 0.84,
}


@pytest.fixture(scope="module")
def scores():
    return evaluate(CORPUS)


def test_the_corpus_is_complete(scores) -> None:
    assert len(list(CORPUS.glob("*/expected.yaml"))) == 19
    assert set(scores) == {*FIELDS, *EXTRA}
    assert scores["clause numbers"].total == 19
    assert scores["deadlines"].total == 58  # every expected clause is scored


@pytest.mark.parametrize("field", THRESHOLDS)
def test_accuracy_does_not_drop(scores, field: str) -> None:
    score = scores[field]
    assert score.ratio >= THRESHOLDS[field] - 1e-9, "\n".join([*table(scores), *score.misses])


def test_the_accuracy_script_prints_the_table(capsys) -> None:
    from sitegen.importers.accuracy import main

    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["field", "correct", "of", "accuracy"]
    assert [line.split()[0] for line in out[1:4]] == ["date", "number", "kind"]
    assert main([str(CORPUS / "missing")]) == 2
