"""What follows an application's letter: the one list both the letter and the packet read.

The letter's "Enclosures:" line and the packet's pages must never disagree, so neither decides
on its own: `plan` lists the parts after the letter, in order, and both take it from here.
`check_file` is the strict half used by the packet, which must append the files themselves:
a path outside the project, a missing, oversized, corrupt, encrypted or unknown file is a
located error naming the application, the field and the file. The letter printed alone stays
lenient (a missing enclosure is a warning there, see `local_file`): it only names the files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..confined import inside
from ..errors import FieldPath, ProfileError
from ..i18n.labels import labels
from ..profile.validate import LoadedProfile
from ..profile.values import is_private
from .printkit import PrintContext

PartKind = Literal["resume", "references", "recommendation", "attachment", "document"]
FileKind = Literal["pdf", "png", "jpeg"]

#: The largest file a packet encloses. Employers' portals cap uploads at 10 to 25 MB; anything
#: larger is almost always an unreduced scan, and a packet is read in memory once.
MAX_ENCLOSURE_BYTES = 50 * 1024 * 1024
#: Images are placed on a page by WeasyPrint, which reads no file larger than this.
MAX_IMAGE_BYTES = 20 * 1024 * 1024

#: The reference index's title in the packet (the résumé's comes from the language's labels).
REFERENCES_TITLE = "References"

_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)


@dataclass(frozen=True)
class Part:
    """One part after the letter. Generated parts (résumé, index) have no file; enclosed ones
    carry the path as written and the field it was written in, for located messages."""

    kind: PartKind
    title: str
    where: FieldPath = ()
    value: str | None = None


def has_public_references(loaded: LoadedProfile) -> bool:
    """Whether the recommendation-letter index has anyone to list."""
    return any(not is_private(r) for r in loaded.profile.references)


def plan(loaded: LoadedProfile, index: int) -> list[Part]:
    """The parts after application `index`'s letter, in the order they are enclosed.

    The tailored résumé, the index of recommenders (when any is not private), then the
    enclosures: recommendation letters that are delivered `enclosed` with a `file` and are not
    confidential (a confidential letter goes sealed or directly, never through the candidate),
    the application's `attachments`, and its `documents`. A file named twice (a letter that is
    also an attachment) is enclosed once, where it first appears.
    """
    profile = loaded.profile
    app = profile.applications[index]
    # A thank-you note encloses nothing but what the application asks for (its attachments
    # and documents): the employer already has the résumé, and a packet would read as a push.
    thank_you = app.letter is not None and app.letter.kind == "thank-you"
    parts = [] if thank_you else [Part("resume", labels(profile.meta.lang)["resume"])]
    if has_public_references(loaded) and not thank_you:
        parts.append(
            Part("references", labels(profile.meta.lang).get("references", REFERENCES_TITLE))
        )
    enclosed: list[Part] = []
    for i, ref in enumerate(profile.references):
        letter = ref.letter
        if thank_you or is_private(ref) or letter is None or letter.confidential:
            continue
        if letter.delivery == "enclosed" and letter.file:
            words = labels(profile.meta.lang)
            title = (
                str(words["recommendation_letter_from"]).format(name=ref.name)
                if ref.name
                else str(words["recommendation_letter"])
            )
            enclosed.append(
                Part("recommendation", title, ("references", i, "letter", "file"), letter.file)
            )
    for j, att in enumerate(app.attachments):
        title = att.title or Path(att.path).name
        enclosed.append(
            Part("attachment", title, ("applications", index, "attachments", j, "path"), att.path)
        )
    for j, name in enumerate(app.documents):
        where: FieldPath = ("applications", index, "documents", j)
        found = profile.document_index(name)
        if found is None:  # validation reports it with a suggestion; never reached from a load
            raise ProfileError([loaded.source.problem(where, f"no document {name!r}")])
        doc = profile.documents[found]
        if not doc.path:
            raise ProfileError(
                [
                    loaded.source.problem(
                        ("documents", found),
                        f"application {app.id!r} encloses {name!r}, which has no `path`; a "
                        "packet cannot enclose a web address: save the file next to the profile "
                        "and give its path",
                    )
                ]
            )
        enclosed.append(Part("document", doc.title or Path(doc.path).name, where, doc.path))
    seen: set[str] = set()
    for part in enclosed:
        key = os.path.normpath(part.value or "")
        if key not in seen:
            seen.add(key)
            parts.append(part)
    return parts


def titles(parts: list[Part]) -> list[str]:
    return [p.title for p in parts]


# --- the strict check of enclosed files ---------------------------------------------------------


def sniff(path: Path) -> FileKind | None:
    """The file's kind by its first bytes, never by its name."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def _image_problem(path: Path) -> str | None:
    """Why an enclosed image cannot be placed on a page: the print step's own verdict
    (print/images.py: readable, PNG or JPEG, not too many pixels, no decompression bomb)."""
    from .images import image_problem

    kind = sniff(path)
    problem = image_problem(path.read_bytes(), f"image/{kind}")
    return None if problem is None else f"{problem}; save it again as PNG or JPEG"


def check_file(ctx: PrintContext, app_id: str, part: Part) -> tuple[Path, FileKind] | None:
    """Resolve an enclosed file strictly, or record a located error and return None.

    Paths are relative to the profile's folder and must stay inside the project (the profile's
    folder or content/), symbolic links resolved first.
    """
    assert part.value is not None
    value = part.value
    lead = f"packet {app_id!r}: {value!r}"

    def fail(message: str) -> None:
        ctx.error(part.where, f"{lead} {message}")

    if "://" in value or value.startswith(("/", "\\")) or value[1:3] in (":/", ":\\"):
        fail("is not a relative path; give a path relative to the profile's folder")
        return None
    resolved = Path(os.path.realpath(ctx.profile_dir / value))
    if not inside(resolved, (ctx.profile_dir, ctx.content_dir)):
        fail(
            "points outside the project; a packet only encloses files next to the profile or "
            "under content/; move the file there and give its path relative to the profile"
        )
        return None
    if not resolved.is_file():
        from ..settings import display_path

        fail(
            f"not found (looked for {display_path(ctx.profile_dir / value)}); fix the path or "
            "add the file"
        )
        return None
    size = resolved.stat().st_size
    if size > MAX_ENCLOSURE_BYTES:
        fail(
            f"is {size / 2**20:.1f} MB, more than the {MAX_ENCLOSURE_BYTES // 2**20} MB a packet "
            "encloses; reduce it (scan at 150-300 dpi, or export with smaller images)"
        )
        return None
    kind = sniff(resolved)
    if kind is None:
        fail("is not a PDF, PNG or JPEG file (by its content); export it as PDF")
        return None
    if kind != "pdf" and size > MAX_IMAGE_BYTES:
        fail(f"is an image larger than {MAX_IMAGE_BYTES // 2**20} MB; save it smaller")
        return None
    from .pdffacts import enclosure_problem

    problem = enclosure_problem(ctx.loaded, resolved) if kind == "pdf" else _image_problem(resolved)
    if problem:
        fail(problem)
        return None
    ctx.files.append(resolved)
    return resolved, kind
