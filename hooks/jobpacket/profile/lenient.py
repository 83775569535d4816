"""Values whose meaning is plain, read as meant: a résumé is printed as written, not refused.

Real résumé files hold addresses without their scheme (``github.com/ann``), dates as people
write them (``02/2020``, ``Feb 2020``, ``2020年2月``), time stamps with both an offset and a
``Z``, and HTML from an export tool in a plain field (``<a href='...'>HPI</a>``). Refusing
the whole file for one of these helps nobody, and guessing silently hides what happened, so
each value is read as its plain meaning on the raw tree, before validation, with a located
line saying what it was read as. Values whose meaning is not plain (``13/2020``,
``Summer 2019``, ``01/02/2020``) are left for validation to refuse with its own message.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..errors import FieldPath, Problem
from ..markup import html_as_text
from ..urls import assumed_web
from .source import SourceMap

#: Keys that hold a date in JSON Resume and in jobpacket's extensions.
DATE_KEYS = frozenset(
    {"startDate", "endDate", "date", "releaseDate", "applied", "decided", "requested", "received"}
)
#: Keys that hold a web address.
URL_KEYS = frozenset({"url", "canonical"})
#: Keys whose text is Markdown (HTML in it is sanitized, not shown as tags); every other text
#: is plain. `description` is Markdown in projects only (a job's is one plain line).
MARKDOWN_KEYS = frozenset({"summary", "reference", "body", "circumstances", "notes"})

_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")  # 02/2020, 2.2020, 02-2020
_YEAR_SLASH_MONTH = re.compile(r"^(\d{4})\s*[/.]\s*(\d{1,2})$")  # 2020/02, 2020.02
_CJK = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")  # 2020年2月 (Japanese, Chinese)
_KOREAN = re.compile(r"^(\d{4})\s*년\s*(\d{1,2})\s*월$")  # 2020년 2월
_NAME_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")  # Feb 2020, February, 2020
_YEAR_NAME = re.compile(r"^(\d{4}),?\s+([^\W\d_]+)\.?$")  # 2020 Feb
_OFFSET_Z = re.compile(r"^(.+[+-]\d{2}:?\d{2})Z$")


@lru_cache(maxsize=32)
def _month_names(lang: str | None) -> dict[str, int]:
    """Month names and abbreviations in English and in the profile's language, lower case."""
    from ..i18n.dates import locale

    names: dict[str, int] = {}
    for loc in {locale(None), locale(lang)}:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    names.setdefault(name.lower().rstrip("."), number)
    names.setdefault("sept", 9)
    return names


def plain_date(value: str, lang: str | None = None) -> str | None:
    """``YYYY-MM`` for a month written another plain way, or None when it is not one."""
    text = value.strip()
    year = month = 0
    if match := _MONTH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _YEAR_SLASH_MONTH.match(text) or _CJK.match(text) or _KOREAN.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _NAME_YEAR.match(text):
        month, year = _month_names(lang).get(match.group(1).lower(), 0), int(match.group(2))
    elif match := _YEAR_NAME.match(text):
        year, month = int(match.group(1)), _month_names(lang).get(match.group(2).lower(), 0)
    if not (1 <= month <= 12 and 1000 <= year <= 9999):
        return None
    return f"{year:04d}-{month:02d}"


def _walk(value: Any, path: FieldPath) -> list[tuple[FieldPath, str, str]]:
    """(path, key, text) of every text value in the tree, with the key that holds it."""
    out: list[tuple[FieldPath, str, str]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, str):
                out.append(((*path, key), str(key), child))
            else:
                out.extend(_walk(child, (*path, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out.extend(_walk(child, (*path, i)))
    return out


def _put(data: Any, path: FieldPath, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _plain_field(path: FieldPath, key: str) -> bool:
    """Whether the text at `path` is shown as plain text (escaped) rather than as Markdown."""
    if key in MARKDOWN_KEYS or key in URL_KEYS:
        return False
    return not (key == "description" and path[:1] == ("projects",))


def read_as_meant(data: dict[str, Any], source: SourceMap) -> tuple[dict[str, Any], list[Problem]]:
    """The raw tree with plain-meaning values rewritten, and a located line for each."""
    meta = data.get("meta")
    lang = meta.get("lang") if isinstance(meta, dict) else None
    lang = lang if isinstance(lang, str) else None
    notes: list[Problem] = []
    changes: list[tuple[FieldPath, str]] = []
    for path, key, text in _walk(data, ()):
        if key in URL_KEYS and (web := assumed_web(text)):
            changes.append((path, web))
            notes.append(
                source.problem(
                    path,
                    f"{text.strip()[:80]!r} has no scheme; read as {web[:88]!r}",
                    severity="info",
                    hint="write the https:// yourself to silence this",
                )
            )
        elif key in DATE_KEYS and (iso := plain_date(text, lang)):
            changes.append((path, iso))
            notes.append(
                source.problem(
                    path,
                    f"{text.strip()!r} read as {iso}; JSON Resume dates are written "
                    "YYYY-MM-DD, YYYY-MM or YYYY",
                    severity="warning",
                    hint=f"write {iso!r} so that other JSON Resume tools read it too",
                )
            )
        elif _plain_field(path, key) and (shown := html_as_text(text)) is not None:
            changes.append((path, shown))
            notes.append(
                source.problem(
                    path,
                    f"holds HTML tags; read as its text {shown[:80]!r}",
                    severity="info",
                    hint="the field is plain text: write the words alone",
                )
            )
        elif path == ("meta", "lastModified") and (match := _OFFSET_Z.match(text.strip())):
            changes.append((path, match.group(1)))
            notes.append(
                source.problem(
                    path,
                    "has both a time-zone offset and a trailing 'Z'; read with the offset",
                    severity="warning",
                    hint=f"write {match.group(1)!r}",
                )
            )
    if not changes:
        return data, notes
    data = _copy(data)
    for path, value in changes:
        _put(data, path, value)
    return data, notes
