"""Which files under docs_dir must never be published, and which public files the site adds.

MkDocs copies every file under docs_dir (content/) into site/. jobpacket's private inputs
and outputs may sit there by accident or by choice (a profile kept in content/, enclosures
next to it, JOBPACKET_CACHE_DIR=content/cache): `private_paths` names every one of them so
the adapter leaves them out of the site. `public_documents` is the other direction: a
document marked `visibility: public` whose `url` points into the site gets its local `path`
copied there, so the link the site shows works.

`read_for_site` is the gate every file from docs_dir passes on its way into the site: read
once, confined to the project on the file actually read (confined.py), private files and the
images of private projects left out, images and PDFs rewritten without their metadata
(print/images.py, print/pdfsafe.py). The adapter hands MkDocs the bytes read here, so MkDocs
never opens the path again and a link swapped in after the check is never followed.

Values only; the MkDocs adapter acts on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..confined import Refused, linked_folders, read_inside
from ..errors import Problem
from ..urls import scheme

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile

#: The largest file the site publishes from content/. GitHub Pages refuses larger files, and
#: every published file is held in memory between the check and the copy.
MAX_PUBLISHED_BYTES = 100 * 2**20


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


@dataclass(frozen=True)
class PrivatePaths:
    """Files and whole folders that must stay out of the published site."""

    files: frozenset[Path]
    folders: tuple[Path, ...]

    def covers(self, path: Path) -> bool:
        real = _real(path)
        return real in self.files or any(real.is_relative_to(f) for f in self.folders)


def private_paths(loaded: LoadedProfile, *, folders: tuple[Path, ...] = ()) -> PrivatePaths:
    """The profile, its enclosures, letters and non-public documents, plus `folders` (the
    PDF cache and build/). Paths are resolved, so a symlink into content/ counts too."""
    profile = loaded.profile
    base = loaded.path.parent
    named: list[str] = []
    for app in profile.applications:
        named.extend(a.path for a in app.attachments)
    for ref in profile.references:
        if ref.letter is not None and ref.letter.file:
            named.append(ref.letter.file)
    for doc in profile.documents:
        if doc.path and doc.visibility != "public":
            named.append(doc.path)
    files = {_real(loaded.path)}
    for value in named:
        if "\x00" not in value:
            files.add(_real(base / value))
    # An output folder that is a link (build/packets -> content/packets) carries the outputs
    # elsewhere: wherever it points is private too. The build refuses such links
    # (`output_links`); this keeps content/ from publishing what an earlier run wrote there.
    linked = [link for folder in folders for link in linked_folders(folder)]
    return PrivatePaths(frozenset(files), tuple(_real(f) for f in (*folders, *linked)))


def output_links(root: Path, folder: Path) -> list[str]:
    """One message per folder under `folder` (build/) that is a symbolic link, so that writing
    the private documents there would land elsewhere (in content/, and so on the site).
    Both adapters refuse to write then: the MkDocs build and the CLI's default outputs."""
    return [
        f"{_shown(link, root)}: is a link to {_shown(_real(link), root)}; private "
        f"documents are written only into real folders under {_shown(folder, root)}/; "
        f"remove the link (rm {_shown(link, root)}) and build again"
        for link in linked_folders(folder)
    ]


def _shown(path: Path, root: Path) -> str:
    """`path` relative to the project, links not followed (display_path resolves them)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _site_target(url: str, site_url: str | None) -> str | None:
    """Where in the site a document's url points: a relative url, or one under site_url."""
    if scheme(url) or url.startswith(("//", "\\")):
        if not site_url or not url.startswith(site_url.rstrip("/") + "/"):
            return None
        url = url[len(site_url.rstrip("/")) + 1 :]
    path = unquote(urlsplit(url).path).lstrip("/")
    parts = PurePosixPath(path).parts
    if not parts or any(p in ("", ".", "..") for p in parts) or "\\" in path:
        return None
    return "/".join(parts)


def public_documents(
    loaded: LoadedProfile, site_url: str | None
) -> tuple[dict[str, bytes], list[Problem]]:
    """Site path -> bytes to publish for each public document the site links: its file, read
    once and confined to the profile's folder, as its clean copy (a PDF without actions or
    metadata, an image without EXIF). A located error for each that must never be published
    (checks/files.py `public_document_problems`: the profile, a letter, a private document,
    not a PDF or image); a located note for each that is missing or outside the project."""
    from ..caches import cache_folder
    from ..checks.files import public_document_problems
    from ..print.images import ImageRefused, clean_image
    from ..print.pdfsafe import PdfRefused, public_copy
    from ..profile.paths import sniff_bytes

    files: dict[str, bytes] = {}
    refused = public_document_problems(loaded)
    problems: list[Problem] = list(refused.values())
    base = _real(loaded.path.parent)
    for i, doc in enumerate(loaded.profile.documents):
        if doc.visibility != "public" or not doc.path or not doc.url:
            continue
        target = _site_target(doc.url, site_url)
        if target is None or ("documents", i, "path") in refused:
            continue
        where = ("documents", i, "path")
        source = _real(base / doc.path)
        if not source.is_relative_to(base) or not source.is_file():
            problems.append(
                loaded.source.problem(
                    where,
                    f"{doc.path!r} is not a file next to the profile, so the build does not "
                    f"publish it at {doc.url}; fix the path if the site should",
                    severity="info",
                )
            )
            continue
        try:
            real, data = read_inside(base / doc.path, (base,), limit=MAX_PUBLISHED_BYTES)
            if real != source:  # not the file the rules above were asked about
                raise Refused("changed while it was read (a link was swapped); build again")
            kind = sniff_bytes(data[:512])
            if kind == "pdf":
                data = public_copy(data, cache_folder(loaded.path) / "public-pdfs")
            elif kind == "raster":
                data = clean_image(data)
            elif kind != "svg":
                raise Refused("is not a PDF or an image (by its content)")
        except Refused as exc:
            problems.append(
                loaded.source.problem(
                    where,
                    f"{doc.path!r} {exc.reason}, so the build does not publish it at {doc.url}",
                    hint="fix the path if the site should",
                )
            )
            continue
        except (ImageRefused, PdfRefused) as exc:
            problems.append(
                loaded.source.problem(
                    where, f"{doc.path!r} {exc}, so the build does not publish it at {doc.url}"
                )
            )
            continue
        files[target] = data
    return files, problems


# --- the gate every file from docs_dir passes --------------------------------------------


@dataclass(frozen=True)
class Admitted:
    """What `read_for_site` decided: the bytes to publish for each source path (relative to
    docs_dir), and a (level, message) note for each file left out."""

    publish: dict[str, bytes]
    notes: list[tuple[str, str]]


def private_project_images(loaded: LoadedProfile) -> frozenset[str]:
    """Images (paths under content/) that only private projects show: not published."""
    public: set[str] = set()
    private: set[str] = set()
    profile = loaded.profile
    if profile.basics.image:
        public.add(_normal(profile.basics.image))
    for project in profile.projects:
        target = private if project.visibility == "private" else public
        target.update(_normal(image) for image in project.images)
    return frozenset(private - public)


def _normal(path: str) -> str:
    return PurePosixPath(unquote(path.strip()).lstrip("/")).as_posix()


def read_for_site(
    sources: dict[str, Path],
    *,
    loaded: LoadedProfile,
    root: Path,
    docs_dir: Path,
    shown: str,
    private: PrivatePaths,
) -> Admitted:
    """Read each file MkDocs found under docs_dir (`sources`: path in the site -> file) the
    one time it is read for the site, and decide whether it is published.

    Left out, with a warning (so `--strict` fails): a file whose real path leaves the project
    folder (a link to /proc/self/environ, /etc/passwd, a folder elsewhere; one warning per
    linked folder) or reaches a hidden file in it (.env, .git/), a FIFO or device, a file
    larger than MAX_PUBLISHED_BYTES, an image or PDF that cannot be read to be cleaned.
    Left out quietly (info): private files (`private_paths`, checked again on the real path
    of the file read) and images only private projects show. Images and PDFs are published
    as their clean copies.
    """
    from ..caches import cache_folder
    from ..print.images import ImageRefused, clean_image
    from ..print.pdfsafe import PdfRefused, public_copy
    from ..profile.paths import sniff_bytes

    roots, docs_real = (_real(root),), _real(docs_dir)
    hidden = private_project_images(loaded)
    images = cache_folder(loaded.path) / "images"
    publish: dict[str, bytes] = {}
    notes: list[tuple[str, str]] = []
    outside: dict[str, int] = {}
    for uri, path in sorted(sources.items()):
        if uri in hidden:
            notes.append(("info", f"{shown}/{uri} is an image of a private project; left out"))
            continue
        try:
            real, data = read_inside(path, roots, limit=MAX_PUBLISHED_BYTES)
        except Refused as exc:
            if exc.outside:
                top = _outside_link(uri, docs_dir, roots)
                outside[top] = outside.get(top, 0) + 1
            else:
                notes.append(("warning", f"{shown}/{uri}: {exc.reason}; it is not published"))
            continue
        linked = real != docs_real / uri  # reached through a link (to a file or a folder)
        if linked and any(p.startswith(".") for p in real.relative_to(roots[0]).parts):
            # MkDocs never publishes dot-files; a link must not reach them either (.env, .git)
            notes.append(
                ("warning", f"{shown}/{uri}: is a link to a hidden file; it is not published")
            )
            continue
        if private.covers(real):
            notes.append(
                (
                    "info",
                    f"{shown}/{uri} is private (profile, enclosure, cache or build output); "
                    "it is left out of the site",
                )
            )
            continue
        kind = sniff_bytes(data[:512])
        try:
            if kind == "raster":
                data = clean_image(data, images)
            elif kind == "pdf":
                data = public_copy(data, cache_folder(loaded.path) / "public-pdfs")
        except (ImageRefused, PdfRefused) as exc:
            notes.append(("warning", f"{shown}/{uri}: {exc}; it is not published"))
            continue
        publish[uri] = data
    for top, count in sorted(outside.items()):
        folder = top not in sources
        where = f"{shown}/{top}{'/' if folder and top else ''}"
        files = f"{count} files are" if count != 1 else "1 file is"
        what = (
            f"a folder outside the project; its {files}"
            if folder
            else ("a file outside the project; it is")
        )
        notes.append(
            (
                "warning",
                f"{where}: is a link to {what} not published "
                "(the site publishes only files inside the project folder); copy what should "
                f"be public into {shown}/ instead of linking to it",
            )
        )
    return Admitted(publish, notes)


def _outside_link(uri: str, docs_dir: Path, roots: tuple[Path, ...]) -> str:
    """The outermost part of `uri` that is a link leading out of the project (a linked
    folder names all the files under it once), else `uri` itself."""
    parts = PurePosixPath(uri).parts
    if not any(_real(docs_dir) == r or _real(docs_dir).is_relative_to(r) for r in roots):
        return ""  # docs_dir itself leads out of the project
    for n in range(1, len(parts) + 1):
        candidate = docs_dir.joinpath(*parts[:n])
        if candidate.is_symlink() and not any(
            _real(candidate) == r or _real(candidate).is_relative_to(r) for r in roots
        ):
            return "/".join(parts[:n])
    return uri
