"""Find the content files of a site, classified by folder, in a stable order."""

from __future__ import annotations

from pathlib import Path

from sitegen.diagnostics import Diagnostic, error

SECTIONS = ("resolutions", "materials", "pages")


def discover(content_dir: Path, site_root: Path) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """Every `*.md` under content/<section>/, sorted by path, with its section name.

    Hidden files and names starting with '_' are drafts and ignored. A symlink that leads out of
    the site is an error: content must never make the build read (or publish) foreign files.
    """
    found: list[tuple[Path, str]] = []
    problems: list[Diagnostic] = []
    site_root = site_root.resolve()
    for section in SECTIONS:
        folder = content_dir / section
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            relative = path.relative_to(content_dir)
            if any(part.startswith((".", "_")) for part in relative.parts):
                continue
            if not path.resolve().is_relative_to(site_root):
                problems.append(error(site_path(path, site_root), 1, "source.outside"))
                continue
            if path.is_file():
                found.append((path, section))
    return found, problems


def site_path(path: Path, site_root: Path) -> str:
    """The path editors see in diagnostics: relative to the site, with forward slashes."""
    try:
        return path.absolute().relative_to(site_root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
