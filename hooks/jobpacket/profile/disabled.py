"""Which findings the profile turned off: ``meta.checks.disable`` for the whole profile,
``checks: {disable: [...]}`` on one entry.

Every step that reports findings applies the same choice (the rules of `check`, the print
step's findings on rendered pages, the site build), so it lives below all of them. What the
build rejects cannot be turned off: `check` must report what a build would stop on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from ..errors import FieldPath, Problem
from .model import Item, Profile
from .validate import LoadedProfile

#: Findings no setting turns off: validation, and what the build needs to make the documents.
ALWAYS_ON = frozenset({"schema", "required"})  # required.RULE
#: Rules whose errors stop the build: those stay on even when the rule is disabled.
BUILD_ERRORS = frozenset({"files", "letters"})  # files.RULE, letters.RULE


def disabled_for(loaded: LoadedProfile) -> tuple[frozenset[str], dict[FieldPath, frozenset[str]]]:
    """Rules off for the whole profile, and per list entry (by the entry's path)."""
    profile_wide = frozenset(loaded.profile.meta.checks.disable)
    per_item = {
        path: frozenset(item.checks.disable)
        for path, item in item_paths(loaded.profile)
        if isinstance(item, Item) and item.checks is not None and item.checks.disable
    }
    return profile_wide, per_item


def apply_disable(loaded: LoadedProfile, problems: Iterable[Problem]) -> list[Problem]:
    """Drop findings of rules the profile turned off, for it or for the entry they are in.

    Validation findings (`schema`) and errors a build would stop on cannot be turned off:
    what the build rejects, `check` must report.
    """
    profile_wide, per_item = disabled_for(loaded)
    out = []
    for p in problems:
        if p.rule in ALWAYS_ON or (p.rule in BUILD_ERRORS and p.severity == "error"):
            out.append(p)
            continue
        if p.rule in profile_wide:
            continue
        if any(p.path[: len(k)] == k and p.rule in off for k, off in per_item.items()):
            continue
        out.append(p)
    return out


def item_paths(profile: Profile) -> Iterator[tuple[FieldPath, BaseModel]]:
    """Each list entry of a profile (work[0], basics.profiles[1], ...) with its path."""
    yield from _items(profile, ())


def _items(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _items(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield (*path, i), item
                yield from _items(item, (*path, i))
