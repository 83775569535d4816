"""Findings located inside a value, not only at its start.

The loader records where each value starts. A misspelt word in the third line of a letter
body is easier to fix when the editor jumps to the word, so a rule may give the text it
found; it is looked up in the source between the value's start and the next recorded
position (the next key or value), which covers plain, quoted and block scalars alike. When
the text cannot be found there (an escape sequence, a line fold inside it), the finding
falls back to the value's start, which is always right if less precise.
"""

from __future__ import annotations

import bisect
import re

from ..errors import FieldPath, Problem, Severity
from ..profile.bounds import MAX_FINDINGS_PER_FIELD, MAX_FINDINGS_PER_RULE
from ..profile.source import SourceMap
from ..profile.validate import LoadedProfile

_Index = tuple[list[int], list[int]]
_cache: dict[int, tuple[SourceMap, _Index]] = {}


def _index(source: SourceMap) -> _Index:
    """Offsets where each line starts, and every recorded position as an offset, sorted.

    Built once per loaded profile (SourceMap is mutable, hence the identity-keyed cache)."""
    hit = _cache.get(id(source))
    if hit is not None and hit[0] is source:
        return hit[1]
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", source.text))
    marks = sorted(
        {
            _offset(starts, line, col)
            for table in (source.values, source.keys)
            for line, col in table.values()
        }
    )
    if len(_cache) > 8:
        _cache.clear()
    _cache[id(source)] = (source, (starts, marks))
    return starts, marks


def _offset(starts: list[int], line: int, col: int) -> int:
    return starts[min(line, len(starts)) - 1] + col - 1


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _pattern(needle: str) -> str:
    pattern = re.escape(needle)
    if needle[:1].isalnum():
        pattern = r"(?<![\w])" + pattern
    if needle[-1:].isalnum():
        pattern += r"(?![\w])"
    return pattern


def occurrence(value: str, needle: str, offset: int) -> int:
    """Which occurrence of ``needle`` in ``value`` starts at ``offset`` (0 for the first)."""
    return len(re.findall(_pattern(needle), value[:offset]))


def locate_text(
    source: SourceMap, path: FieldPath, needle: str, occurrence: int = 0
) -> tuple[int, int]:
    """Line and column of the ``occurrence``-th ``needle`` inside the value at ``path``."""
    line, col = source.locate(path)
    if not source.text or not needle or path not in source.values:
        return line, col
    starts, marks = _index(source)
    begin = _offset(starts, line, col)
    nxt = bisect.bisect_right(marks, begin)
    end = marks[nxt] if nxt < len(marks) else len(source.text)
    found = list(re.finditer(_pattern(needle), source.text[begin:end]))
    if occurrence < len(found):
        return _line_col(starts, begin + found[occurrence].start())
    return line, col


def finding(
    loaded: LoadedProfile,
    rule: str,
    path: FieldPath,
    message: str,
    *,
    level: Severity = "warning",
    hint: str = "",
    text: str | None = None,
    occurrence: int = 0,
    key: bool = False,
) -> Problem:
    """A rule's finding at ``path``, or at ``text`` inside that value when given; in the
    file that holds it (the profile, or its private overlay)."""
    source = loaded.source.origin(path)
    if text is not None:
        line, col = locate_text(source, path, text, occurrence)
    else:
        line, col = source.locate(path, key=key)
    return Problem(source.file, line, col, tuple(path), message, level, rule, hint)


class Tally:
    """How many findings a rule has listed, per field and in all, so that it stops listing
    (and locating, and looking up suggestions: the costly part) at the caps of
    profile/bounds.py. What is left out is counted and said once per field (`notes`): a
    pasted 200,000-character text holds thousands of "misspellings", and neither the
    machine nor the reader gains from each one."""

    def __init__(self, rule: str) -> None:
        self.rule = rule
        self.listed: dict[FieldPath, int] = {}
        self.total = 0
        self.skipped: dict[FieldPath, tuple[int, Severity]] = {}

    def room(self, path: FieldPath) -> bool:
        """Whether one more finding at `path` would be listed."""
        listed = self.listed.get(path, 0)
        return listed < MAX_FINDINGS_PER_FIELD and self.total < MAX_FINDINGS_PER_RULE

    def take(self, path: FieldPath, level: Severity = "warning") -> bool:
        """Whether to list one more finding at `path`; False counts it as left out."""
        if self.room(path):
            self.listed[path] = self.listed.get(path, 0) + 1
            self.total += 1
            return True
        count, worst = self.skipped.get(path, (0, level))
        if _RANK[level] < _RANK[worst]:
            worst = level
        self.skipped[path] = (count + 1, worst)
        return False

    def notes(self, loaded: LoadedProfile) -> list[Problem]:
        """One finding per listed field with findings left out, as severe as the worst of
        them; the fields with none listed (the rule's own cap was reached) share one, so the
        notes are bounded too."""
        out: list[Problem] = []
        rest: list[tuple[FieldPath, int, Severity]] = []
        for path, (count, level) in self.skipped.items():
            if path not in self.listed:
                rest.append((path, count, level))
                continue
            out.append(
                finding(
                    loaded,
                    self.rule,
                    path,
                    f"{count:,} more {self.rule} finding{'s' if count != 1 else ''} in this "
                    "field not listed",
                    level=level,
                    hint="fix the ones listed and check again",
                )
            )
        if rest:
            total = sum(count for _, count, _ in rest)
            worst = min((level for _, _, level in rest), key=lambda lv: _RANK[lv])
            out.append(
                finding(
                    loaded,
                    self.rule,
                    rest[0][0],
                    f"{total:,} more {self.rule} findings here and in {len(rest) - 1:,} more "
                    f"fields not listed (at most {MAX_FINDINGS_PER_RULE} are)",
                    level=worst,
                    hint="fix the ones listed and check again",
                )
            )
        return out


_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
