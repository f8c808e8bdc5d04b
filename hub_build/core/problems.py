"""Problems found in hub content, and the three ways of reporting them.

Every check in the pipeline reports through `Problem`, so a contributor sees
every mistake of a run at once, each pointing at `file:line:col`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    field: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.field, self.message)

    def as_text(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity.value}: {field}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the offending line of a PR."""
        title = self.field or "hub-build"
        message = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return (
            f"::{self.severity.value} file={_gh_property(self.path)},line={self.line},"
            f"col={self.col},title={_gh_property(title)}::{_gh_data(message)}"
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def format_report(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems as plain text, GitHub annotations or JSON."""
    items = sorted_problems(problems)
    errors = sum(p.is_error for p in items)
    warnings = len(items) - errors
    if fmt == "json":
        return json.dumps(
            {"errors": errors, "warnings": warnings, "problems": [p.as_dict() for p in items]},
            indent=2,
            ensure_ascii=False,
        )
    if fmt == "github":
        return "\n".join(p.as_github() for p in items)
    lines = [p.as_text() for p in items]
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(lines)
