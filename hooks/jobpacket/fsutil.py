"""File writes that never leave a half-written output behind (write, then rename)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: os.umask can only be read by setting it, which is not safe while threads write.
_UMASK = _read_umask()


def write_atomic(path: Path, data: bytes, *, tmp_dir: Path | None = None) -> None:
    """Readers see the old file or the new one, never half of one.

    The bytes go to a temporary file, then it is renamed over `path`. The temporary file sits
    beside `path`, or in `tmp_dir` where a folder must never show one (see `write_many`); it
    must be on the file system of `path`, or the rename fails. The rename replaces the name
    `path`, not the file behind it: a hard link there is replaced (the file's other names keep
    the old bytes), never written through.

    mkstemp creates its file private (0600); the result gets the mode an ordinary write would
    have given it, so a web server running as another user can still read site files.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent if tmp_dir is None else tmp_dir, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` already holds exactly `data`, so writing it again would change nothing."""
    return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data


def write_many(
    files: list[tuple[Path, bytes]],
    *,
    tmp_dir: Path | None = None,
    refuse: Callable[[Path], None] | None = None,
) -> None:
    """Write each file whole (`write_atomic`), in order; a file that already holds its bytes
    is not rewritten, so it keeps its time stamp and its hard links.

    `tmp_dir`: where the temporary files go. None puts each beside its target, for a folder
    no reader sees yet (swap's staged copy of build/). A folder in use (build/ while serving)
    takes a `tmp_dir` on the same file system and outside the folders that must never hold a
    half-written or temporary file (build/, site/): a run killed at any moment leaves each
    target old or new, and at worst a stray file in `tmp_dir`, which is removed once empty.

    `refuse`: called with each target before it is written; it raises (an OSError naming the
    path) to stop the writes there, as swap does for a folder that is a symbolic link.
    """
    if tmp_dir is not None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
    try:
        for path, data in files:
            if refuse is not None:
                refuse(path)
            if not _holds(path, data):
                write_atomic(path, data, tmp_dir=tmp_dir)
    finally:
        if tmp_dir is not None:
            _remove_if_empty(tmp_dir)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def unwritable(targets: list[Path]) -> list[tuple[Path, str]]:
    """Why each target could not be written, checked before anything is: a file where a
    folder should be, or a folder the user may not write to. Empty when all is well."""
    problems: list[tuple[Path, str]] = []
    for target in targets:
        folder = target.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            problems.append((folder, "is a file where a folder should be; move or remove it"))
        elif not os.access(folder, os.W_OK | os.X_OK):
            problems.append((folder, "is not writable; fix its permissions"))
        elif target.is_dir():
            problems.append((target, "is a folder where a file should be; move or remove it"))
        elif target.exists() and not os.access(target, os.W_OK):
            problems.append((target, "is read-only; fix its permissions"))
    return list(dict.fromkeys(problems))


def publish_tree(staging: Path, target: Path) -> None:
    """Make `target` hold exactly what `staging` holds, one atomic rename per file.

    Used after a build has fully succeeded into `staging` (a sibling of `target`, so on the
    same file system). Readers of `target` see each file old or new, never half-written; a
    run killed half-way leaves a mix of whole old and new files and no temporary file.
    """
    new = {p.relative_to(staging) for p in staging.rglob("*") if not p.is_dir()}
    for rel in sorted(new):
        dest = target / rel
        for parent in reversed(dest.relative_to(target).parents[:-1]):
            folder = target / parent
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                folder.unlink()
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staging / rel, dest)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            # site/ is a mount point of its own (a container volume): copy, then rename there
            write_atomic(dest, (staging / rel).read_bytes())
    folders = {parent for rel in new for parent in rel.parents}
    if target.is_dir():
        for old in sorted(target.rglob("*"), reverse=True):
            rel = old.relative_to(target)
            if old.is_dir() and not old.is_symlink():
                if rel not in folders:
                    shutil.rmtree(old, ignore_errors=True)
            elif rel not in new:
                old.unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def output_problem(path: Path) -> str | None:
    """Why `path` must not be written as an output file, or None.

    A user's -o replaces only a regular file (or creates one): never a device (as root,
    `-o /dev/full` would have been replaced), a FIFO, a folder, or a symbolic link, which
    would be replaced by a file or, worse, mistaken for where it points.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be inspected: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link; give the path of a regular file, or remove the link"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder; give a file name"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, a pipe or a socket); give a file name"
    return None
