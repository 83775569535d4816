"""`jobpacket split-private`: move a profile's private parts into private.yml, as typed.

A profile written before the overlay existed holds its phone, street address, applications
and references in the file git tracks. This moves them, line for line with their comments
and formatting, into the overlay (profile/overlay.py):

- the top-level `applications:` and `references:` blocks, whole (the site still shows the
  public parts of each reference: the public view is made from the merged profile);
- `basics.phone` and `basics.location.address`, each a one-line value in block style.

Nothing is guessed: a value written another way (a flow mapping, a value over several lines,
a JSON profile) is left where it is and named, and the split is kept only when the profile
and overlay it produces merge into exactly the profile there was (same data), else nothing
is written. Pure: texts in, texts out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import FieldPath, ProfileError, UserError
from .load import parse_text
from .overlay import PRIVATE_NAME, merge_overlay
from .source import Loaded

#: Whole top-level blocks that move.
BLOCKS = ("applications", "references")
#: One-line values that move, with the mapping keys above them.
LINES: tuple[FieldPath, ...] = (("basics", "phone"), ("basics", "location", "address"))


@dataclass
class Split:
    profile: str
    private: str
    moved: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """The line after the block that opens at `start` (0-based): the next line indented no
    deeper than its key that holds something other than a comment, or the end."""
    depth = _indent(lines[start])
    for i in range(start + 1, len(lines)):
        text = lines[i].strip()
        if text and not text.startswith("#") and _indent(lines[i]) <= depth:
            return i
    return len(lines)


def _empty_overlay(text: str) -> tuple[str, bool]:
    """The overlay's comments, when it holds nothing else but `applications: []` (what
    `jobpacket new` writes); refuses any other content, which a split could clash with."""
    kept, other = [], False
    for line in text.splitlines(keepends=True):
        bare = line.strip()
        if not bare or bare.startswith("#"):
            kept.append(line)
        elif bare not in ("applications: []", "---"):
            other = True
    return "".join(kept), other


def split_private(profile_text: str, file: str, overlay_text: str | None = None) -> Split:
    """The profile and overlay texts after moving the private parts (see the module doc)."""
    if file.endswith(".json"):
        raise UserError(f"{file}: split-private edits YAML profiles; move the values by hand")
    base = parse_text(profile_text, file)
    header, taken = _empty_overlay(overlay_text or "")
    if taken:
        raise UserError(
            f"{PRIVATE_NAME} beside {file} already holds values; move the rest by hand "
            "(split-private only fills an empty or new one)"
        )
    lines = profile_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    remove: set[int] = set()
    out: list[str] = []
    result = Split("", "")
    for name in BLOCKS:
        key = base.source.keys.get((name,))
        if key is None or not base.data.get(name):
            continue
        start = key[0] - 1
        end = _block_end(lines, start)
        remove.update(range(start, end))
        out.extend(lines[start:end])
        result.moved.append(name)
    parents: dict[FieldPath, str] = {}
    for path in LINES:
        key = base.source.keys.get(path)
        value = base.source.values.get(path)
        if key is None:
            continue
        start = key[0] - 1
        one_line = (
            value is not None and value[0] == key[0] and _block_end(lines, start) == start + 1
        )
        opener = [base.source.keys.get(path[:i]) for i in range(1, len(path))]
        block_parents = all(k is not None and k[0] < key[0] for k in opener)
        if not (one_line and block_parents):
            result.left.append(".".join(map(str, path)))
            continue
        for i in range(1, len(path)):
            where = base.source.keys[path[:i]]
            parents.setdefault(path[:i], lines[where[0] - 1].split(":", 1)[0] + ":\n")
        remove.add(start)
        parents[path] = lines[start]
        result.moved.append(".".join(map(str, path)))
    nested = _nest(parents)
    if not result.moved:
        return Split(profile_text, overlay_text or "", [], result.left)
    result.profile = "".join(line for i, line in enumerate(lines) if i not in remove)
    body = nested + "".join(out)
    result.private = (header + "\n" if header.strip() else "") + body
    _verify(profile_text, file, result)
    return result


def _nest(parents: dict[FieldPath, str]) -> str:
    """The moved one-line values under their mapping keys, as the profile indents them
    (sorted paths put each key right after the mapping that holds it)."""
    return "".join(parents[path] for path in sorted(parents, key=lambda p: tuple(map(str, p))))


def _verify(before: str, file: str, split: Split) -> None:
    """The split stands only if profile + overlay make exactly the profile there was."""
    original = parse_text(before, file).data
    try:
        merged: Loaded = merge_overlay(
            parse_text(split.profile, file), parse_text(split.private, PRIVATE_NAME)
        )
    except ProfileError:
        merged = Loaded({}, parse_text(before, file).source, [])
    if merged.problems or merged.data != original:
        raise UserError(
            f"{file}: splitting would change the profile (an unusual layout); nothing was "
            f"written; move the private values to {PRIVATE_NAME} by hand"
        )


__all__ = ["Split", "split_private"]
