"""The private overlay: `private.yml` beside the profile, merged into it at load.

A site's source repository is often public (GitHub Pages on a free account needs it), and
`git push` publishes every file it holds. Phone, home address, applications, references'
contacts, compensation and notes therefore have a home outside it: `private.yml` in the
profile's folder, which `jobpacket new`'s .gitignore keeps out of every commit. It is written
like the profile and merged into it, so everything downstream sees one profile:

- mappings merge key by key (`basics: {phone: ...}` adds the phone to the profile's basics);
- lists are appended after the profile's own entries (`applications:`, more `references:`);
- a value set in both files is an error located in the overlay: each value has one home.

Every position keeps its file: a finding about a value of the overlay points into
private.yml (SourceMap.origin). Pure: parsed data in, merged data and positions out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import FieldPath, Problem
from .source import Loaded, SourceMap

PRIVATE_NAME = "private.yml"


def overlay_path(profile: Path) -> Path | None:
    """The overlay beside `profile`, when there is one (a profile never overlays itself)."""
    candidate = profile.parent / PRIVATE_NAME
    if profile.name == PRIVATE_NAME or not candidate.is_file():
        return None
    return candidate


def overlay_display(display: str) -> str:
    """How messages name the overlay: beside the profile as messages name it."""
    parent = Path(display).parent
    return PRIVATE_NAME if str(parent) in ("", ".") else str(parent / PRIVATE_NAME)


class _Merge:
    def __init__(self, base: SourceMap, over: SourceMap) -> None:
        self.base, self.over = base, over
        self.offsets: dict[FieldPath, int] = {}  # list path -> items the profile had
        self.problems: list[Problem] = []

    def merge(self, mine: Any, theirs: Any, path: FieldPath) -> Any:
        if isinstance(mine, dict) and isinstance(theirs, dict):
            out = dict(mine)
            for key, value in theirs.items():
                out[key] = self.merge(mine[key], value, (*path, key)) if key in mine else value
            return out
        if isinstance(mine, list) and isinstance(theirs, list):
            self.offsets[path] = len(mine)
            return [*mine, *theirs]
        line, col = self.base.locate(path)
        where = f"{self.base.file}:{line}:{col}"
        if isinstance(mine, (dict, list)) or isinstance(theirs, (dict, list)):
            shape: dict[type, str] = {dict: "a mapping", list: "a list"}
            message = (
                f"is {shape.get(type(theirs), 'a single value')} here but "
                f"{shape.get(type(mine), 'a single value')} in {where}; write it the same way "
                "in both files, so the two merge"
            )
        else:
            message = (
                f"is also set in {where}; keep each value in one file "
                f"(private values in {PRIVATE_NAME}, the rest in the profile)"
            )
        self.problems.append(self.over.problem(path, message, key=True))
        return mine

    def moved(self, path: FieldPath) -> FieldPath:
        """An overlay path in the merged profile's numbering (appended list items shift)."""
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                part += self.offsets.get(tuple(out), 0)
            out.append(part)
        return tuple(out)


def merge_overlay(base: Loaded, over: Loaded) -> Loaded:
    """The profile with its overlay merged in; positions of overlay values in its own map,
    in `base.source.overlays`."""
    top: object = over.data  # typed as a mapping; a file may still hold a list or a text
    if not isinstance(top, dict):
        problem = over.source.problem((), f"{PRIVATE_NAME} must be a mapping of profile keys")
        return Loaded(base.data, base.source, [*base.problems, *over.problems, problem])
    job = _Merge(base.source, over.source)
    data = job.merge(base.data, over.data, ())
    # Paths first: the list offsets are known once the whole tree is merged.
    moved = SourceMap(
        over.source.file,
        {job.moved(p): pos for p, pos in over.source.values.items()},
        {job.moved(p): pos for p, pos in over.source.keys.items()},
        over.source.text,
    )
    source = SourceMap(
        base.source.file,
        base.source.values,
        base.source.keys,
        base.source.text,
        [*base.source.overlays, moved],
    )
    # A conflict is reported at the overlay's own position of that path (no shift needed:
    # only list items move, and a conflict is never inside an appended item).
    return Loaded(data, source, [*base.problems, *over.problems, *job.problems])


__all__ = ["PRIVATE_NAME", "merge_overlay", "overlay_display", "overlay_path"]
