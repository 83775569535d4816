"""What goes out is proofread: the findings that bear on one document a command makes.

`check` and `mkdocs build` proofread the whole profile. The commands that make one thing to
send (`jobpacket letter`, `pdf letter`, `pdf resume -a`, `packet`, `letter --markdown`) must
not let a placeholder or a copied organization name out either, yet must not refuse a letter
because of a typo in a private note it never prints. So they run the same rules and keep the
findings about what the document prints:

- everything located in the document's own entries (``own``: the application whose letter
  or packet it is, with its letter body, greeting and dates);
- a finding in any other text of the profile when that text is in the document: its words,
  in order, appear in the document's words (the print step turns Markdown into HTML, curls
  quotes, escapes; comparing words survives all of that);
- a finding in a field that is printed in another form (a date, an address, a phone) when
  the entry that holds it is in the document.

Only errors and warnings are kept: an info line is not about the document. The `files` rule
is left to the print step, which checks exactly the files the document reads: strictly for
a packet, which appends its enclosures, and as a warning for a letter that only names them
(the rule itself reports what each packet would reject, whichever document is made).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import BaseModel

from ..errors import FieldPath, Problem
from ..profile.model import Profile
from ..profile.validate import LoadedProfile
from .text import NAME_FIELDS, PROSE_FIELDS, mask

#: Rules whose findings the print step makes itself, for the files the document reads.
_PRINT_STEP = frozenset({"files"})
_BLOCKS = ("head", "style", "script")
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"\w+")
#: Characters the print step may put inside a word (soft hyphen, zero-width joiners).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060"), None)


def _words(text: str) -> str:
    """The words of a text, lower-cased, one space apart, with a space at each end (so that
    `in` can match whole words only)."""
    return " " + " ".join(_WORD.findall(text.translate(_INVISIBLE).lower())) + " "


def _without_blocks(text: str) -> str:
    """The text without its <head>, <style> and <script> elements, in one pass per kind
    (str.find, never a backtracking pattern: a letter body is user text)."""
    lower = text.lower()
    for name in _BLOCKS:
        kept: list[str] = []
        at = 0
        while (start := lower.find(f"<{name}", at)) != -1:
            after = lower[start + len(name) + 1 : start + len(name) + 2]
            if after not in (">", " ", "\n", "\t"):  # <header> is not <head>
                kept.append(text[at : start + 1])
                at = start + 1
                continue
            end = lower.find(f"</{name}>", start)
            if end == -1:
                break
            kept.append(text[at:start])
            at = end + len(name) + 3
        kept.append(text[at:])
        text = " ".join(kept)
        lower = text.lower()
    return text


def document_words(texts: Iterable[str]) -> str:
    """The words a reader sees in some print HTML or Markdown: tags, styles and the <head>
    (whose title and keywords repeat the body) left out."""
    parts = []
    for text in texts:
        visible = _TAG.sub(" ", _without_blocks(text))
        parts.append(_words(html.unescape(visible)))
    return "".join(parts)


def value_at(profile: Profile, path: FieldPath) -> object:
    """The profile's value at a finding's path (aliases as the file writes them), or None."""
    value: object = profile
    for part in path:
        if isinstance(value, BaseModel) and isinstance(part, str):
            fields = type(value).model_fields
            name = next((n for n, f in fields.items() if (f.alias or n) == part), part)
            value = getattr(value, name, None)
        elif isinstance(value, (list, tuple)) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _entry(path: FieldPath) -> FieldPath:
    """The entry a path is in: up to the first list index (work[2]), else its section."""
    for i, part in enumerate(path):
        if isinstance(part, int):
            return path[: i + 1]
    return path[:1]


def _strings(value: object) -> Iterable[tuple[str, str]]:
    """(field, text) for the prose and name strings of an entry."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in ("notes", "compensation", "checks", "meta"):
                continue
            inner = getattr(value, name)
            if isinstance(inner, str):
                if name in PROSE_FIELDS or name in NAME_FIELDS:
                    yield name, inner
            else:
                yield from _strings(inner)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, str):
                continue  # a list of strings is reached through its own path
            yield from _strings(item)


def _shown(text: str, printed: str) -> bool:
    words = _words(mask(text))
    return words.strip() != "" and words in printed


def bearing_on(
    loaded: LoadedProfile,
    findings: Iterable[Problem],
    *,
    texts: Sequence[str],
    own: Sequence[FieldPath] = (),
) -> list[Problem]:
    """The errors and warnings among ``findings`` about what ``texts`` (the document's print
    HTML, or the Markdown a command prints) show, or located under one of ``own``."""
    printed = document_words(texts)
    profile = loaded.profile
    out: list[Problem] = []
    for p in findings:
        if p.severity not in ("error", "warning") or p.rule in _PRINT_STEP:
            continue
        path = tuple(p.path)
        if any(path[: len(prefix)] == prefix for prefix in own):
            out.append(p)
            continue
        if not path or path[0] in ("meta", "applications") or (path[0] == "$schema"):
            continue  # settings, and other applications: never printed in this document
        value = value_at(profile, path)
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        if isinstance(value, str) and (field in PROSE_FIELDS or field in NAME_FIELDS):
            if _shown(value, printed):
                out.append(p)
            continue
        entry = value_at(profile, _entry(path))
        if any(_shown(text, printed) for _, text in _strings(entry)):
            out.append(p)
    return out


def proofread(loaded: LoadedProfile, *, today: date | None = None) -> list[Problem]:
    """Every rule's findings for the profile (`jobpacket check`'s, from its cache when the
    inputs are unchanged); `bearing_on` picks a document's. The `files` rule, which
    `bearing_on` leaves to the print step, is not run for it (it opens every enclosure)."""
    from . import run_checks

    return run_checks(loaded, today=today, cache=True, unwanted=_PRINT_STEP)


__all__ = ["bearing_on", "document_words", "proofread", "value_at"]
