"""User-facing problems, kept apart from bugs.

A `Problem` is something the user can fix in their files; it always carries a location so the
message reads like a compiler's. Anything else that goes wrong is a bug and keeps its traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
FieldPath = tuple[str | int, ...]


#: Characters a terminal acts on rather than shows: C0 controls (CR, LF, ESC...), DEL, C1
#: controls (U+0080-U+009F, CSI among them), the Unicode line and paragraph separators and the
#: bidirectional overrides that reorder what a reader sees.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The longest user value a message quotes; longer ones are cut with an ellipsis.
SHOWN_CHARS = 80


def plural(n: int, word: str) -> str:
    """`n` and the word, in the plural unless `n` is one: every count a message gives."""
    return f"{n} {word}{'s' if n != 1 else ''}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (``\\n``, ``\\x1b``).

    Messages quote what the user wrote (names, paths, values). Printed raw, a value holding a
    newline could forge a line of its own ("profiles/example.yml: ok") and an ESC could
    recolour or clear the terminal; escaped, it reads as what it is. Used by every `Problem`
    line and by the CLI for anything else it prints from a profile or a path.
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A user value quoted in a message: its repr, cut to `limit` characters, so a pasted
    200,000-character value makes a readable line, not a screenful."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        return printable(f"{text}; {self.hint}" if self.hint else text)

    def as_json(self) -> dict[str, str | int]:
        """Stable field names for editors and CI; never rename them. Text is `printable`:
        JSON escapes C0 controls itself, but not C1 ones, and editors show these strings."""
        return {
            "file": printable(self.file),
            "line": self.line,
            "column": self.col,
            "level": self.severity,
            "rule": self.rule,
            "field": printable(format_path(self.path)),
            "message": printable(self.message),
            "hint": printable(self.hint),
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
