"""The parts of an invalid profile that are valid, so every finding comes in one run.

A profile with a wrong type in one entry used to report only that: the validation rules
(an end before its start) and the proofreading (a placeholder in a letter) waited for the
next run, and a user fixing a file saw its problems one round at a time. Here the values the
errors point at are taken out of the parsed tree (a field, or the list entry that cannot
stand without it) until the rest validates; the later stages then run on that rest.

Taking an entry out of a list renumbers the entries after it, so the source map is
renumbered to match (findings on the rest keep their exact lines), and `restore` turns a
path of the rest back into the path the user's file has.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import FieldPath
from .model import Profile
from .source import SourceMap

#: Rounds of taking out and validating again before giving up (each round removes at least
#: one value; a nested error may need a round per level).
_ROUNDS = 8

Removal = tuple[FieldPath, int]
"""(the path of a list, the index of the entry taken out of it), in the coordinates of the
tree as it was when the entry was taken out."""


@dataclass(frozen=True)
class Partial:
    """The valid rest of an invalid profile, its renumbered source map, and the way back."""

    profile: Profile
    source: SourceMap
    removals: tuple[Removal, ...]

    def restore(self, path: FieldPath) -> FieldPath:
        """A path of the rest as the user's file numbers it."""
        out = list(path)
        for list_path, index in reversed(self.removals):
            n = len(list_path)
            if len(out) > n and tuple(out[:n]) == list_path:
                at = out[n]
                if isinstance(at, int) and at >= index:
                    out[n] = at + 1
        return tuple(out)


def _forward(path: FieldPath, removals: Iterable[Removal]) -> FieldPath | None:
    """A path of the user's file in the rest's numbering; None when it was taken out."""
    out = list(path)
    for list_path, index in removals:
        n = len(list_path)
        if len(out) > n and tuple(out[:n]) == list_path:
            at = out[n]
            if at == index:
                return None
            if isinstance(at, int) and at > index:
                out[n] = at - 1
    return tuple(out)


def _existing(tree: Any, loc: Iterable[str | int]) -> FieldPath:
    """The longest prefix of ``loc`` that names a value in ``tree`` (pydantic locations may
    end in a key that is missing, or carry a union member's name)."""
    found: list[str | int] = []
    node = tree
    for part in loc:
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_list):
            break
        node = node[part]
        found.append(part)
    return tuple(found)


def _at(tree: Any, path: FieldPath) -> Any:
    node = tree
    for part in path:
        node = node[part]
    return node


def _take_out(tree: Any, targets: Iterable[FieldPath]) -> list[Removal] | None:
    """Take the values at ``targets`` out of ``tree``: keys from mappings first (no
    renumbering), then list entries from the last to the first. None when a target is the
    whole tree (nothing would be left)."""
    keys: list[tuple[dict[str, Any], str]] = []
    entries: dict[FieldPath, set[int]] = {}
    for path in targets:
        if not path:
            return None
        parent = _at(tree, path[:-1])
        if isinstance(parent, dict):
            keys.append((parent, str(path[-1])))
        elif isinstance(parent, list) and isinstance(path[-1], int):
            entries.setdefault(path[:-1], set()).add(path[-1])
    for parent, key in keys:
        parent.pop(key, None)
    removals: list[Removal] = []
    # Inner lists first: their paths still hold while the lists around them are unchanged.
    for list_path in sorted(entries, key=len, reverse=True):
        indexes = entries[list_path]
        items = _at(tree, list_path)
        for index in sorted(indexes, reverse=True):
            del items[index]
            removals.append((list_path, index))
    return removals


def valid_rest(data: Any, source: SourceMap, bad: Iterable[FieldPath]) -> Partial | None:
    """The profile without the values at ``bad`` and whatever else fails to validate, or
    None when nothing useful is left (the top level itself is wrong)."""
    if not isinstance(data, dict):
        return None
    tree = copy.deepcopy(data)
    removals: list[Removal] = []
    targets = [t for t in (_existing(tree, p) for p in bad) if t]
    for _ in range(_ROUNDS):
        done = _take_out(tree, targets)
        if done is None:
            return None
        removals.extend(done)
        try:
            profile = Profile.model_validate(tree)
        except ValidationError as exc:
            # The value an error names; for a required key that is missing, the entry
            # that lacks it (the longest part of the location that exists).
            targets = [t for t in (_existing(tree, e["loc"]) for e in exc.errors()) if t]
            if not targets:
                return None
            continue
        renumbered = SourceMap(source.file, text=source.text)
        for table, new in ((source.values, renumbered.values), (source.keys, renumbered.keys)):
            for path, pos in table.items():
                moved = _forward(path, removals)
                if moved is not None:
                    new[moved] = pos
        return Partial(profile, renumbered, tuple(removals))
    return None


__all__ = ["Partial", "valid_rest"]
