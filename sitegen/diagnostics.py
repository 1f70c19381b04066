"""Diagnostics: bad content is a value that names file, line and fix, never an exception.

The text form is the contract of DESIGN §2.1 (`path:line:col: severity: message [code]`); the
GitHub form turns the same values into workflow annotations on the changed files. Messages are
catalogue keys with arguments (`sitegen/messages/<lang>.yaml`), rendered in the editor's
language only when printed, so one diagnostic reads right in Ukrainian, Russian or English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

MESSAGES = Path(__file__).with_name("messages")
FALLBACK = "en"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = MESSAGES / f"{lang}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass(frozen=True, slots=True)
class Text:
    """A message to be translated when shown: a catalogue key and its arguments.

    An argument may itself be a Text ("did you mean …?"), rendered in the same language.
    """

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        template = _catalogue(lang).get(self.key) or _catalogue(FALLBACK)[self.key]
        values = {k: v.render(lang) if isinstance(v, Text) else v for k, v in self.args}
        return template.format(**values)


def text(key: str, /, **args: object) -> Text:
    return Text(key, tuple(sorted(args.items())))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in content or configuration; `code` is stable and tests match on it."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    text: Text

    @property
    def message(self) -> str:
        """The English message, for logs and for tools that do not choose a language."""
        return self.text.render(FALLBACK)

    def format(self, lang: str = FALLBACK) -> str:
        message = self.text.render(lang)
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {message} [{self.code}]"

    def __str__(self) -> str:
        return self.format()

    def github(self, lang: str = FALLBACK) -> str:
        """A GitHub Actions workflow command, so CI annotates the offending line of the PR."""
        message = self.text.render(lang)
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{self.severity} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{message}"
        )

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.severity, self.code, self.message)


def error(
    path: str, line: int, code: str, column: int = 1, *, variant: str = "", **args: object
) -> Diagnostic:
    """An error with code `code`; its message is catalogue entry `variant` or else the code."""
    return Diagnostic(path, line, column, Severity.ERROR, code, text(variant or code, **args))


def warning(
    path: str, line: int, code: str, column: int = 1, *, variant: str = "", **args: object
) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.WARNING, code, text(variant or code, **args))


@dataclass(frozen=True, slots=True)
class Report:
    """All diagnostics of a run, deduplicated and sorted by path and line."""

    diagnostics: tuple[Diagnostic, ...] = ()

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Report:
        return cls(tuple(sorted(set(diagnostics), key=Diagnostic.sort_key)))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def blocks(self, strict: bool) -> bool:
        """Errors always block publishing; warnings block it under --strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def summary(self, lang: str = FALLBACK) -> str:
        files = len({d.path for d in self.diagnostics})
        counts = text("summary", errors=len(self.errors), warnings=len(self.warnings), files=files)
        return counts.render(lang)

    def lines(self, output_format: str = "text", lang: str = FALLBACK) -> list[str]:
        if output_format == "github":
            return [d.github(lang) for d in self.diagnostics]
        return [d.format(lang) for d in self.diagnostics]
