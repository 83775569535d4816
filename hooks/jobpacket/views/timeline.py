"""An application's letters over time, and the one a command prints.

An application is written to more than once: a cover letter when applying, a thank-you after
an interview, a reconsideration request after a decision, follow-ups, a role proposal to the
same employer. `letters:` keeps them in the order written, each with its kind, date, optional
body and the day it was `sent`; the single `letter:` of earlier profiles is one more entry,
first. A command prints the one asked for (`--kind`, `--letter N`), by default the latest not
yet sent.

Everything downstream (the body, the enclosures, the PDF) reads ``application.letter``; the
choice is made once, here, by deriving a profile whose application's `letter` is the chosen
one (`with_letter`). `letter_path` says where that letter sits in the file, for located
messages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import FieldPath, UserError
from ..profile.model import Application, ApplicationLetter, LetterKind

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile


@dataclass(frozen=True)
class Entry:
    """One letter of the timeline: its number (from 1, as `--letter` counts) and field path."""

    number: int
    letter: ApplicationLetter
    path: FieldPath


def timeline(app: Application) -> list[Entry]:
    """The application's letters in the order written: `letter:` first, then `letters:`."""
    found: list[tuple[ApplicationLetter, FieldPath]] = (
        [(app.letter, ("letter",))] if app.letter else []
    )
    found += [(item, ("letters", n)) for n, item in enumerate(app.letters)]
    return [Entry(i, item, path) for i, (item, path) in enumerate(found, start=1)]


def _latest(entries: list[Entry]) -> Entry:
    """The latest entry by date (undated ones by their place), preferring one not yet sent."""
    unsent = [e for e in entries if not e.letter.sent] or entries
    return max(unsent, key=lambda e: (e.letter.date or "", e.number))


def choose(
    app: Application, *, kind: LetterKind | None = None, number: int | None = None
) -> Entry | None:
    """The letter a command prints: number ``number`` of the timeline; else the latest of
    ``kind`` (a new one of that kind, assembled from the profile, when there is none); else
    the latest not yet sent. None when the application has no letter at all (a cover letter
    is assembled)."""
    entries = timeline(app)
    if number is not None:
        if not 1 <= number <= len(entries):
            listed = "; ".join(_describe(e) for e in entries) or "none"
            raise UserError(f"application {app.id!r} has no letter {number}; its letters: {listed}")
        return entries[number - 1]
    if kind is not None:
        same = [e for e in entries if e.letter.kind == kind]
        if same:
            return _latest(same)
        return Entry(len(entries) + 1, ApplicationLetter(kind=kind), ("letter",))
    return _latest(entries) if entries else None


def _describe(entry: Entry) -> str:
    item = entry.letter
    dated = f" dated {item.date}" if item.date else ""
    sent = f", sent {item.sent}" if item.sent else ", not sent"
    return f"{entry.number}: {item.kind}{dated}{sent}"


def with_letter(loaded: LoadedProfile, index: int, entry: Entry | None) -> LoadedProfile:
    """The profile with application ``index``'s `letter` set to the chosen entry: what the
    body, the enclosures and the PDF of that letter are made from."""
    app = loaded.profile.applications[index]
    chosen = entry.letter if entry else None
    if chosen is app.letter:
        return loaded
    apps = list(loaded.profile.applications)
    apps[index] = app.model_copy(update={"letter": chosen})
    return replace(loaded, profile=loaded.profile.model_copy(update={"applications": apps}))


def letter_path(app: Application) -> FieldPath:
    """Where the application's (chosen) letter sits in the file: ("letters", n) when it is
    an entry of `letters:`, else ("letter",)."""
    for n, item in enumerate(app.letters):
        if item is app.letter:
            return ("letters", n)
    return ("letter",)


__all__ = ["Entry", "choose", "letter_path", "timeline", "with_letter"]


def letter_kind(app: Application) -> LetterKind:
    """The kind of the application's letter; an application without `letter:` gets a cover
    letter, since every packet opens with one."""
    return app.letter.kind if app.letter else "cover"
