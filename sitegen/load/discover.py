"""Find the content files of a site, classified by folder, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.diagnostics import Diagnostic, error

SECTIONS = ("resolutions", "materials", "pages")

Found = tuple[str, str, str]  # the file (as given to `open`), its path as editors see it, section


def discover(content_dir: Path, site_root: Path) -> tuple[list[Found], list[Diagnostic]]:
    """Every `*.md` under content/<section>/, sorted by path, with its section name.

    Hidden files and names starting with '_' are drafts and ignored. A symlink that leads out of
    the site is an error: content must never make the build read (or publish) foreign files.
    Symlinked folders are not entered. `os.scandir` and strings: `serve` discovers the content
    again after every save, and path objects and a `stat` per file cost more than the save's
    own parse (a directory entry knows whether it is a link or a folder without one).
    """
    found: list[Found] = []
    problems: list[Diagnostic] = []
    root = site_root.resolve()
    content = site_path(content_dir, site_root)
    for section in SECTIONS:
        top = os.path.join(content_dir, section)
        if not os.path.isdir(top):
            continue
        files: list[tuple[list[str], str]] = []  # path parts under the section, file
        outside = not _inside(top, root)
        folders: list[tuple[str, list[str], bool]] = [(top, [], outside)]
        while folders:
            folder, parts, outside = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name.startswith((".", "_")):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, [*parts, name], outside))
                    elif name.endswith(".md"):
                        if outside or (entry.is_symlink() and not _inside(entry.path, root)):
                            where = _joined(content, section, *parts, name)
                            problems.append(error(where, 1, "source.outside"))
                        elif entry.is_file():
                            files.append(([*parts, name], entry.path))
        files.sort()  # by parts, as paths compare
        found += [(file, _joined(content, section, *parts), section) for parts, file in files]
    return found, problems


def _inside(path: str, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root)


def _joined(*parts: str) -> str:
    return "/".join(part for part in parts if part)


def site_path(path: Path, site_root: Path) -> str:
    """The path editors see in diagnostics: relative to the site, with forward slashes."""
    try:
        return path.absolute().relative_to(site_root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
