"""What each private output was made from: `jobpacket-manifest.json` beside the outputs.

A letter in build/ that still says `[Company]` after the profile was fixed is worse than no
letter: it looks ready. So every writer of build/ (`mkdocs build`, `jobpacket pdf`, `letter`,
`packet`) records, per file, the digest of the profile text it was made from, the digest of
all its inputs (the document's cache key, which is also the PDF's /ID: profile data, design,
stylesheets, fonts, enclosed files, versions) and the digest of the bytes written. `jobpacket
status` compares them with the profile as it is now and says "stale" rather than "ok".

Why a JSON file and not the PDF's metadata: the PDF's /ID already carries the inputs digest,
but reading it means parsing every PDF with pypdf, while `status`
reads one small file; the profile's own digest says *which* input changed, which the /ID
cannot; and nothing in the PDFs' bytes changes, so the render cache and the golden images
stay valid. The manifest is written through the same list of (path, bytes) as the outputs
(the build's staged copy of build/, or the CLI's atomic writes), never on its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..profile.validate import LoadedProfile

MANIFEST = "jobpacket-manifest.json"
_FORMAT = 1
#: A manifest larger than this is not one jobpacket wrote; it is ignored.
_MAX_BYTES = 4 * 1024 * 1024


def profile_digest(loaded: LoadedProfile) -> str:
    """The digest of the profile text as it was parsed (not re-read: what was used)."""
    return hashlib.sha256(loaded.source.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Made:
    """One output's record."""

    profile: str
    """The profile's digest (profile_digest)."""
    inputs: str
    """The document's (or packet's) cache key: every input of its bytes."""
    sha256: str
    """The digest of the bytes written."""
    design: str | None = None
    """The design asked for on the command line, if any (status recomputes with it)."""

    def as_json(self) -> dict[str, str]:
        out = {"profile": self.profile, "inputs": self.inputs, "sha256": self.sha256}
        if self.design:
            out["design"] = self.design
        return out


def made(loaded: LoadedProfile, inputs: str, data: bytes, design: str | None = None) -> Made:
    return Made(profile_digest(loaded), inputs, hashlib.sha256(data).hexdigest(), design)


def read(folder: Path) -> dict[str, Made]:
    """The records of the manifest in ``folder``, by path relative to it; empty when there is
    none or it is not one jobpacket wrote (it is then rewritten on the next build)."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or path.stat().st_size > _MAX_BYTES:
            return {}
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) and raw.get("format") == _FORMAT else None
    out: dict[str, Made] = {}
    for name, entry in (files or {}).items():
        if isinstance(name, str) and isinstance(entry, dict):
            profile, inputs, sha = (entry.get(k) for k in ("profile", "inputs", "sha256"))
            design = entry.get("design")
            if (
                isinstance(profile, str)
                and isinstance(inputs, str)
                and isinstance(sha, str)
                and isinstance(design, (str, type(None)))
            ):
                out[name] = Made(profile, inputs, sha, design)
    return out


def updated(folder: Path, records: Mapping[Path, Made]) -> tuple[Path, bytes]:
    """The manifest of ``folder`` with ``records`` (outputs under it) added or replaced, as
    (path, bytes) for the caller to write with the outputs. Records of files that no longer
    exist are dropped."""
    merged = {name: m for name, m in read(folder).items() if (folder / name).is_file()}
    for path, record in records.items():
        merged[path.relative_to(folder).as_posix()] = record
    doc = {
        "format": _FORMAT,
        "about": "what jobpacket made each file from; `jobpacket status` reads it",
        "files": {name: merged[name].as_json() for name in sorted(merged)},
    }
    return folder / MANIFEST, (json.dumps(doc, indent=2) + "\n").encode("utf-8")


Freshness = Literal["ok", "stale", "unknown"]


def freshness(
    folder: Path,
    target: Path,
    loaded: LoadedProfile,
    inputs: Callable[[str | None], str | None],
) -> tuple[Freshness, str]:
    """Whether ``target`` (under ``folder``) is what the profile makes now, and why not.

    ``inputs(design)`` is the document's cache key as the profile makes it now, in the design
    it was made in (None when it cannot be prepared): an equal key means equal bytes,
    whatever else changed in the profile.
    """
    record = read(folder).get(target.relative_to(folder).as_posix())
    if record is None:
        return "unknown", "no record of what it was made from (made before jobpacket kept one)"
    return _compare(record, target, loaded, inputs(record.design))


def _compare(
    record: Made, target: Path, loaded: LoadedProfile, inputs: str | None
) -> tuple[Freshness, str]:
    try:
        data = target.read_bytes()
    except OSError as exc:
        return "unknown", f"cannot read it: {exc.strerror}"
    if hashlib.sha256(data).hexdigest() != record.sha256:
        return "unknown", "changed after jobpacket made it"
    if inputs is not None and inputs == record.inputs:
        return "ok", "up to date"
    if record.profile != profile_digest(loaded):
        return "stale", "the profile changed after it was made"
    if inputs is None:
        return "ok", "made from this profile"
    return "stale", "a file it encloses, the design or jobpacket changed after it was made"


__all__ = ["MANIFEST", "Made", "freshness", "made", "profile_digest", "read", "updated"]
