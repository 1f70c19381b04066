"""Diagnostics: bad content is a value that names file, line and fix, never an exception.

The text form is the contract of DESIGN §2.1 (`path:line:col: severity: message [code]`); the
GitHub form turns the same values into workflow annotations on the changed files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem found in content or configuration; `code` is stable and tests match on it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"
        )

    def github(self) -> str:
        """A GitHub Actions workflow command, so CI annotates the offending line of the PR."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{self.severity} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{message}"
        )


def error(path: str, line: int, message: str, code: str, column: int = 1) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.ERROR, message, code)


def warning(path: str, line: int, message: str, code: str, column: int = 1) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.WARNING, message, code)


@dataclass(frozen=True, slots=True)
class Report:
    """All diagnostics of a run, deduplicated and sorted by path and line."""

    diagnostics: tuple[Diagnostic, ...] = ()

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Report:
        return cls(tuple(sorted(set(diagnostics))))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def blocks(self, strict: bool) -> bool:
        """Errors always block publishing; warnings block it under --strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def summary(self) -> str:
        files = len({d.path for d in self.diagnostics})
        return f"{len(self.errors)} error(s), {len(self.warnings)} warning(s) in {files} file(s)"

    def lines(self, output_format: str = "text") -> list[str]:
        if output_format == "github":
            return [d.github() for d in self.diagnostics]
        return [str(d) for d in self.diagnostics]
