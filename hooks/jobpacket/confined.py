"""Reading a file only if it is inside the project, decided on the file actually read.

Checking a path and then reading it are two steps, and a symbolic link can be swapped in
between (time of check to time of use): a check that says "inside" and a copy that then
follows a new link to /proc/self/environ publishes the environment. So the check is made on
the open file: it is opened first, then its real path is resolved and must lie inside the
allowed folders, and the file found there must be the very file that was opened (same device
and inode). A swap before, during or after the open either leaves the path pointing outside
or at another file than the one held open; both are refused. The caller keeps the bytes read
here and never opens the path again.

`linked_folders` is the other half for outputs: a folder the build writes into must not be a
link that carries the writes somewhere else (build/packets -> content/packets would publish
the private packets).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Refused", "inside", "linked_folders", "read_inside"]


class Refused(Exception):
    """A file that is not read: `reason` says why, in words for the user."""

    def __init__(self, reason: str, *, outside: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.outside = outside


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether `path` is one of `roots` or below one (compare real paths)."""
    return any(path == r or path.is_relative_to(r) for r in roots)


_FLAGS = os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)


def read_inside(path: Path, roots: tuple[Path, ...], *, limit: int) -> tuple[Path, bytes]:
    """The real path and bytes of `path`, if it is a regular file inside `roots` (real
    paths) and at most `limit` bytes; else `Refused`.

    O_NONBLOCK keeps a FIFO from blocking the open; the regular-file check then refuses it
    (and devices such as /dev/zero) before anything is read.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    try:
        opened = os.fstat(fd)
        real = Path(os.path.realpath(path))
        if not inside(real, roots):
            raise Refused("is a link whose real path leaves the project folder", outside=True)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused("is not a regular file")
        try:
            there = os.stat(real, follow_symlinks=False)
        except OSError:
            there = None
        if there is None or (there.st_dev, there.st_ino) != (opened.st_dev, opened.st_ino):
            raise Refused("changed while it was read (a link was swapped); build again")
        if opened.st_size > limit:
            raise Refused(f"is larger than {limit // 2**20} MB")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise Refused(f"is larger than {limit // 2**20} MB")
            chunks.append(chunk)
        return real, b"".join(chunks)
    finally:
        os.close(fd)


def linked_folders(folder: Path) -> list[Path]:
    """`folder` and every folder under it that is a symbolic link (not followed), so that
    writing there would land somewhere else. Empty when `folder` does not exist."""
    if folder.is_symlink():
        return [folder]
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for current, dirs, _files in os.walk(folder):
        for name in dirs:
            if (Path(current) / name).is_symlink():
                found.append(Path(current) / name)
    return sorted(found)
