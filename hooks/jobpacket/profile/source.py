"""Where each value of a profile came from, so that every later stage can still point at a line.

The loader records the position of every key and value it builds; validation, the rules and
the print step turn a field's path into ``file:line:col`` through this map, in whichever file
wrote the field (the profile or its private overlay).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import SCHEMA, FieldPath, Problem, Severity


@dataclass
class SourceMap:
    """Where each field came from, so later stages can still point at a line."""

    file: str
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    #: The text that was parsed, so a finding can point inside a multi-line value.
    text: str = field(default="", repr=False)
    #: Maps of the files merged into this profile (the private overlay, profile/overlay.py),
    #: keyed by the merged profile's paths.
    overlays: list[SourceMap] = field(default_factory=list, repr=False)

    def _depth(self, path: FieldPath) -> int:
        """How many leading parts of `path` this file itself positions."""
        probe = tuple(path)
        while probe and probe not in self.values and probe not in self.keys:
            probe = probe[:-1]
        return len(probe)

    def origin(self, path: FieldPath) -> SourceMap:
        """The map of the file `path` was written in: an overlay that positions more of the
        path than this file does, else this one."""
        best, depth = self, self._depth(path)
        for other in self.overlays:
            found = other._depth(path)
            if found > depth:
                best, depth = other, found
        return best

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``path``: its key or value, else the nearest ancestor's."""
        probe = tuple(path)
        while True:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for t in table:
                if probe in t:
                    return t[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def problem(
        self,
        path: FieldPath,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        rule: str = SCHEMA,
        hint: str = "",
    ) -> Problem:
        """A finding at `path`, in whichever file wrote it."""
        source = self.origin(path)
        line, col = source.locate(path, key=key)
        return Problem(
            source.file,
            line,
            col,
            tuple(path),
            message,
            severity,
            rule,
            hint,
        )


@dataclass
class Loaded:
    """Parsed data; ``problems`` are located findings that did not stop the parse."""

    data: dict[str, Any]
    source: SourceMap
    problems: list[Problem] = field(default_factory=list)
