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
    outside: dict[Path, bool] = {}  # folder → whether it resolves out of the site
    for section in SECTIONS:
        folder = content_dir / section
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            relative = path.relative_to(content_dir)
            if any(part.startswith((".", "_")) for part in relative.parts):
                continue
            if _leads_outside(path, site_root, outside):
                problems.append(error(site_path(path, site_root), 1, "source.outside"))
                continue
            if path.is_file():
                found.append((path, section))
    return found, problems


def _leads_outside(path: Path, site_root: Path, folders: dict[Path, bool]) -> bool:
    """Whether the file, or a folder above it, is a symlink out of the site; each folder is
    resolved once (`serve` discovers the content again after every save)."""
    if path.is_symlink():
        return not path.resolve().is_relative_to(site_root)
    if path.parent not in folders:
        folders[path.parent] = not path.parent.resolve().is_relative_to(site_root)
    return folders[path.parent]


def site_path(path: Path, site_root: Path) -> str:
    """The path editors see in diagnostics: relative to the site, with forward slashes."""
    try:
        return path.absolute().relative_to(site_root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
