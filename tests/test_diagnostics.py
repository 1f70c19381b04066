"""Every broken-content fixture gives exactly the diagnostics an editor needs, and exit codes
follow DESIGN §2.1: errors → 1, warnings → 0 (1 under --strict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main

INVALID = Path(__file__).parent / "sites" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def diagnostics(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line or ": warning: " in line]


def test_every_case_of_the_issue_has_a_fixture():
    assert set(CASES) >= {
        "broken-yaml",
        "missing-field",
        "impossible-date",
        "duplicate-number",
        "unknown-addressee",
        "unparsed-deadline",
        "unresolved-ref",
        "not-utf8",
    }


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exact_file_line_and_message(case, capsys):
    site = INVALID / case
    expected = (site / "expected.txt").read_text(encoding="utf-8").splitlines()
    code = main(["-C", str(site), "check"])
    got = diagnostics(capsys.readouterr().err)
    assert got == expected
    has_errors = any(": error: " in line for line in expected)
    assert code == (1 if has_errors else 0)


@pytest.mark.parametrize("case", CASES)
def test_strict_fails_on_any_diagnostic_and_writes_nothing(case, capsys, tmp_path):
    site = INVALID / case
    out = tmp_path / "out"
    code = main(["-C", str(site), "build", "--strict", "--out", str(out)])
    assert code == 1
    assert not out.exists()
    assert "нічого не записано" in capsys.readouterr().err


def test_github_format_annotates_the_line(capsys):
    main(["-C", str(INVALID / "unparsed-deadline"), "check", "--format", "github"])
    err = capsys.readouterr().err.strip()
    assert err.startswith("::warning file=content/resolutions/rishennia.md,line=10,col=1,")
    assert "колись згодом" in err


def test_unknown_addressee_suggests_the_closest_declared_name(capsys):
    main(["-C", str(INVALID / "unknown-addressee"), "check"])
    assert "можливо, це «Директори шкіл»?" in capsys.readouterr().err


def test_config_errors_exit_with_2(tmp_path, capsys):
    (tmp_path / "sitegen.toml").write_text('titel = "x"\n', encoding="utf-8")
    assert main(["-C", str(tmp_path), "check"]) == 2
    assert "невідомий ключ «titel»; можливо, ви мали на увазі «title»?" in capsys.readouterr().err


def test_messages_in_the_language_asked_for(capsys):
    site = str(INVALID / "impossible-date")
    main(["--lang", "ru", "-C", site, "check"])
    assert (
        "в поле `date` ожидается дата ГГГГ-ММ-ДД, получено «2020-02-30»" in capsys.readouterr().err
    )
    main(["--lang", "en", "-C", site, "check"])
    err = capsys.readouterr().err
    assert "field 'date': expected a date YYYY-MM-DD, got '2020-02-30' [front-matter.type]" in err
    assert err.endswith("1 error(s), 0 warning(s) in 1 file(s)\n")


def test_every_message_key_exists_in_every_language():
    import yaml

    from sitegen.diagnostics import MESSAGES

    keys = {
        lang: set(yaml.safe_load((MESSAGES / f"{lang}.yaml").read_text("utf-8")))
        for lang in ("uk", "ru", "en")
    }
    assert keys["uk"] == keys["ru"] == keys["en"]
