"""Whole folders replaced at once, one build at a time.

A build prepares complete new copies of site/ and build/ beside them (``.site.jobpacket-new-*``,
``.build.jobpacket-new-*``), then swaps each in with renames: readers and later runs see the old
folder or the new one, never a mix. Two builds of one project take turns under a lock file, so
they never share a staging folder or swap into each other's half-finished work. A run killed
in the instant between the two renames of a swap leaves the old folder under a ``-old-`` name;
the next run puts it back (`recover`) before it does anything else.

Where a folder cannot be renamed (it is a mount point, or a symbolic link to a folder kept
elsewhere, as with a web server's document root), the swap falls back to replacing it file by
file (`fsutil.publish_tree`): each file old or new, the folder as a whole possibly a mix if the
run is killed half-way. That fallback is reported by the caller.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import publish_tree, write_many

try:  # POSIX; elsewhere builds are not serialised (documented)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".jobpacket.lock"
_NEW = "jobpacket-new"
_OLD = "jobpacket-old"


class FolderError(OSError):
    """A folder that cannot be staged or swapped; ``filename`` names it."""


# --- one build at a time --------------------------------------------------------------------


@dataclass
class ProjectLock:
    """An exclusive lock on a project folder, held for one build (``flock`` on a lock file).

    The lock is released by the kernel when the process dies, so a killed build never leaves
    a stale lock behind. `on_wait` is told once when another run holds it.
    """

    root: Path
    _fd: int | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        return self.root / LOCK_NAME

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, on_wait: Callable[[str], None] | None = None) -> None:
        if self._fd is not None or fcntl is None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    on_wait(holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing releases the flock

    @contextlib.contextmanager
    def hold(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the lock for a block, unless this object already holds it."""
        if self.held:
            yield
            return
        self.acquire(on_wait)
        try:
            yield
        finally:
            self.release()


# --- staging and swapping ---------------------------------------------------------------------


def _siblings(target: Path, kind: str) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.{kind}-*"))


def recover(target: Path) -> None:
    """Undo what a killed run left around `target` (call it under the project's lock).

    A missing `target` with a ``-old-`` copy beside it was caught between the two renames of
    a swap: the old folder goes back. Every other leftover (staging folders, old copies
    once the new folder is in place) is removed.
    """
    olds = _siblings(target, _OLD)
    if not os.path.lexists(target) and olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, target)
        olds.remove(newest)
    for leftover in [*olds, *_siblings(target, _NEW)]:
        _remove(leftover)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    """A new empty folder beside `target`, on its file system, that no other run uses."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{_NEW}-", dir=target.parent))


def swappable(target: Path) -> bool:
    """Whether `target` can be replaced by a rename (not a symlink, not a mount point)."""
    if target.is_symlink():
        return False
    return not (target.is_dir() and os.path.ismount(target))


def stage_copy(target: Path) -> Path:
    """A staging folder holding what `target` holds now, as hard links (a copy where links
    are refused): the new files are written into it, and whatever else the user keeps in
    `target` survives the swap. Symbolic links are copied as links, never followed."""
    staged = staging_dir(target)
    if not target.is_dir():
        return staged
    for dirpath, dirnames, filenames in os.walk(target):
        here = Path(dirpath)
        there = staged / here.relative_to(target)
        for name in list(dirnames):
            source = here / name
            if source.is_symlink():
                dirnames.remove(name)
                os.symlink(os.readlink(source), there / name)
            else:
                (there / name).mkdir()
        for name in filenames:
            source, dest = here / name, there / name
            if source.is_symlink():
                os.symlink(os.readlink(source), dest)
                continue
            try:
                os.link(source, dest, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, dest, follow_symlinks=False)
    return staged


def write_into(staged: Path, files: list[tuple[Path, bytes]], target: Path) -> None:
    """Write each (path under `target`, bytes) into the staged copy of `target`.

    Each file is written whole beside its destination and renamed over it (`fsutil.write_many`
    with no tmp_dir: nobody reads the staged copy yet), so the hard link to the current file
    in `target` is replaced, never written through: `target` keeps its old bytes until the
    swap. What this adds is `refusal`. Errors name the path under `target`, not the staging
    folder.
    """
    write_many(
        [(staged / path.relative_to(target), data) for path, data in files],
        refuse=refusal(staged, target),
    )


def write_now(target: Path, files: list[tuple[Path, bytes]]) -> None:
    """Write each (path under `target`, bytes) straight into `target`, a folder in use
    (build/ while `mkdocs serve` runs, where nothing is staged), with the same `refusal` as
    a staged write. Each file is whole at every moment: its temporary copy is made in
    `scratch_dir(target)`, beside `target` on its file system, which `recover` clears should
    a run be killed in between."""
    write_many(files, tmp_dir=scratch_dir(target), refuse=refusal(target, target))


def scratch_dir(target: Path) -> Path:
    """Where `write_now` makes its temporary files: named as a staging folder of `target`,
    so the next `recover` removes whatever a killed run left in it."""
    return target.parent / f".{target.name}.{_NEW}-writes"


def refusal(folder: Path, shown: Path) -> Callable[[Path], None]:
    """The check made before each file is written under `folder` (`shown` is the name
    messages give it): a folder on the way that is a symbolic link, a file where a folder
    should be, or a destination that is not a regular file is refused. jobpacket writes its
    private outputs only into real folders under build/, never through a link to somewhere
    else (site content, say). Missing folders on the way are made."""

    def refuse(dest: Path) -> None:
        rel = dest.relative_to(folder)
        here = folder
        for part in rel.parts[:-1]:
            here = here / part
            if here.is_symlink():
                raise FolderError(
                    errno.ELOOP,
                    "is a symbolic link; jobpacket writes only into real folders here, "
                    "remove the link",
                    str(shown / here.relative_to(folder)),
                )
            if here.exists() and not here.is_dir():
                raise FolderError(
                    errno.ENOTDIR,
                    "is a file where a folder should be; move or remove it",
                    str(shown / here.relative_to(folder)),
                )
            here.mkdir(exist_ok=True)
        if dest.is_symlink() or (dest.exists() and not stat.S_ISREG(dest.lstat().st_mode)):
            raise FolderError(
                errno.EEXIST,
                "is not a regular file; move or remove it",
                str(shown / rel),
            )

    return refuse


@dataclass
class Swap:
    """Replace several folders by their staged versions: all of them, or none.

    `replace` renames each current folder aside and its staged version in; `commit` removes
    the old folders; `undo` puts every replaced folder back, so a failure at the second
    folder leaves the first as it was too.
    """

    done: list[tuple[Path, Path | None, Path]] = field(default_factory=list)
    fallbacks: list[Path] = field(default_factory=list)

    def replace(self, target: Path, staged: Path) -> None:
        if not swappable(target):
            # a mount point or a link to a folder elsewhere: file by file (module docstring)
            publish_tree(staged, target.resolve() if target.is_symlink() else target)
            self.fallbacks.append(target)
            return
        old: Path | None = None
        if os.path.lexists(target):
            old = target.parent / f".{target.name}.{_OLD}-{os.getpid()}-{time.time_ns()}"
            os.rename(target, old)
        try:
            os.rename(staged, target)
        except OSError:
            if old is not None:
                os.rename(old, target)
            raise
        self.done.append((target, old, staged))

    def undo(self) -> None:
        for target, old, staged in reversed(self.done):
            with contextlib.suppress(OSError):
                os.rename(target, staged)
                if old is not None:
                    os.rename(old, target)
        self.done.clear()

    def commit(self) -> None:
        for _, old, _ in self.done:
            if old is not None:
                _remove(old)
        self.done.clear()
