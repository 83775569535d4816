"""Rule `private`: a private value in a file that git tracks (a warning).

"Nothing private reaches the public site" holds for what jobpacket builds; the source
repository is another matter. `git push` publishes every file git tracks, and GitHub Pages
on a free account serves only public repositories. So phone, street address, applications
(with their compensation and notes), references' contacts, `notes` and entries marked
`visibility: private` belong in the private overlay (profiles/private.yml, git-ignored by
`jobpacket new`), and this rule says where one sits in a tracked file instead.

Its answer depends on git's index, not only on the profile, so it is never cached with the
other rules' findings (checks/__init__.py runs it on every call).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ..errors import FieldPath, Problem
from ..profile.disabled import item_paths
from ..profile.overlay import PRIVATE_NAME
from ..profile.validate import LoadedProfile
from ..profile.values import is_private
from .where import finding

RULE = "private"


def is_tracked(path: Path) -> bool:
    """Whether git tracks `path` (False outside a repository or without git)."""
    git = shutil.which("git")
    if git is None or not path.is_file():
        return False
    result = subprocess.run(
        [git, "ls-files", "--error-unmatch", "--", path.name],
        cwd=path.parent,
        capture_output=True,
        check=False,
        timeout=60,
    )
    return result.returncode == 0


def private_paths(loaded: LoadedProfile) -> Iterator[tuple[FieldPath, str]]:
    """Every private value of the profile, with what it is."""
    profile = loaded.profile
    basics = profile.basics
    if basics.phone:
        yield ("basics", "phone"), "your phone number"
    if basics.location is not None and basics.location.address:
        yield ("basics", "location", "address"), "your street address"
    for i, _ in enumerate(profile.applications):
        yield ("applications", i), "an application (with its notes and compensation)"
    for i, ref in enumerate(profile.references):
        for key in ("email", "phone"):
            if getattr(ref, key):
                yield ("references", i, key), f"a reference's {key}"
    for path, item in item_paths(profile):
        if path[0] == "applications":
            continue  # reported whole above
        if getattr(item, "notes", None):
            yield (*path, "notes"), "private notes"
        if is_private(item):
            yield path, "an entry marked `visibility: private`"


def check(loaded: LoadedProfile) -> list[Problem]:
    source = loaded.source
    tracked = is_tracked(loaded.path)
    overlay = loaded.path.parent / PRIVATE_NAME
    out: list[Problem] = []
    if overlay.is_file() and is_tracked(overlay):
        out.append(
            Problem(
                next((o.file for o in source.overlays), PRIVATE_NAME),
                1,
                1,
                (),
                f"{PRIVATE_NAME} is tracked by git, so `git push` publishes it",
                "warning",
                RULE,
                f"`git rm --cached {overlay.name}` and add it to .gitignore",
            )
        )
    if not tracked:
        return out
    for path, what in private_paths(loaded):
        if source.origin(path) is not source:
            continue  # in the overlay already
        out.append(
            finding(
                loaded,
                RULE,
                path,
                f"{what} is in a file git tracks; `git push` publishes it",
                hint=f"move it to {PRIVATE_NAME} beside the profile, which git ignores "
                "(`jobpacket split-private` moves phone, address, applications and references)",
                key=True,
            )
        )
    return out
