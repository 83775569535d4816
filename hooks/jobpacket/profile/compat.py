"""Real résumé files as they are: earlier JSON Resume key names, and files of another shape.

JSON Resume renamed fields over its versions (``work[].company`` became ``name``,
``website`` became ``url``, ``basics.picture`` became ``image``) and tools in its ecosystem
still write the old names. Read as unknown keys they would be kept as extension data and the
employer's name would vanish from the résumé, so each is read as its current name, with an
``info:`` line saying so. The renaming happens on the raw tree before validation; positions
move with the keys, so every later message still points at the line the user wrote.
"""

from __future__ import annotations

from typing import Any

from ..errors import FieldPath, Problem
from .source import SourceMap

#: section (None for a single mapping such as basics) -> {older name: current name}.
#: A renaming applies only when the current name is absent from the same mapping; when
#: both are present the older one is extension data like any other unknown key.
LEGACY_KEYS: dict[tuple[str, ...], dict[str, str]] = {
    ("basics",): {"picture": "image", "website": "url"},
    ("work",): {"company": "name", "website": "url", "organization": "name"},
    ("volunteer",): {"website": "url", "company": "organization", "name": "organization"},
    ("education",): {"website": "url", "gpa": "score", "school": "institution"},
    ("awards",): {"website": "url", "name": "title"},
    ("certificates",): {"website": "url", "title": "name", "awarder": "issuer"},
    ("publications",): {"website": "url", "title": "name"},
    ("projects",): {"website": "url"},
    ("languages",): {"name": "language", "level": "fluency"},
}

#: Top-level keys of résumé files written for other tools: a person's name, contact and
#: jobs at the top instead of under ``basics`` and ``work``.
_FOREIGN_TOP = ("name", "contact", "experience", "email", "phone", "personal", "jobs")


def _move_positions(source: SourceMap, old: FieldPath, new: FieldPath) -> None:
    """Positions recorded under ``old`` are the positions of ``new`` from now on."""
    for table in (source.keys, source.values):
        for path in [p for p in table if p[: len(old)] == old]:
            table[new + path[len(old) :]] = table[path]


def _rename(
    mapping: dict[str, Any], path: FieldPath, names: dict[str, str], source: SourceMap
) -> tuple[dict[str, Any], list[Problem]]:
    notes: list[Problem] = []
    if not any(old in mapping and new not in mapping for old, new in names.items()):
        return mapping, notes
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        new = names.get(key)
        if new is not None and new not in mapping and new not in out:
            _move_positions(source, (*path, key), (*path, new))
            notes.append(
                source.problem(
                    (*path, key),
                    f"{key!r} is the older JSON Resume name of {new!r}; read as {new!r} "
                    f"(`jobpacket export` writes {new!r})",
                    key=True,
                    severity="info",
                )
            )
            out[new] = value
        else:
            out[key] = value
    return out, notes


def current_names(data: dict[str, Any], source: SourceMap) -> tuple[dict[str, Any], list[Problem]]:
    """The raw tree with older key names read as the current ones, and a note for each."""
    notes: list[Problem] = []
    data = dict(data)
    for (section,), names in LEGACY_KEYS.items():
        value = data.get(section)
        if isinstance(value, dict):
            data[section], found = _rename(value, (section,), names, source)
            notes += found
        elif isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    item, found = _rename(item, (section, i), names, source)
                    notes += found
                items.append(item)
            data[section] = items
    return data, notes


def foreign_shape(data: dict[str, Any], source: SourceMap) -> Problem | None:
    """One clear error for a file that is not JSON Resume at all, instead of a list of
    near-miss guesses about each of its keys."""
    if "basics" in data:
        return None
    found = [k for k in _FOREIGN_TOP if k in data]
    if not found:
        return None
    shown = ", ".join(f"`{k}`" for k in found)
    line, col = source.locate((found[0],), key=True)
    return Problem(
        source.file,
        line,
        col,
        (),
        f"this file is not in JSON Resume form (it has {shown} at the top and no `basics`); "
        "the name and contact details belong under `basics` (basics.name, basics.email, "
        "basics.phone, basics.location), jobs under `work` (name, position, startDate, "
        "endDate, highlights); see https://jsonresume.org/schema or run `jobpacket new` "
        "for a starting profile",
    )
