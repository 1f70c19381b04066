"""Find the content files of a site, classified by folder, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.diagnostics import Diagnostic, error

SECTIONS = ("resolutions", "materials", "pages")

Found = tuple[Path, str, str]  # the file, its path as editors see it, its section


def discover(content_dir: Path, site_root: Path) -> tuple[list[Found], list[Diagnostic]]:
    """Every `*.md` under content/<section>/, sorted by path, with its section name.

    Hidden files and names starting with '_' are drafts and ignored. A symlink that leads out of
    the site is an error: content must never make the build read (or publish) foreign files.
    Symlinked folders are not entered. Plain `os` calls: `serve` discovers the content again
    after every save, and path objects cost a tenth of a second per thousand files.
    """
    found: list[Found] = []
    problems: list[Diagnostic] = []
    root = site_root.resolve()
    content = site_path(content_dir, site_root)
    for section in SECTIONS:
        top = content_dir / section
        if not top.is_dir():
            continue
        files: list[tuple[list[str], str]] = []  # path parts under the section, file
        for folder, folders, names in os.walk(top):
            folders[:] = [f for f in folders if not f.startswith((".", "_"))]
            outside = not Path(os.path.realpath(folder)).is_relative_to(root)
            below = os.path.relpath(folder, top)
            parts = [] if below == "." else below.split(os.sep)
            for name in names:
                if name.endswith(".md") and not name.startswith((".", "_")):
                    file = os.path.join(folder, name)
                    if outside or _leads_outside(file, root):
                        problems.append(
                            error(_joined(content, section, *parts, name), 1, "source.outside")
                        )
                    elif os.path.isfile(file):
                        files.append(([*parts, name], file))
        files.sort()  # by parts, as paths compare
        found += [(Path(file), _joined(content, section, *parts), section) for parts, file in files]
    return found, problems


def _leads_outside(file: str, root: Path) -> bool:
    return os.path.islink(file) and not Path(os.path.realpath(file)).is_relative_to(root)


def _joined(*parts: str) -> str:
    return "/".join(part for part in parts if part)


def site_path(path: Path, site_root: Path) -> str:
    """The path editors see in diagnostics: relative to the site, with forward slashes."""
    try:
        return path.absolute().relative_to(site_root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
