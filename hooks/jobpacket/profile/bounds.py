"""Limits every profile value must stay within, so any input costs bounded work downstream.

This module is the one home of jobpacket's caps on what a user controls; the README's
"Limits" table lists the same numbers. Checked on the parsed tree before anything renders,
each finding located to the value (`check_bounds`):
- a NUL character is an error anywhere (no text needs one, and file paths cannot hold one);
- a text over `MAX_TEXT_CHARS` is an error; one over the Markdown limits
  (`markup.markdown_limit`: nesting, `[` and `<`) is a warning: it is printed as plain text
  rather than formatted;
- a `url` printed documents cannot link to is a warning (`urls.check_links`);
- `meta.lastModified` must fall in years 1900-9998, which dates in a PDF and time-zone
  arithmetic can represent;
- an application `id` names files: at most `MAX_ID_CHARS` characters;
- every file or folder name in a path is at most `MAX_NAME_BYTES` bytes (what file systems
  allow), the whole path at most `MAX_PATH_BYTES`;
- `followUp.maxAttempts` is at most `MAX_FOLLOWUP_ATTEMPTS` and `followUp.every` at most a
  year, so a schedule plans at most twenty years of dates.

Caps enforced where the value is used, with their numbers kept here:
- `MAX_LETTER_CHARS`: a letter body after `[[updates]]` and `[[enclosures]]` are expanded
  (print/letters.py), each block expanding once (print/letterblocks.py);
- `MAX_ENCLOSURE_PAGES`: pages of a PDF a packet encloses, counted from the PDF's page tree
  before anything is bound (print/enclosures.py);
- `MAX_TOKEN_CHARS`, `MAX_WORD_CHARS`, `MAX_PHRASE_CHARS`: what the proofreading rules read
  (checks/text.py, checks/consistency.py): a run of characters without a space longer than a
  token (a pasted image, a hash) is data, not prose, and is skipped;
- `MAX_FINDINGS_PER_FIELD`, `MAX_FINDINGS_PER_RULE`: findings a rule lists before it says
  how many more there are (checks/where.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import FieldPath, Problem, shown
from ..markup import markdown_limit
from ..urls import check_links
from .source import SourceMap

_YEAR = re.compile(r"\A\s*+([+-]?\d+)")
MIN_YEAR, MAX_YEAR = 1900, 9998

#: Characters in one text value. No résumé field or letter needs more; the time to lay out
#: one paragraph grows faster than its length, so a pasted image or file would stall the
#: render, and it is a mistake to report, not to print.
MAX_TEXT_CHARS = 50_000
#: Application ids become file names (`<id>.pdf`, `<id>-letter.pdf`) and page addresses.
MAX_ID_CHARS = 80
#: Bytes in one file or folder name, and in a whole path: ext4, APFS, NTFS and most other
#: file systems refuse longer names ("File name too long").
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
#: Follow-ups: DOMAIN.md advises every two weeks to once a month, a few times.
MAX_FOLLOWUP_ATTEMPTS = 20
MAX_FOLLOWUP_EVERY = {"d": 366, "w": 52, "m": 12}
#: A letter is one page, about 3,000 characters; five pages' worth is surely a mistake (a
#: block repeated, a file pasted in) and would take minutes to lay out.
MAX_LETTER_CHARS = 20_000
#: Pages of one enclosed PDF. A transcript or a work sample is a few pages; an employer's
#: portal takes 10 to 25 MB. A PDF over this is refused before the packet is bound.
MAX_ENCLOSURE_PAGES = 200
#: A run of characters without a space longer than this is not prose (a pasted image, a key,
#: a hash); the proofreading rules skip it.
MAX_TOKEN_CHARS = 256
#: A run of letters longer than this is not a word of any dictionary (English's longest
#: is 45); spelling and tone skip it.
MAX_WORD_CHARS = 64
#: Names a rule looks for inside a letter (the organization, the position, the contact):
#: longer ones are not names and are not searched for.
MAX_PHRASE_CHARS = 200
#: Findings one rule lists for one field, and in all; then one line says how many more.
MAX_FINDINGS_PER_FIELD = 10
MAX_FINDINGS_PER_RULE = 200

#: Fields that hold a path to a file in the project.
_PATH_FIELDS: tuple[FieldPath, ...] = (
    ("basics", "image"),
    ("projects", "*", "images", "*"),
    ("references", "*", "letter", "file"),
    ("applications", "*", "attachments", "*", "path"),
    ("documents", "*", "path"),
)
_PERIOD = re.compile(r"(\d+)[ \t]*+([dwm])")


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, str(key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, (*path, i))


def _at(value: Any, pattern: FieldPath, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """The values at `pattern` in the raw tree, ``"*"`` standing for every list index."""
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(value, list):
            for i, child in enumerate(value):
                yield from _at(child, rest, (*path, i))
    elif isinstance(value, dict) and head in value:
        yield from _at(value[head], rest, (*path, head))


def check_bounds(data: Any, source: SourceMap) -> list[Problem]:
    """Located problems for values outside jobpacket's limits (see the module docstring)."""
    out: list[Problem] = check_links(data, source)
    for path, text in _strings(data, ()):
        if "\x00" in text:
            out.append(
                source.problem(path, "contains a NUL character (\\0); remove it", severity="error")
            )
            continue
        if len(text) > MAX_TEXT_CHARS:
            out.append(
                source.problem(
                    path,
                    f"is {len(text):,} characters long, more than the {MAX_TEXT_CHARS:,} one "
                    "value may hold (about eight printed pages; pasted data?); shorten it",
                    severity="error",
                )
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
    out.extend(_last_modified(data, source))
    out.extend(_ids(data, source))
    out.extend(_paths(data, source))
    out.extend(_follow_ups(data, source))
    return out


def _last_modified(data: Any, source: SourceMap) -> list[Problem]:
    meta = data.get("meta") if isinstance(data, dict) else None
    stamp = meta.get("lastModified") if isinstance(meta, dict) else None
    if isinstance(stamp, str) and (match := _YEAR.match(stamp)):
        year = int(match.group(1)) if len(match.group(1)) < 8 else 0
        if not MIN_YEAR <= year <= MAX_YEAR:
            return [
                source.problem(
                    ("meta", "lastModified"),
                    f"year {match.group(1)[:12]} is out of range; write a date between "
                    f"{MIN_YEAR} and {MAX_YEAR}, like 2025-03-14",
                )
            ]
    return []


def _ids(data: Any, source: SourceMap) -> list[Problem]:
    return [
        source.problem(
            path,
            f"is {len(value):,} characters long; an id names the application's files, "
            f"so it has at most {MAX_ID_CHARS}: shorten it, e.g. acme-data-engineer",
        )
        for path, value in _at(data, ("applications", "*", "id"))
        if isinstance(value, str) and len(value) > MAX_ID_CHARS
    ]


def path_problem(value: str) -> str | None:
    """Why a file system would refuse `value` as a path (a name over 255 bytes, the whole
    over 4096), or None. Web addresses are not paths and pass."""
    if "://" in value:
        return None
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_PATH_BYTES:
        return (
            f"is {size:,} bytes long, more than the {MAX_PATH_BYTES:,} a file system "
            "accepts in a path; give a shorter path"
        )
    for part in re.split(r"[/\\]", value):
        length = len(part.encode("utf-8", "surrogatepass"))
        if length > MAX_NAME_BYTES:
            return (
                f"has a file or folder name of {length:,} bytes ({part[:24]!r}...); file "
                f"systems allow at most {MAX_NAME_BYTES} bytes per name: rename it"
            )
    return None


def _paths(data: Any, source: SourceMap) -> list[Problem]:
    out = []
    for pattern in _PATH_FIELDS:
        for path, value in _at(data, pattern):
            reason = path_problem(value) if isinstance(value, str) else None
            if reason is not None:
                out.append(source.problem(path, reason))
    return out


def _follow_ups(data: Any, source: SourceMap) -> list[Problem]:
    out = []
    for path, rules in _at(data, ("applications", "*", "followUp")):
        if not isinstance(rules, dict):
            continue
        attempts = rules.get("maxAttempts")
        if (
            isinstance(attempts, (int, float))
            and not isinstance(attempts, bool)
            and attempts > MAX_FOLLOWUP_ATTEMPTS
        ):
            out.append(
                source.problem(
                    (*path, "maxAttempts"),
                    f"{attempts} follow-ups is more than anyone sends; use at most "
                    f"{MAX_FOLLOWUP_ATTEMPTS} (two or three is usual)",
                )
            )
        every = rules.get("every")
        text = f"{every}d" if isinstance(every, int) and not isinstance(every, bool) else every
        match = _PERIOD.fullmatch(text.strip().lower()) if isinstance(text, str) else None
        if match is None:
            continue  # not a period at all: validation says so
        count, unit = match.group(1).lstrip("0"), match.group(2)
        if len(count) > 4 or int(count or 0) > MAX_FOLLOWUP_EVERY[unit]:
            limits = ", ".join(f"{n}{u}" for u, n in MAX_FOLLOWUP_EVERY.items())
            out.append(
                source.problem(
                    (*path, "every"),
                    f"{shown(match.group(1) + unit)} between follow-ups is more than a year; "
                    f"use at most {limits} (two weeks to a month is usual)",
                )
            )
    return out
