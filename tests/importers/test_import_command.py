"""`sitegen import FILE… [-o DIR]`: what it writes, what it prints, its exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.build import analyse
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.importers import office
from support import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "import"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "sitegen.toml").write_text('title = "Архів"\nlanguage = "uk"\n', encoding="utf-8")
    (tmp_path / "content" / "resolutions").mkdir(parents=True)
    return tmp_path


def test_imports_into_the_site_by_year_and_reports(site: Path, capsys) -> None:
    source = FIXTURES / "nakaz-45-cp1251.txt"
    assert main(["--lang", "en", "-C", str(site), "import", str(source)]) == 0
    written = site / "content" / "resolutions" / "2020" / "45.md"
    assert written.is_file()
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("45.md  ← nakaz-45-cp1251.txt (Windows-1251)")
    assert out[1].startswith("  found: наказ № 45 від 12.03.2020, Відділ освіти Золочівської")
    assert out[1].endswith("; 2 addressees, 5 clauses, 3 deadlines")
    assert not any(line.startswith("  fill in:") for line in out)
    config, _ = load_config(site)
    assert [str(d) for d in analyse(config).report.diagnostics] == []  # a complete, valid file


def test_what_is_missing_is_named_by_its_front_matter_key(site: Path, capsys) -> None:
    source = CORPUS / "11-sovetsky-prikaz-159" / "source.txt"
    assert main(["--lang", "en", "-C", str(site), "import", str(source)]) == 0
    report = capsys.readouterr().out
    assert "  fill in: title (set 'title:'), body (set 'body:'), date (set 'date:')" in report
    written = next((site / "content" / "resolutions" / "undated").glob("*.md"))
    config, _ = load_config(site)
    errors = [d for d in analyse(config).report.errors]
    assert {d.code for d in errors} == {"front-matter.type"}  # check points at the empty fields
    assert "FILL IN" in written.read_text(encoding="utf-8")


def test_never_overwrites(site: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    source = CORPUS / "13-mosobl-prikaz-632" / "source.txt"
    for _ in range(2):
        assert main(["--lang", "en", "-C", str(site), "import", "-o", str(out), str(source)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["632-2.md", "632.md"]
    assert (out / "632.md").read_text(encoding="utf-8") == (out / "632-2.md").read_text(
        encoding="utf-8"
    )


def test_exit_codes(site: Path, tmp_path: Path, capsys) -> None:
    good = CORPUS / "12-arkhangelsk-postanovlenie-121" / "source.txt"
    unknown = tmp_path / "scan.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    assert main(["--lang", "en", "-C", str(site), "import", str(good), str(unknown)]) == 1
    assert "scan.pdf: not imported: cannot import .pdf" in capsys.readouterr().err
    assert main(["--lang", "en", "-C", str(site), "import", str(tmp_path / "missing.txt")]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["--lang", "en", "-C", str(site), "import"])
    assert usage.value.code == 2


def test_markdown_without_front_matter(site: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "rekomendatsii.md"
    source.write_text(
        "**Рекомендации семинара**\n\nУчастники семинара *рекомендуют:*\n\n"
        "### **Учителям:**\n\n1. Изучить опыт коллег до 1 мая 2021 года.\n\n"
        "- на заседаниях методических объединений;\n- на сайте школы.\n",
        encoding="utf-8",
    )
    assert (
        main(["--lang", "en", "-C", str(site), "import", "-o", str(tmp_path / "out"), str(source)])
        == 0
    )
    written = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert '  - name: Учителя\n    aliases: ["Учителям"]' in written
    assert "1. Изучить опыт коллег до 1 мая 2021 года." in written
    assert "- на сайте школы." in written


def test_markdown_with_front_matter_is_refused(site: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "ready.md"
    source.write_text("---\ntitle: x\n---\nТекст\n", encoding="utf-8")
    assert main(["--lang", "en", "-C", str(site), "import", str(source)]) == 1
    assert "already has front matter" in capsys.readouterr().err


def test_doc_without_libreoffice_names_the_package(
    site: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(office, "soffice", lambda: None)
    source = tmp_path / "old.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    assert main(["--lang", "en", "-C", str(site), "import", str(source)]) == 1
    error = capsys.readouterr().err
    assert "needs LibreOffice" in error and "libreoffice-writer" in error


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_odt_through_libreoffice(site: Path, tmp_path: Path, capsys) -> None:
    import docx

    document = docx.Document()
    for line in ("НАКАЗ", "12.03.2020 № 45", "Про семінар", "Відповідно до плану НАКАЗУЮ:"):
        document.add_paragraph(line)
    document.add_paragraph("Провести семінар до 15.04.2020.", style="List Number")
    document.add_paragraph("Контроль за виконанням наказу залишаю за собою.", style="List Number")
    document.save(tmp_path / "nakaz.docx")
    soffice = office.soffice()
    assert soffice is not None
    converted = tmp_path / "odt"
    import subprocess

    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(converted),
            str(tmp_path / "nakaz.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert main(["--lang", "en", "-C", str(site), "import", str(converted / "nakaz.odt")]) == 0
    written = (site / "content" / "resolutions" / "2020" / "45.md").read_text(encoding="utf-8")
    assert "1. Провести семінар до 15.04.2020." in written
    assert "2. Контроль за виконанням наказу залишаю за собою." in written
    shutil.rmtree(converted)


def test_a_clause_with_two_addressees_is_listed_for_both(site: Path, capsys) -> None:
    assert (
        main(["--lang", "en", "-C", str(site), "import", str(FIXTURES / "prikaz-112-koi8r.txt")])
        == 0
    )
    config, _ = load_config(site)
    analysis = analyse(config)
    assert analysis.report.errors == ()
    listings = {listing.key: listing for listing in analysis.site.addressees}
    for name in ("Администрация МБОУ СОШ N 1", "МБОУ СОШ N 2"):
        assert [t.clause.number for t in listings[name].tasks] == ["2"]
    (resolution,) = analysis.site.resolutions
    clause = next(c for c in resolution.clauses if c.number == "2")
    assert clause.responsible == "Нестерюк Е.В., Семушина М.А."


def test_report_speaks_the_sites_language(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('language = "uk"\n', encoding="utf-8")
    source = tmp_path / "nakaz.txt"
    source.write_text(
        "НАКАЗ\n12.03.2020 № 45\nПро підготовку\nНАКАЗУЮ:\n1. Директорам шкіл провести нараду.\n",
        encoding="utf-8",
    )
    main(["-C", str(site), "import", str(source)])
    out = capsys.readouterr().out
    assert "  знайдено: наказ № 45 від 12.03.2020" in out
    assert "заповніть «body:»" in out
