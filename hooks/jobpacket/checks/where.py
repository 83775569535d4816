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

from ..profile.errors import FieldPath, Problem, Severity
from ..profile.load import SourceMap
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
