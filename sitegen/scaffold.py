"""`sitegen init`: a new site folder with a config, one sample resolution and an about page."""

from __future__ import annotations

import shutil
from pathlib import Path

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
        raise FileExistsError(f"{clashes[0]} already exists; choose an empty folder")
    created = []
    for path in files:
        destination = target / path.relative_to(SKELETON)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        created.append(destination)
    return created
