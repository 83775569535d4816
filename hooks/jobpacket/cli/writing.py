"""Where a command may write, and how: write then rename, only over a regular file, never
over the profile's own files, never a private document where the site publishes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UserError

if TYPE_CHECKING:
    from ..print.printkit import PrintDocument
    from ..profile.validate import LoadedProfile


def write_output(
    loaded: LoadedProfile,
    target: Path,
    data: bytes,
    doc: PrintDocument,
    out_root: Path,
    design: str | None,
    *,
    private: bool = True,
) -> None:
    """Write a document; inside build/, with its record in build/'s manifest (what it was
    made from, for `jobpacket status`: print/manifest.py). Elsewhere (-o), only the file."""
    import os

    from ..print import manifest, outputs

    write_atomic(target, data, loaded, private=private)
    folder = Path(os.path.realpath(out_root))
    where = Path(os.path.realpath(target))
    if where.is_relative_to(folder):
        record = manifest.made(loaded, outputs.cache_key(doc), data, design)
        write_atomic(*manifest.updated(folder, {where: record}), loaded)


def refuse_linked_outputs(build: Path) -> None:
    """build/ and the folders under it must be real folders: a link (build/packets ->
    content/packets) would carry private documents where the site publishes from."""
    from ..site.files import output_links

    links = output_links(build.parent, build)
    if links:
        raise UserError("\nerror: ".join(links))


def write_atomic(
    path: Path, data: bytes, loaded: LoadedProfile | None = None, *, private: bool = True
) -> None:
    """Write then rename, so a failure never leaves a half-written file behind.

    Only a regular file is replaced (see `refuse_output`). Writes into the project take
    the build lock, so a `mkdocs build` swapping build/ in at that moment cannot drop the file.
    """
    from ..fsutil import output_problem, write_atomic
    from ..settings import display_path
    from ..swap import ProjectLock

    shown = display_path(path)
    why = output_problem(path)
    if why is not None:
        raise UserError(f"{shown}: {why}; nothing was written")
    root = refuse_output(path, loaded, private=private)
    lock = ProjectLock(root) if root is not None and path.resolve().is_relative_to(root) else None
    try:
        if lock is None:
            write_atomic(path, data)
            return
        with lock.hold(lambda _: click.echo("waiting for a build of this site to end", err=True)):
            write_atomic(path, data)
    except OSError as exc:
        raise UserError(f"{shown}: cannot write: {exc.strerror}") from None


def refuse_output(path: Path, loaded: LoadedProfile | None, *, private: bool) -> Path | None:
    """Refuse an output path (a file, or the folder of several) that would overwrite one of
    the profile's own files (the profile, an enclosure, a letter), or put a private document
    under content/ or site/, from where the site publishes it. Returns the project folder."""
    if loaded is None:
        return None
    from ..confined import inside
    from ..profile.paths import project_root
    from ..settings import display_path
    from ..site.files import private_paths

    root = project_root(loaded)
    shown = display_path(path)
    if private_paths(loaded).covers(path):
        raise UserError(
            f"{shown}: is one of the profile's own files (the profile, an enclosure or a "
            "letter); jobpacket never writes over them; choose another file"
        )
    target = Path(os.path.realpath(path))
    published = [Path(os.path.realpath(root / name)) for name in ("content", "site")]
    if private and inside(target, published):
        raise UserError(
            f"{shown}: is inside content/ or site/, which the site publishes; private "
            "documents go to build/ or outside the site folder"
        )
    return root
