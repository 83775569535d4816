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


#: The rule id of structural findings (YAML syntax, unknown keys, wrong types): the
#: validation every profile must pass. Proofreading rules carry their own ids.
SCHEMA = "schema"


@dataclass(frozen=True)
class Problem:
    """One finding about a user's file, located to the character.

    Every finding, from validation, proofreading rules or printing, is this one value, so
    the CLI, MkDocs and editors (through `as_json`) all report the same thing.
    """

    file: str
    line: int
    col: int
    path: FieldPath
    message: str
    severity: Severity = "error"
    rule: str = SCHEMA
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = format_path(self.path)
        if self.rule == SCHEMA:
            # Validation keeps its compiler-style line.
            label = "" if self.severity == "error" else f"{self.severity}: "
        else:
            # A linter's line: level and rule id first, so a reader (or grep) can filter.
            label = f"{self.severity} {self.rule}: "
        text = f"{where}: {label}{field + ': ' if field else ''}{self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def as_json(self) -> dict[str, str | int]:
        """Stable field names for editors and CI; never rename them."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "level": self.severity,
            "rule": self.rule,
            "field": format_path(self.path),
            "message": self.message,
            "hint": self.hint,
        }


class ProfileError(Exception):
    """Raised when a profile cannot be used; holds every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UserError(Exception):
    """A problem outside a profile (a missing file, a bad option) that needs no traceback."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
