"""Static assets with content hashes in their names ("style.3f2a9c1e.css"), so that a long
cache lifetime is safe: a changed stylesheet is a new URL, never a stale copy in a cache."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.model import OutputFile
from sitegen.render.theme import Theme

FINGERPRINTED = (".css", ".js")


@dataclass(frozen=True, slots=True)
class Assets:
    files: tuple[OutputFile, ...]
    names: dict[str, str]  # "static/style.css" → "static/style.3f2a9c1e.css"

    def path(self, name: str) -> str:
        """The published path of a theme asset, by its source name under static/."""
        return self.names[f"static/{name}"]


def collect_assets(theme: Theme) -> Assets:
    """Theme and site static files; a later directory in the chain overrides an earlier one."""
    sources: dict[str, Path] = {}
    for directory in theme.static_dirs:
        if directory.is_dir():
            for path in sorted(p for p in directory.rglob("*") if p.is_file()):
                sources["static/" + path.relative_to(directory).as_posix()] = path
    files, names = [], {}
    for name in sorted(sources):
        content = sources[name].read_bytes()
        published = _fingerprinted(name, content)
        names[name] = published
        files.append(OutputFile(published, content))
    return Assets(tuple(files), names)


def _fingerprinted(name: str, content: bytes) -> str:
    path = PurePosixPath(name)
    if path.suffix not in FINGERPRINTED:
        return name
    digest = hashlib.sha256(content).hexdigest()[:10]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
