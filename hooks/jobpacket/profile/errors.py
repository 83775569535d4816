"""User-facing problems, kept apart from bugs.

A `Problem` is something the user can fix in their files; it always carries a location so the
message reads like a compiler's. Anything else that goes wrong is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render ``("work", 0, "startDate")`` as ``work[0].startDate``, the way users read it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One finding about a user's file, located to the character."""

    file: str
    line: int
    col: int
    path: FieldPath
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = format_path(self.path)
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{field + ': ' if field else ''}{self.message}"


class ProfileError(Exception):
    """Raised when a profile cannot be used; holds every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UserError(Exception):
    """A problem outside a profile (a missing file, a bad option) that needs no traceback."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
