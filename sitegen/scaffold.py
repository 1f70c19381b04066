"""`sitegen init` (a site with sample content) and `sitegen new` (a resolution from a template)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import yaml

from sitegen.config import SiteConfig
from sitegen.link.urls import resolution_slug

SKELETON = Path(__file__).with_name("skeleton")


def init_site(target: Path) -> list[Path]:
    """Copy the skeleton into `target`; refuse to overwrite any existing file."""
    files = sorted(p for p in SKELETON.rglob("*") if p.is_file())
    clashes = [
        target / p.relative_to(SKELETON)
        for p in files
        if (target / p.relative_to(SKELETON)).exists()
    ]
    if clashes:
        raise FileExistsError(errno.EEXIST, "already exists", str(clashes[0]))
    created = []
    for path in files:
        destination = target / path.relative_to(SKELETON)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        created.append(destination)
    return created


# What each kind of act says before its clauses, per language (the operative formula).
FORMULAS = {
    "uk": {
        "рішення": "УХВАЛЮЄ:",
        "наказ": "НАКАЗУЮ:",
        "рекомендації": "рекомендують:",
        "резолюція": "ухвалили резолюцію:",
        "протокол": "УХВАЛИЛИ:",
        "постанова": "ПОСТАНОВЛЯЄ:",
        "розпорядження": "ЗОБОВ’ЯЗУЮ:",
    },
    "ru": {
        "решение": "РЕШИЛ:",
        "приказ": "ПРИКАЗЫВАЮ:",
        "рекомендации": "рекомендуют:",
        "резолюция": "приняли резолюцию:",
        "протокол": "ПОСТАНОВИЛИ:",
        "постановление": "ПОСТАНОВЛЯЕТ:",
        "распоряжение": "ОБЯЗЫВАЮ:",
    },
}
PLACEHOLDERS = {
    "uk": {
        "body": "[[орган, що ухвалив документ, у називному відмінку]]",
        "number": "[[номер]]",
        "addressee": "[[адресат у називному відмінку, напр. Директори закладів освіти]]",
        "preamble": "[[преамбула: на виконання чого, заслухавши що]]",
        "heading": "[[адресат у давальному відмінку, напр. Директорам закладів освіти]]",
        "clause": "[[що зробити]]",
        "deadline": "Термін: [[дата, місяць або «постійно»]]",
        "control": "Контроль за виконанням покласти на [[посада, прізвище та ініціали]].",
    },
    "ru": {
        "body": "[[орган, принявший документ, в именительном падеже]]",
        "number": "[[номер]]",
        "addressee": "[[адресат в именительном падеже, напр. Руководители школ]]",
        "preamble": "[[преамбула: во исполнение чего, заслушав что]]",
        "heading": "[[адресат в дательном падеже, напр. Руководителям школ]]",
        "clause": "[[что сделать]]",
        "deadline": "Срок: [[дата, месяц или «постоянно»]]",
        "control": "Контроль за исполнением возложить на [[должность, фамилия и инициалы]].",
    },
}


def new_resolution(
    config: SiteConfig, title: str, *, kind: str, body: str | None, lang: str
) -> Path:
    """Write content/resolutions/<year>/<slug>.md from the kind's template; never overwrite.

    What sitegen cannot know is left as [[…]] placeholders, which `check` reports until an
    editor fills them in, so a half-finished file cannot be published by accident.
    """
    today = config.effective_today()
    words = PLACEHOLDERS["ru" if lang == "ru" else "uk"]
    formula = FORMULAS["ru" if lang == "ru" else "uk"].get(kind.lower(), "УХВАЛЮЄ:")
    slug = resolution_slug(None, today, title, lang)
    path = config.content_dir / "resolutions" / str(today.year) / f"{slug}.md"
    front_matter = {
        "title": title,
        "kind": kind,
        "body": body or words["body"],
        "date": today,
        "number": words["number"],
        "lang": lang,
        "addressees": [words["addressee"]],
    }
    text = (
        "---\n"
        + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=100)
        + "---\n"
        + f"{words['preamble']}\n\n{formula}\n\n"
        + f"1. {words['heading']}:\n\n1.1. {words['clause']}.\n{words['deadline']}\n\n"
        + f"2. {words['control']}\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(text)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
    return path
