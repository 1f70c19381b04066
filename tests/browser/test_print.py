"""A resolution printed from the browser reads like the official document: requisites, title,
numbered clauses with their deadlines, the control clause and the signatures, then the page's
public address; none of the website around it (header, navigation, search box, addressee
chips, footer). Printed to PDF by Chromium and read back with pypdf; the PDF is kept in
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from support import PUBLIC_URL

SEED_001 = "resolutions/2020/1-2020-3/"

# In the order the document gives them.
DOCUMENT = [
    "РІШЕННЯ",  # the kind, set in capitals
    "Колегія управління освіти Чернівецької міської ради",
    "4 березня 2020 р.",
    "№ 1/2020-3",
    "Про впровадження інноваційних технологій у закладах позашкільної освіти",
    "КОЛЕГІЯ УХВАЛЮЄ",
    "2.1.",
    "Постійно",
    "3.2.",
    "Квітень 2020 р.",
    "4.7.",
    "Кузьміну О.Л.",
    "С.В. Мартинюк",
    PUBLIC_URL + SEED_001,  # where the printout came from
]
# The website around the document: navigation, search box, skip link, addressee chips, footer.
WEBSITE = [
    "Адресати",
    "Терміни",
    "Органи",
    "Роки",
    "Пошук в архіві",
    "Знайти",
    "Перейти до змісту",
    "Архів рішень освітніх органів",
    "Міський методичний центр",
    "Керівники закладів позашкільної освіти",
    "Тексти оприлюднено",
    "Про архів",
    "прострочено",  # the state on the day of printing is the website's, not the document's
]


def test_a_resolution_prints_as_the_official_document(
    browser, public_site: Path, serve_site, artifacts
):
    context = browser.new_context()
    tab = context.new_page()
    try:
        with serve_site(public_site) as url:
            tab.goto(url + SEED_001)
            pdf = tab.pdf(format="A4", print_background=False)
    finally:
        context.close()
    (artifacts / "print-resolution-1-2020-3.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    (artifacts / "print-resolution-1-2020-3.txt").write_text(text, encoding="utf-8")

    positions = []
    for expected in DOCUMENT:
        assert expected in text, expected
        positions.append(text.index(expected, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    assert text.count("Постійно") == 7  # 2.1, 3.1, 4.1, 4.2, 4.4, 4.6, 4.7
    shown = [word for word in WEBSITE if word in text]
    assert shown == []
    assert len(reader.pages) <= 3


def test_printed_links_to_other_sites_show_their_address(page, visit):
    visit(page, "resolution")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => {
          const text = document.querySelector('#clause-2-1 .clause-text');
          const link = Object.assign(document.createElement('a'), {href: 'https://mon.gov.ua/x'});
          link.textContent = 'наказ';
          text.append(' ', link);
          const inside = document.querySelector('#clause-2-1 .clause-number');
          return [getComputedStyle(link, '::after').content,
                  getComputedStyle(inside, '::after').content];
        }"""
    )
    assert shown[0] in ('" (" attr(href) ")"', '" (https://mon.gov.ua/x)"'), shown
    assert shown[1] == "none"  # the site's own links (relative) print as text only
