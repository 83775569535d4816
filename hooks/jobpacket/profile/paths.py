"""Where a path the profile names leads: the one home of how a profile path becomes a file.

The print step calls `resolve_local` for the files a document uses, and `jobpacket check`
(rule `files`) runs it over every path the profile names (`references`), so both say the same
thing in the same words. Paths are confined to the project, whatever the profile says: the
profile's folder and content/, symbolic links resolved first. The kind of a file is read from
its first bytes, not its name: a PDF renamed to photo.png is still not a photo.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..confined import inside
from ..errors import FieldPath, Problem, Severity
from ..urls import photo_data, scheme
from .validate import LoadedProfile

#: The rule id the findings of a path carry, for `meta.checks.disable`.
RULE = "files"
#: The largest local file a printed document reads (a photo, an enclosure named in a letter).
LOCAL_FILE_LIMIT = 20 * 1024 * 1024


def project_root(loaded: LoadedProfile) -> Path:
    """The site folder: the nearest folder above the profile holding mkdocs.yml."""
    from ..settings import site_folder

    return site_folder(loaded.path)


@dataclass(frozen=True)
class Folders:
    """Where profile paths point: images under content/, everything else next to the profile."""

    profile_dir: Path
    content_dir: Path

    @classmethod
    def of(cls, loaded: LoadedProfile) -> Folders:
        root = project_root(loaded)
        return cls(
            Path(os.path.realpath(loaded.path.parent)),
            Path(os.path.realpath(root / "content")),
        )


def resolve_local(
    loaded: LoadedProfile,
    folders: Folders,
    where: FieldPath,
    value: str,
    *,
    used: bool,
    under_content: bool = False,
) -> tuple[Path | None, list[Problem]]:
    """A profile path as a readable file inside the project, or the findings saying why not.

    Paths are relative to the profile's folder, except images (`under_content`), which are
    relative to content/ as on the site. A path that leaves the project is an error even when
    nothing would use it: it is either a mistake or an attempt to read someone's files. A
    missing file or a web address is a warning (`used` says whether anything would read it),
    and the output is made without it.
    """
    shown = repr(value)
    base = folders.content_dir if under_content else folders.profile_dir
    relative_to = "content/" if under_content else "the profile's folder"
    source = loaded.source

    def problem(message: str, hint: str, level: Severity = "error") -> list[Problem]:
        return [source.problem(where, message, severity=level, rule=RULE, hint=hint)]

    # A drive letter (C:\...) would read as a URL scheme: absolute paths are told first.
    if value.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", value):
        return None, problem(
            f"{shown} is an absolute path", f"give a path relative to {relative_to}"
        )
    if scheme(value):
        if scheme(value) in ("http", "https"):
            if not used:
                return None, []
            return None, problem(
                f"{shown} is a web address and jobpacket never downloads files: it is left out",
                f"save the file under {relative_to} and give its relative path",
                "warning",
            )
        return None, problem(
            f"{shown} is not a relative path; jobpacket only reads files in the project",
            f"give a path relative to {relative_to}",
        )
    resolved = Path(os.path.realpath(base / value))
    if not inside(resolved, (folders.profile_dir, folders.content_dir)):
        return None, problem(
            f"{shown} points outside the project; jobpacket only reads files next to the "
            "profile or under content/",
            f"move the file there and give its path relative to {relative_to}",
        )
    if not resolved.is_file():
        if not used:
            return None, []
        from ..settings import display_path

        return None, problem(
            f"file {shown} not found (looked for {display_path(base / value)})",
            "fix the path or add the file",
            "warning",
        )
    if used and resolved.stat().st_size > LOCAL_FILE_LIMIT:
        return None, problem(
            f"{shown} is larger than {LOCAL_FILE_LIMIT // 1024 // 1024} MB",
            "printed documents take smaller files (compress it, or link to it instead)",
        )
    return resolved, []


# --- what a file is ------------------------------------------------------------------------


def sniff(path: Path) -> str:
    """'image', 'pdf' or 'other', from the file's first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return "other"
    kind = sniff_bytes(head)
    return "image" if kind in ("raster", "svg") else kind


def sniff_bytes(head: bytes) -> str:
    """'pdf', 'raster' (PNG, JPEG, GIF, WebP, AVIF), 'svg' or 'other', from a file's first
    512 bytes."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"))
    ):
        return "raster"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head.lower()):
        return "svg"
    return "other"


@dataclass(frozen=True)
class Reference:
    """One path the profile names, and what it must be."""

    where: FieldPath
    value: str
    kinds: tuple[str, ...]
    under_content: bool = False


def references(loaded: LoadedProfile) -> Iterator[Reference]:
    """Every file path in the profile: photo, project images, letters, enclosures, documents."""
    p = loaded.profile
    if p.basics.image and photo_data(p.basics.image) is None:  # embedded: no file
        yield Reference(("basics", "image"), p.basics.image, ("image",), True)
    for i, project in enumerate(p.projects):
        for j, image in enumerate(project.images):
            yield Reference(("projects", i, "images", j), image, ("image",), True)
    # A packet encloses PDFs and PNG or JPEG scans (print/enclosures.py, which reports any
    # other image as an error of its own).
    for i, ref in enumerate(p.references):
        if ref.letter and ref.letter.file:
            yield Reference(("references", i, "letter", "file"), ref.letter.file, ("pdf", "image"))
    for i, app in enumerate(p.applications):
        for j, att in enumerate(app.attachments):
            where: FieldPath = ("applications", i, "attachments", j, "path")
            yield Reference(where, att.path, ("pdf", "image"))
    for i, doc in enumerate(p.documents):
        if doc.path:
            yield Reference(("documents", i, "path"), doc.path, ("pdf", "image"))
