"""Limits every profile value must stay within, so any input costs bounded work downstream.

Checked on the parsed tree before anything renders, each finding located to the value:
- a NUL character is an error anywhere (no text needs one, and file paths cannot hold one);
- a text over the Markdown limits (`markup.markdown_limit`: length, nesting, `[` and `<`)
  is a warning: it is printed as plain text rather than formatted;
- a `url` printed documents cannot link to is a warning (`urls.check_links`);
- `meta.lastModified` must fall in years 1900-9998, which dates in a PDF and time-zone
  arithmetic can represent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..markup import markdown_limit
from ..urls import check_links
from .errors import FieldPath, Problem
from .load import SourceMap

_YEAR = re.compile(r"\s*([+-]?\d+)")
MIN_YEAR, MAX_YEAR = 1900, 9998


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, str(key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, (*path, i))


def check_bounds(data: Any, source: SourceMap) -> list[Problem]:
    """Located problems for values outside jobpacket's limits (see the module docstring)."""
    out: list[Problem] = check_links(data, source)
    for path, text in _strings(data, ()):
        if "\x00" in text:
            out.append(
                source.problem(path, "contains a NUL character (\\0); remove it", severity="error")
            )
            continue
        reason = markdown_limit(text)
        if reason is not None:
            out.append(
                source.problem(
                    path,
                    f"{reason}: it is printed as plain text, not formatted as Markdown; "
                    "shorten it or split it into several items",
                    severity="warning",
                )
            )
    meta = data.get("meta") if isinstance(data, dict) else None
    stamp = meta.get("lastModified") if isinstance(meta, dict) else None
    if isinstance(stamp, str) and (match := _YEAR.match(stamp)):
        year = int(match.group(1)) if len(match.group(1)) < 8 else 0
        if not MIN_YEAR <= year <= MAX_YEAR:
            out.append(
                source.problem(
                    ("meta", "lastModified"),
                    f"year {match.group(1)[:12]} is out of range; write a date between "
                    f"{MIN_YEAR} and {MAX_YEAR}, like 2025-03-14",
                )
            )
    return out
