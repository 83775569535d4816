"""Publishing a built site: one build of a project at a time, built aside, swapped in whole.

Every engine builds into a staging folder beside site/ (``.site.jobpacket-new-*``) and the
private documents go into a staged copy of build/; once all went well both replace the old
folders with renames (swap.py), both or neither. A failed build leaves site/ and build/
exactly as they were. These steps know nothing of the engine: the MkDocs hook calls them from
its events, the Zensical adapter around its subprocess. Errors come back as `SiteError`,
whose text is the lines to show; each adapter reports it its own way.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import publish_tree
from ..settings import display_path
from ..swap import (
    FolderError,
    ProjectLock,
    Swap,
    recover,
    stage_copy,
    staging_dir,
    write_into,
    write_now,
)
from .names import PRIVATE_DIR

FOLLOWUPS_ICS = "followups.ics"


class SiteError(Exception):
    """A build that cannot go on; its text is what to tell the user, one line per problem."""


def _where(exc: OSError, fallback: Path) -> str:
    return display_path(Path(exc.filename)) if exc.filename else display_path(fallback)


@dataclass
class Publication:
    """What one build has staged and not yet published."""

    root: Path
    final_site: Path | None = None
    staging: Path | None = None
    """The site as this build makes it, beside final_site."""
    private_staging: Path | None = None
    """build/ as it will be: a hard-linked copy of today's with this build's files written in."""
    fallbacks: list[Path] = field(default_factory=list)

    @property
    def private_dir(self) -> Path:
        return self.root / PRIVATE_DIR


def check_outputs(root: Path, site_dir: Path) -> None:
    """Refuse a build whose outputs would carry private documents where the site publishes:
    a site_dir that holds build/ or lies inside it, or a folder under build/ that is a link.
    Checked by every engine before anything is made."""
    from .files import output_links

    site_dir, private = site_dir.resolve(), (root / PRIVATE_DIR).resolve()
    if site_dir.is_relative_to(private) or private.is_relative_to(site_dir):
        raise SiteError(
            f"error: site_dir {display_path(site_dir)} and {display_path(private)}/ overlap: the "
            "private documents would be published; use another site_dir (the default is site)"
        )
    links = output_links(root, root / PRIVATE_DIR)
    if links:
        raise SiteError("\n".join(f"error: {line}" for line in links))


def lock(
    held: ProjectLock | None,
    root: Path,
    site_dir: Path | None,
    on_wait: Callable[[str], None],
) -> ProjectLock:
    """One build of a project at a time; then undo what a killed build left (swap.recover).

    ``held``: the lock this process already has (kept across ``mkdocs serve`` rebuilds);
    ``site_dir``: the site folder to recover too, None when it is updated in place.
    """
    if held is None or held.root != root:
        if held is not None:
            held.release()
        held = ProjectLock(root)

    def waiting(holder: str) -> None:
        who = f" (process {holder})" if holder.isdigit() else ""
        on_wait(f"waiting for another build of this project to finish{who}")

    try:
        held.acquire(waiting)
        if site_dir is not None:
            recover(site_dir)  # as named: staging folders sit beside it, even a link
        recover(root / PRIVATE_DIR)
    except OSError as exc:
        raise SiteError(
            f"error: {_where(exc, root)}: cannot prepare the build: {exc.strerror}"
        ) from None
    return held


def stage_site(pub: Publication, site_dir: Path) -> Path:
    """A new staging folder beside site_dir, this build's own: the engine builds into it."""
    pub.final_site = site_dir
    try:
        pub.staging = staging_dir(site_dir)
    except OSError as exc:
        raise SiteError(
            f"error: {display_path(site_dir.parent)}: cannot create the folder the site "
            f"is built in before it replaces {display_path(site_dir)}: {exc.strerror}"
        ) from None
    return pub.staging


def unstage(pub: Publication | None) -> None:
    """Drop what a build staged and did not publish."""
    if pub is None:
        return
    for folder in (pub.staging, pub.private_staging):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    pub.staging = pub.private_staging = None


def stage_private(pub: Publication, files: list[tuple[Path, bytes]]) -> None:
    """build/ as it will be: today's, with `files` (paths under build/) written into it."""
    out_dir = pub.private_dir
    try:
        pub.private_staging = stage_copy(out_dir)
        write_into(pub.private_staging, files, out_dir)
    except OSError as exc:
        what = exc.strerror if isinstance(exc, FolderError) else f"cannot write: {exc.strerror}"
        raise SiteError(f"error: {_where(exc, out_dir)}: {what}") from None


def publish(pub: Publication) -> None:
    """site/ and build/ replaced by their staged versions: both, or neither.

    A folder that cannot be renamed (a mount point, a link) is replaced file by file; those
    are listed in ``pub.fallbacks`` for the adapter to mention.
    """
    swap = Swap()
    try:
        if pub.staging is not None and pub.final_site is not None:
            swap.replace(pub.final_site, pub.staging)
            pub.staging = None
        if pub.private_staging is not None:
            swap.replace(pub.private_dir, pub.private_staging)
            pub.private_staging = None
    except OSError as exc:
        swap.undo()
        raise SiteError(
            f"error: {_where(exc, pub.root)}: cannot replace it with the new build: "
            f"{exc.strerror}; the site and the private documents were left as they were"
        ) from None
    swap.commit()
    pub.fallbacks = list(swap.fallbacks)


def fallback_note(folder: Path) -> str:
    return (
        f"{display_path(folder)} is a mount point or a link to a folder elsewhere: its "
        "files were replaced one by one, not the folder at once"
    )


def publish_in_place(pub: Publication) -> Path:
    """While serving: the staged site into the served folder, file by file (a server keeps
    the folder it was given). Returns the served folder."""
    assert pub.staging is not None and pub.final_site is not None
    try:
        publish_tree(pub.staging, pub.final_site)
    except OSError as exc:
        raise SiteError(
            f"error: {_where(exc, pub.final_site)}: cannot write: {exc.strerror}"
        ) from None
    final = pub.final_site
    unstage(pub)
    return final


def write_private_now(root: Path, files: list[tuple[Path, bytes]]) -> None:
    """Straight into build/ (while serving, where nothing is staged), each file whole, with
    the refusals of a staged write: never through a linked folder (swap.write_now)."""
    out_dir = root / PRIVATE_DIR
    try:
        write_now(out_dir, files)
    except OSError as exc:
        what = exc.strerror if isinstance(exc, FolderError) else f"cannot write: {exc.strerror}"
        raise SiteError(f"error: {_where(exc, out_dir)}: {what}") from None


__all__ = [
    "FOLLOWUPS_ICS",
    "Publication",
    "SiteError",
    "fallback_note",
    "lock",
    "publish",
    "publish_in_place",
    "stage_private",
    "stage_site",
    "unstage",
    "write_private_now",
]
