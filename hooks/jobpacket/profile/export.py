"""Profile -> plain JSON Resume, for the themes and tools of that ecosystem.

jobpacket's extensions are stripped so the file validates against the official schema, which
has no notion of them; private items are left out unless asked for.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..dates import ONGOING
from .model import EXTENSION_SECTIONS, SECTIONS, Item, Profile, Reference
from .values import is_private

JSONRESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_SECTIONS = tuple(s for s in SECTIONS if s not in EXTENSION_SECTIONS)
_EXTENSION_FIELDS = {
    Item: set(Item.model_fields),
    Reference: {"title", "organization", "relationship", "email", "phone", "letter"},
}


def _plain(model: BaseModel) -> dict[str, Any]:
    """Known JSON Resume fields only: no extension data, no jobpacket fields, no empties."""
    drop: set[str] = set()
    for cls, names in _EXTENSION_FIELDS.items():
        if isinstance(model, cls):
            drop |= names
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name in drop:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            value = _plain(value)
        elif isinstance(value, list):
            value = [_plain(v) if isinstance(v, BaseModel) else v for v in value]
        if name == "endDate" and value == ONGOING:
            continue  # JSON Resume says "ongoing" by leaving endDate out
        if value in (None, [], {}):
            continue
        out[name] = value
    return out


def to_jsonresume(profile: Profile, *, include_private: bool = False) -> dict[str, Any]:
    basics = profile.basics
    out: dict[str, Any] = {"$schema": JSONRESUME_SCHEMA}
    b = _plain(basics)
    if not include_private:
        b["profiles"] = [_plain(p) for p in basics.profiles if not is_private(p)]
        if not b["profiles"]:
            del b["profiles"]
    out["basics"] = b
    for section in _SECTIONS:
        items = [
            _plain(i) for i in getattr(profile, section) if include_private or not is_private(i)
        ]
        if items:
            out[section] = items
    meta = {
        k: v
        for k, v in (
            ("canonical", profile.meta.canonical),
            ("version", profile.meta.version or "v1.0.0"),
            ("lastModified", profile.meta.lastModified),
        )
        if v
    }
    out["meta"] = meta
    return out
