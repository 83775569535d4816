"""Rule `files`: every path the profile names exists, stays in the project, and is the right
kind of file.

How a path becomes a file is profile/paths.py's, shared with the print step so both say the
same thing in the same words; this rule runs it over every path the profile names, asks the
packet's own strict check about what each application encloses, and refuses to publish a
file that must stay private.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..errors import FieldPath, Problem, ProfileError
from ..profile.paths import RULE, Folders, references, resolve_local, sniff
from ..profile.validate import LoadedProfile
from ..urls import scheme

_KIND_WORDS = {"image": "an image (PNG, JPEG, GIF, WebP, AVIF or SVG)", "pdf": "a PDF"}


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
