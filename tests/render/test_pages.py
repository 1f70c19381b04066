"""What the public sees on each kind of page of the built sample site."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.build import build
from sitegen.render import views
from support import sample_copy, seminar

SEED_000 = "resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva/index.html"
SEED_001 = "resolutions/2020/1-2020-3/index.html"
MATERIAL = "materials/opyt-kolleg-vzaimnyy-uspekh/index.html"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_every_page_kind_of_design_is_built(sample_site):
    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "resolutions/index.html",
        SEED_001,
        "addressees/index.html",
        "addressees/miskyi-metodychnyi-tsentr/index.html",
        "deadlines/index.html",
        "deadlines/2020-04/index.html",
        "bodies/index.html",
        "bodies/kolehiia-upravlinnia-osvity-chernivetskoi-miskoi-rady/index.html",
        "years/index.html",
        "years/2020/index.html",
        "years/undated/index.html",
        "materials/index.html",
        MATERIAL,
        "about/index.html",
    ]:
        assert (sample_site / path).is_file(), path


def test_stylesheet_name_carries_its_content_hash(sample_site):
    (css,) = sample_site.glob("static/style.*.css")
    digest = hashlib.sha256(css.read_bytes()).hexdigest()[:10]
    assert css.name == f"style.{digest}.css"
    link = page(sample_site, "index.html").select_one('link[rel="stylesheet"]')["href"]
    assert link == f"static/{css.name}"


def test_resolution_page_shows_requisites_and_clause_details(sample_site):
    soup = page(sample_site, SEED_001)
    assert soup.html["lang"] == "uk"
    requisites = text(soup.select_one(".requisites"))
    assert "Колегія управління освіти Чернівецької міської ради" in requisites
    assert "4 березня 2020 р." in requisites and "№ 1/2020-3" in requisites
    clause = soup.select_one("#clause-3-2")
    assert clause.select_one("a.clause-number")["href"] == "#clause-3-2"
    time = clause.select_one("time")
    assert (time["datetime"], time.get_text()) == ("2020-04-30", "Квітень 2020 р.")
    assert "місяць" in text(clause)
    section = soup.select_one("#section-2")
    assert "Відповідальний: Герасим Н.П." in text(section)
    link = section.select_one("h2 a")["href"]
    assert link == "../../../addressees/miskyi-metodychnyi-tsentr/index.html"
    assert "Кузьміну О.Л." in text(soup.select_one("#control"))
    assert "С.В. Мартинюк" in text(soup.select_one("#signatures"))


def test_clause_2_6_links_to_its_material_and_the_material_links_back(sample_site):
    clause = page(sample_site, SEED_000).select_one("#clause-2-6")
    (material_link,) = clause.select(".materials a")
    assert material_link["href"] == "../../../materials/opyt-kolleg-vzaimnyy-uspekh/index.html"
    back = page(sample_site, MATERIAL).select_one(".implements a")["href"]
    assert back == (
        "../../resolutions/undated/z-pytannia-orhanizatsii-mizhnarodnoho-spivrobitnytstva"
        "/index.html#clause-2-6"
    )


def test_addressee_page_groups_tasks_and_sorts_them_by_due_date(sample_site):
    soup = page(sample_site, "addressees/kerivnyky-zakladiv-pozashkilnoi-osvity/index.html")
    groups = [s["class"][1] for s in soup.select("section.group")]
    assert groups == ["group-overdue", "group-upcoming", "group-permanent"]  # today: 2020-06-15
    overdue = soup.select("section.group-overdue .deadline time")
    assert [t["datetime"] for t in overdue] == ["2020-05-31"]
    assert [t["datetime"] for t in soup.select("section.group-upcoming .deadline time")] == [
        "2021-02-28"
    ]
    upcoming = page(sample_site, "addressees/miskyi-metodychnyi-tsentr/index.html")
    dues = [t["datetime"] for t in upcoming.select("section.group-upcoming .deadline time")]
    assert dues == sorted(dues) == ["2020-08-31"]


def test_deadline_month_page_lists_what_falls_due(sample_site):
    soup = page(sample_site, "deadlines/2020-04/index.html")
    assert text(soup.select_one("h1")) == "Терміни: Квітень 2020"
    (task,) = soup.select("li.task")
    assert "Провести навчальний семінар" in text(task)
    months = [
        a.get_text() for a in page(sample_site, "deadlines/index.html").select("#months ~ ul a")
    ]
    assert months == [
        "Січень 2016",
        "Квітень 2020",
        "Травень 2020",
        "Серпень 2020",
        "Лютий 2021",
        "Березень 2021",
    ]


def test_home_lists_overdue_and_due_soon_from_the_configured_today(sample_site):
    soup = page(sample_site, "index.html")
    assert soup.select_one(".today time")["datetime"] == "2020-06-15"
    overdue = [a.get_text() for a in soup.select("#overdue + ol .task-source a:first-child")]
    assert overdue == ["Пункт 1.1", "Пункт 3.2", "Пункт 4.3"]
    assert "Термін настає протягом 30 днів" in text(soup)


def test_russian_documents_are_shown_in_russian(sample_site):
    soup = page(
        sample_site,
        "resolutions/2015/2015-08-20-rezoliutsiia-oblastnogo-vebinara-rukovoditelei/index.html",
    )
    assert soup.html["lang"] == "ru"
    assert "20 августа 2015 г." in text(soup.select_one(".requisites"))
    assert "Срок:" in text(soup.select_one("#clause-1-1"))
    assert soup.select_one(".skip-link").get_text() == "Перейти к содержанию"


def test_lists_follow_the_alphabet_not_code_points(sample_site):
    names = [a.get_text() for a in page(sample_site, "addressees/index.html").select(".entries a")]
    assert names == sorted(names, key=_ukrainian_order)
    assert names.index(
        "ГАУ ДПОС «Смоленский областной институт развития образования»"
    ) < names.index("Директори навчальних закладів")


def _ukrainian_order(name: str) -> list[int]:
    alphabet = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
    folded = name.lower().replace("ё", "е").replace("ы", "и").replace("э", "е").replace("ъ", "")
    return [alphabet.find(ch) if ch in alphabet else 100 + ord(ch) for ch in folded]


def test_accessibility_basics_on_every_page(sample_site):
    for path in sample_site.rglob("*.html"):
        soup = page(sample_site, str(path.relative_to(sample_site)))
        assert soup.html.get("lang") in {"uk", "ru", "en"}, path
        assert soup.select_one("a.skip-link")["href"] == "#main", path
        assert soup.select_one("main#main") is not None, path
        assert len(soup.select("h1")) == 1, path
        assert soup.select_one('meta[name="viewport"]') is not None, path


def test_no_external_requests(sample_site):
    for path in sample_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(
            r'(src|href)="(https?:)?//', html.replace('rel="canonical" href="', "")
        ), path


def test_sitemap_and_robots(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>/resolutions/2020/1-2020-3/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: /sitemap.xml" in (sample_site / "robots.txt").read_text(encoding="utf-8")


def test_a_long_addressee_page_links_its_years_newest_first(tmp_path, monkeypatch):
    """An addressee with more tasks than one page groups links a page per year of its
    resolutions; each lists that year's tasks only."""
    monkeypatch.setattr(views, "GROUP_LIMIT", 1)
    config = sample_copy(tmp_path / "site")
    earlier = seminar().replace("2020-03-04", "2019-03-04").replace("Квітень 2020", "Квітень 2019")
    (config.root / "content/resolutions/2019").mkdir()
    (config.root / "content/resolutions/2019/5-2019.md").write_text(earlier, "utf-8")
    out = tmp_path / "out"
    assert build(replace(config, output=str(out)), strict=True, cache=False).published
    addressee = "addressees/miskyi-metodychnyi-tsentr/"
    links = page(out, f"{addressee}index.html").select("nav.years a")
    assert [a.get_text(strip=True) for a in links] == ["2020", "2019"]
    assert [a["href"] for a in links] == ["2020/index.html", "2019/index.html"]
    year_2019 = page(out, f"{addressee}2019/index.html")
    sources = {a["href"].split("#")[0] for a in year_2019.select("li.task p.task-source a")}
    assert sources == {"../../../resolutions/2019/5/index.html"}
    year_2020 = page(out, f"{addressee}2020/index.html")
    assert year_2020.select("li.task") and "2019" not in {
        a["href"].split("/")[4] for a in year_2020.select("li.task p.task-source a")
    }
