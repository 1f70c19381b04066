"""Site configuration (`sitegen.toml`) → a frozen SiteConfig; bad keys → diagnostics.

"Today" is part of the configuration, not a clock read deep in the pipeline: it decides what is
overdue, and builds must be reproducible (`today` key, else SOURCE_DATE_EPOCH, else the clock).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sitegen.diagnostics import Diagnostic, error, text

CONFIG_FILE = "sitegen.toml"
LANGUAGES = ("uk", "ru", "en")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    root: Path
    title: str = "Архів рішень"
    description: str = ""
    language: str = "uk"
    base_url: str = "/"
    theme: str = "default"
    today: date | None = None
    due_soon_days: int = 30
    school_year_end: tuple[int, int] = (6, 30)
    latest_count: int = 10
    output: str = "output"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def output_dir(self) -> Path:
        return (self.root / self.output).resolve()

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    def settings(self) -> tuple[tuple[str, object], ...]:
        """What changes the output's bytes: every setting but where the site and output live."""
        return tuple(
            (f.name, getattr(self, f.name))
            for f in fields(self)
            if f.name not in {"root", "output"}
        )

    def with_overrides(self, **changes: object) -> SiteConfig:
        """Command-line options win over the file; None means 'not given'."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def effective_today(self) -> date:
        if self.today is not None:
            return self.today
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        return datetime.now(tz=UTC).date()


_STRING_KEYS = ("title", "description", "language", "base_url", "theme", "output")
_INT_KEYS = ("due_soon_days", "latest_count")
_KNOWN = (*_STRING_KEYS, *_INT_KEYS, "today", "school_year_end")


def normalize_base_url(url: str) -> str:
    """Base URLs end in '/', so '{base}resolutions/…' works at the root and under /school/."""
    url = url.strip() or "/"
    return url if url.endswith("/") else url + "/"


def load_config(root: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read `sitegen.toml` if there is one; a site without it gets the defaults."""
    path = root / CONFIG_FILE
    config = SiteConfig(root=root)
    if not path.exists():
        return config, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        return config, [error(CONFIG_FILE, line, "config.syntax", detail=str(exc))]
    problems: list[Diagnostic] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in _KNOWN:
            hint = difflib.get_close_matches(key, _KNOWN, n=1)
            fix = text("hint.did-you-mean", name=hint[0]) if hint else ""
            problems.append(error(CONFIG_FILE, 1, "config.unknown-key", key=key, hint=fix))
        elif (checked := _checked(key, value)) is not None:
            values[key] = checked
        else:
            problems.append(error(CONFIG_FILE, 1, "config.type", key=key, value=repr(value)))
    if values.get("language", "uk") not in LANGUAGES:
        problems.append(
            error(
                CONFIG_FILE,
                1,
                "config.type",
                variant="config.language",
                choices=", ".join(LANGUAGES),
            )
        )
        values.pop("language")
    if "base_url" in values:
        values["base_url"] = normalize_base_url(str(values["base_url"]))
    return replace(config, **values), problems


def _checked(key: str, value: object) -> object | None:
    """The value in the type the key needs, or None when it has the wrong type."""
    if key in _STRING_KEYS:
        return value if isinstance(value, str) else None
    if key in _INT_KEYS:
        return (
            value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
        )
    if key == "today":
        return value if isinstance(value, date) and not isinstance(value, datetime) else None
    return _month_day(value) if isinstance(value, str) else None


def _month_day(text: str) -> tuple[int, int] | None:
    """'06-30' → (6, 30): the last day of the school year, for 'term' deadlines."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2000, month, day)
    except ValueError:
        return None
    return month, day
