"""Rule `files`: every path the profile names exists, stays in the project, and is the right
kind of file.

This is the one home of how a profile path becomes a file: the print step calls
`resolve_local` for the files a document uses, and `jobpacket check` runs `check` over every
path the profile names, so both say the same thing in the same words. The kind of a file is
read from its first bytes, not its name: a PDF renamed to photo.png is still not a photo.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..confined import inside
from ..profile.errors import FieldPath, Problem, ProfileError, Severity
from ..profile.validate import LoadedProfile
from ..urls import photo_data, scheme

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
    if value.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", value):
        return None, problem(
            f"{shown} is an absolute path", f"give a path relative to {relative_to}"
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


_KIND_WORDS = {"image": "an image (PNG, JPEG, GIF, WebP, AVIF or SVG)", "pdf": "a PDF"}


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


def packet_problems(loaded: LoadedProfile) -> list[Problem]:
    """What binding each application's packet would reject in the files it encloses: the
    packet's own strict check (print/enclosures.py), so `check` and the build say the same.

    A missing, corrupt, encrypted or oversized enclosure stops `mkdocs build` (which binds
    every application's packet), so here it is an error too, at the same line.
    """
    if not any(app.attachments or app.documents for app in loaded.profile.applications) and not any(
        r.letter and r.letter.file for r in loaded.profile.references
    ):
        return []
    from ..print.enclosures import check_file, plan
    from ..print.printkit import PrintContext

    out: list[Problem] = []
    for index, app in enumerate(loaded.profile.applications):
        ctx = PrintContext(loaded)
        try:
            parts = plan(loaded, index)
        except ProfileError as exc:
            out.extend(replace(p, rule=RULE) for p in exc.problems)
            continue
        for part in parts:
            if part.value is not None:
                check_file(ctx, app.id, part)
        out.extend(replace(p, rule=RULE) for p in ctx.errors)
    return out


def check(loaded: LoadedProfile) -> list[Problem]:
    folders = Folders.of(loaded)
    out: list[Problem] = packet_problems(loaded)
    stopped = {(p.line, p.col) for p in out}
    public = public_document_problems(loaded, folders)
    for ref in references(loaded):
        found, problems = resolve_local(
            loaded, folders, ref.where, ref.value, used=True, under_content=ref.under_content
        )
        # A file the packet already rejects (an error, above) is not also a warning here.
        out.extend(p for p in problems if (p.line, p.col) not in stopped)
        if (loaded.source.locate(ref.where)) in stopped:
            continue
        if found is None:
            continue
        kind = sniff(found)
        if ref.where in public:
            out.append(public[ref.where])
        elif kind not in ref.kinds:
            wanted = " or ".join(_KIND_WORDS[k] for k in ref.kinds)
            out.append(
                loaded.source.problem(
                    ref.where,
                    f"{ref.value!r} is not {wanted}",
                    severity="warning",
                    rule=RULE,
                    hint=f"export or save it as {wanted.split(' (')[0]}",
                )
            )
    return out


def public_document_problems(
    loaded: LoadedProfile, folders: Folders | None = None
) -> dict[FieldPath, Problem]:
    """An error for each public document (documents[] with visibility public) whose `path`
    must never be published: the profile itself, a recommendation letter (confidential or
    not, the recommender wrote it to be sent, not shown), the file of a document that is not
    public, or a file that is not a PDF or an image by its content.

    The site copies a public document's file into site/ as it is linked, so what `check`
    reports here is what the build refuses to publish (site/files.py asks the same).
    Applications' attachments are not in the list: sending a public work sample is usual.
    """
    folders = folders or Folders.of(loaded)
    profile = loaded.profile
    base = folders.profile_dir

    def real(value: str) -> Path | None:
        if "\x00" in value or scheme(value) or value.startswith(("/", "\\")):
            return None
        return Path(os.path.realpath(base / value))

    kept: dict[Path, str] = {Path(os.path.realpath(loaded.path)): "is the profile itself"}
    for ref in profile.references:
        if ref.letter and ref.letter.file and (path := real(ref.letter.file)):
            kept[path] = "is a recommendation letter, which is sent, never published"
    for doc in profile.documents:
        if doc.path and doc.visibility != "public" and (path := real(doc.path)):
            kept.setdefault(path, "is also the file of a document that is not public")
    out: dict[FieldPath, Problem] = {}
    for i, doc in enumerate(profile.documents):
        if doc.visibility != "public" or not doc.path or (path := real(doc.path)) is None:
            continue
        where: FieldPath = ("documents", i, "path")
        why = kept.get(path)
        if why is None and path.is_file() and sniff(path) not in ("pdf", "image"):
            why = "is not a PDF or an image (by its content), so it is never published"
        if why is not None:
            out[where] = loaded.source.problem(
                where,
                f"{doc.path!r} {why}",
                rule=RULE,
                hint="point `path` at the file meant for the public, or make the document "
                "private (visibility: private)",
            )
    return out
