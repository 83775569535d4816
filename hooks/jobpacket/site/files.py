"""Which files under docs_dir must never be published, and which public files the site adds.

MkDocs copies every file under docs_dir (content/) into site/. jobpacket's private inputs
and outputs may sit there by accident or by choice (a profile kept in content/, enclosures
next to it, JOBPACKET_CACHE_DIR=content/cache): `private_paths` names every one of them so
the adapter leaves them out of the site. `public_documents` is the other direction: a
document marked `visibility: public` whose `url` points into the site gets its local `path`
copied there, so the link the site shows works.

Values only; the MkDocs adapter acts on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..profile.errors import Problem
from ..profile.validate import LoadedProfile
from ..urls import scheme


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
    return PrivatePaths(frozenset(files), tuple(_real(f) for f in folders))


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
) -> tuple[dict[str, Path], list[Problem]]:
    """Site path -> local file for each public document the site links; a located note for
    each whose file is missing or outside the project (it may be hosted elsewhere)."""
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    base = _real(loaded.path.parent)
    for i, doc in enumerate(loaded.profile.documents):
        if doc.visibility != "public" or not doc.path or not doc.url:
            continue
        target = _site_target(doc.url, site_url)
        if target is None:
            continue
        source = _real(base / doc.path)
        if not source.is_relative_to(base) or not source.is_file():
            problems.append(
                loaded.source.problem(
                    ("documents", i, "path"),
                    f"{doc.path!r} is not a file next to the profile, so the build does not "
                    f"publish it at {doc.url}; fix the path if the site should",
                    severity="info",
                )
            )
            continue
        files[target] = source
    return files, problems
