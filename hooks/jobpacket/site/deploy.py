"""`mkdocs gh-deploy` only from a site that is its own git repository.

gh-deploy commits site/ to a `gh-pages` branch and pushes it to the remote of the repository
it runs in. A site folder created inside another repository (a clone of jobpacket, a dotfiles
repository) would push that branch to the other project's remote: the user's portfolio on
someone else's Pages, or a stray branch in their fork. The MkDocs adapter calls
`own_repository_problem` before building for gh-deploy and stops with its message.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git_toplevel(folder: Path) -> Path | None:
    """The top folder of the git repository `folder` is in, or None outside any (or when
    git is missing)."""
    git = shutil.which("git")
    if git is None:
        return None
    result = subprocess.run(
        [git, "rev-parse", "--show-toplevel"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return Path(result.stdout.strip()).resolve()


def own_repository_problem(command: str | None, site_root: Path) -> str | None:
    """Why `command` must not run for the site at `site_root`, or None when it may.

    Only gh-deploy is concerned: build and serve write nothing outside the site folder.
    """
    if command != "gh-deploy":
        return None
    root = site_root.resolve()
    top = git_toplevel(root)
    if top is None:
        return (
            f"{root} is not a git repository, so gh-deploy has nowhere to push; run "
            f"`git init` there and `git remote add origin URL` (README, Publishing)"
        )
    if top != root:
        return (
            f"{root} is inside the git repository {top}, not a repository of its own: "
            "gh-deploy would push a gh-pages branch to that repository's remote. Make the "
            f"site its own repository (`cd {root} && git init`, then `git remote add origin "
            "URL`), or move it out of that repository (README, Publishing)"
        )
    return None
