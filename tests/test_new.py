"""`sitegen new`: a resolution from the kind's template, placeholders reported, no overwrite."""

from __future__ import annotations

from sitegen.cli import main


def test_new_writes_a_template_that_check_reports_until_filled(tmp_path, capsys):
    (tmp_path / "sitegen.toml").write_text("today = 2025-09-01\n", encoding="utf-8")
    assert (
        main(
            [
                "-C",
                str(tmp_path),
                "new",
                "--kind",
                "наказ",
                "--body",
                "Відділ освіти",
                "Про харчування",
            ]
        )
        == 0
    )
    path = capsys.readouterr().out.strip()
    assert path == "content/resolutions/2025/2025-09-01-pro-kharchuvannia.md"
    text = (tmp_path / path).read_text("utf-8")
    assert "title: Про харчування\nkind: наказ\nbody: Відділ освіти\ndate: 2025-09-01\n" in text
    assert "\nНАКАЗУЮ:\n" in text
    assert main(["-C", str(tmp_path), "check", "--strict"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:6:10: warning: заповніть поле-заготовку: номер [placeholder.unfilled]" in err
    assert err.count("[placeholder.unfilled]") == 7


def test_new_in_russian_and_never_overwrites(tmp_path, capsys):
    (tmp_path / "sitegen.toml").write_text(
        'today = 2025-09-01\nlanguage = "ru"\n', encoding="utf-8"
    )
    assert main(["-C", str(tmp_path), "new", "--kind", "приказ", "Об итогах года"]) == 0
    path = tmp_path / capsys.readouterr().out.strip()
    assert "\nПРИКАЗЫВАЮ:\n" in path.read_text("utf-8")
    path.write_text("edited", encoding="utf-8")
    assert main(["-C", str(tmp_path), "new", "--kind", "приказ", "Об итогах года"]) == 2
    assert "уже существует" in capsys.readouterr().err
    assert path.read_text("utf-8") == "edited"
