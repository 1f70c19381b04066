"""Open data: /api/resolutions.json is what `inspect --json` prints; /api/clauses.csv opens
in a spreadsheet with one row per clause."""

from __future__ import annotations

import csv
import io
import json

from sitegen.cli import main
from support import ROOT

SEED_001_URL = "/resolutions/2020/1-2020-3/"
COLUMNS = [
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
]


def test_resolutions_json_equals_inspect(sample_site, capsys):
    published = json.loads((sample_site / "api/resolutions.json").read_text(encoding="utf-8"))
    assert main(["-C", str(ROOT), "inspect", str(ROOT / "content"), "--json"]) == 0
    assert published == json.loads(capsys.readouterr().out)
    assert len(published) == 4
    assert [o["source"] for o in published] == sorted(o["source"] for o in published)
    raw = (sample_site / "api/resolutions.json").read_text(encoding="utf-8")
    assert "Колегія управління освіти" in raw  # ensure_ascii=False: readable Cyrillic


def rows(sample_site) -> list[dict[str, str]]:
    text = (sample_site / "api/clauses.csv").read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_clauses_csv_has_one_row_per_clause(sample_site):
    published = json.loads((sample_site / "api/resolutions.json").read_text(encoding="utf-8"))
    table = rows(sample_site)
    assert list(table[0]) == COLUMNS
    assert len(table) == sum(len(o["clauses"]) for o in published)


def test_clauses_csv_rows_carry_deadline_state_and_permalink(sample_site):
    table = {(r["resolution_url"], r["anchor"]): r for r in rows(sample_site)}
    assert table[(SEED_001_URL, "clause-3-2")] == {
        "resolution": "Про впровадження інноваційних технологій у закладах позашкільної освіти",
        "resolution_url": SEED_001_URL,
        "number": "3.2",
        "anchor": "clause-3-2",
        "role": "task",
        "addressee": "Міський методичний центр",
        "deadline_text": "Квітень 2020 р.",
        "deadline_kind": "month",
        "due": "2020-04-30",
        "responsible": "Герасим Н.П.",
        "state": "overdue",  # today is 2020-06-15 and no material implements it
        "permalink": f"{SEED_001_URL}#clause-3-2",
    }
    control = table[(SEED_001_URL, "clause-5")]
    assert (control["role"], control["state"], control["deadline_kind"]) == ("control", "", "")
    reported = table[
        (
            "/resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva/",
            "clause-2-6",
        )
    ]
    assert (reported["deadline_kind"], reported["state"]) == ("permanent", "permanent")
    assert table[(SEED_001_URL, "clause-2-1")]["due"] == ""
