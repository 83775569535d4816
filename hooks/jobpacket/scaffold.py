"""`jobpacket new DIR`: a working site folder for a new user, ready for `mkdocs serve`.

The folder becomes a repository of its own (`git init`), never a subfolder of whatever
repository the user happens to stand in: `mkdocs gh-deploy` pushes to the remote of the
repository it runs in, and a site inside a clone of jobpacket (or of anything else) would
publish to that project's remote. The .gitignore keeps build output, caches and the private
overlay out of every commit.

Writing is confined to the target: every folder is opened without following symlinks and
every file is created with O_EXCL | O_NOFOLLOW relative to its folder's descriptor, so a
symlink planted in the target (dangling or not) is refused instead of written through.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from .errors import UserError
from .profile.overlay import PRIVATE_NAME
from .profile.schema import schema_text
from .site.identity import FOLLOW_NAME

PROFILE_NAME = "profile.yml"

GITIGNORE = f"""\
# Built output and caches: rebuilt by `mkdocs build` and `jobpacket pdf`.
site/
build/
.jobpacket-cache/
.jobpacket.lock
# Staging folders of a build in progress (.site.jobpacket-new-*, .build.jobpacket-old-*).
.*.jobpacket-*
# Private values (phone, address, applications, notes): never in a commit.
profiles/{PRIVATE_NAME}
"""


def _template(name: str) -> str:
    return resources.files("jobpacket").joinpath("scaffold", name).read_text(encoding="utf-8")


def yaml_scalar(value: str) -> str:
    """One YAML scalar for a value typed by the user, quoted, with its characters as typed
    ("Jérémy", not "J\\u00e9r\\u00e9my"): the file is the user's to read and edit."""
    text = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def starter_profile(name: str | None = None) -> str:
    """The starter profile, with the user's name in `basics.name` when given."""
    text = _template("starter.yml")
    if name is not None:
        text = text.replace("  name: Your Name\n", f"  name: {yaml_scalar(name)}\n", 1)
    return text


def scaffold_files(name: str | None = None, title: str | None = None) -> dict[str, str]:
    """Relative path -> text of every file a new site starts with.

    Without ``title`` the site's title follows the profile's `basics.name` at every build.
    """
    site_name = yaml_scalar(title) if title else f"{FOLLOW_NAME}  # or write your site's title"
    mkdocs_yml = _template("mkdocs.yml").replace("{{ site_name }}", site_name)
    return {
        "mkdocs.yml": mkdocs_yml,
        "hooks/site.py": _template("site.py"),
        f"profiles/{PROFILE_NAME}": starter_profile(name),
        f"profiles/{PRIVATE_NAME}": _template("private.yml"),
        "profiles/schema.json": schema_text(),
        "content/.gitkeep": "",
        ".gitignore": GITIGNORE,
    }


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def _open_dir(name: str, parent: int | None) -> Iterator[int]:
    """A folder's descriptor, creating the folder if needed; a symlink is refused (ELOOP or
    ENOTDIR from O_NOFOLLOW), whatever it points at."""
    with suppress(FileExistsError):
        os.mkdir(name, 0o777, dir_fd=parent)
    fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
    try:
        yield fd
    finally:
        os.close(fd)


def _write_under(root_fd: int, rel: str, text: str) -> None:
    *folders, filename = rel.split("/")
    if not folders:
        fd = os.open(filename, _FILE_FLAGS, 0o666, dir_fd=root_fd)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    with _open_dir(folders[0], root_fd) as sub:
        _write_under(sub, "/".join([*folders[1:], filename]), text)


def _symlinks(target: Path, rels: list[str]) -> list[str]:
    """Paths in the target (itself included) that are symlinks where the scaffold would
    create a folder or a file."""
    found = [str(target)] if target.is_symlink() else []
    for rel in rels:
        parts = Path(rel).parts
        for i in range(1, len(parts) + 1):
            path = target.joinpath(*parts[:i])
            if path.is_symlink() and str(path) not in found:
                found.append(str(path))
    return found


def create_site(target: Path, name: str | None = None, title: str | None = None) -> list[Path]:
    """Write the scaffold; refuses to overwrite anything the user already has and to write
    through a symlink."""
    files = scaffold_files(name, title)
    links = _symlinks(target, list(files))
    if links:
        raise UserError(
            f"{links[0]}: is a symlink; jobpacket new writes only real folders and files "
            "inside the target: choose a new folder (nothing was written)"
        )
    clashes = [rel for rel in files if os.path.lexists(target / rel)]
    if clashes:
        raise UserError(
            f"{target}: already has {', '.join(sorted(clashes))}; "
            "choose an empty or new folder (nothing was written)"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        root_fd = os.open(target, _DIR_FLAGS)
    except OSError as exc:
        raise UserError(f"{target}: cannot create the folder: {exc.strerror}") from None
    written = []
    try:
        for rel, text in files.items():
            try:
                _write_under(root_fd, rel, text)
            except OSError as exc:
                why = (
                    "a symlink or file appeared there while writing"
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EEXIST)
                    else exc.strerror
                )
                raise UserError(f"{target / rel}: cannot write: {why}") from None
            written.append(target / rel)
    finally:
        os.close(root_fd)
    return written


@dataclass(frozen=True)
class GitResult:
    """What `git init` did: a new repository, or why there is none."""

    created: bool
    message: str


def init_repository(target: Path) -> GitResult:
    """`git init` in the new site folder, so it is its own repository even when created
    inside another one. A missing git is reported, not fatal: the site works without it."""
    git = shutil.which("git")
    if git is None:
        return GitResult(False, "git not found: run `git init` in the folder before publishing")
    result = subprocess.run(
        [git, "init", "--quiet", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        why = result.stderr.strip().splitlines()[-1:] or ["unknown error"]
        return GitResult(False, f"git init failed: {why[0]}; run it yourself before publishing")
    return GitResult(True, f"initialised {target} as its own git repository")
