"""checks/tracked.py, rule `private`: a private value in a file git tracks is a warning,
located where it is written; the overlay itself, once committed, is one too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from jobpacket.checks.tracked import is_tracked, private_paths
from jobpacket.profile.validate import load_profile

from .conftest import run_cli
from .test_profile_overlay import PRIVATE, PROFILE, site


def test_private_paths_names_every_private_value_of_the_merged_profile(tmp_path: Path) -> None:
    text = PROFILE + (
        "references:\n  - name: Bo Lee\n    email: bo@example.org\n"
        "projects:\n  - name: Internal tool\n    visibility: private\n"
        "  - name: Public tool\n    notes: ask Bo first\n"
    )
    loaded = load_profile(site(tmp_path, profile=text), "profiles/profile.yml")
    assert list(private_paths(loaded)) == [
        (("basics", "phone"), "your phone number"),
        (("basics", "location", "address"), "your street address"),
        (("applications", 0), "an application (with its notes and compensation)"),
        (("references", 0, "email"), "a reference's email"),
        (("projects", 0), "an entry marked `visibility: private`"),
        (("projects", 1, "notes"), "private notes"),
    ]


def test_is_tracked_answers_from_gits_index(tmp_path: Path) -> None:
    path = site(tmp_path, private=None)
    assert not is_tracked(path)  # no repository
    _git("init", "-q", cwd=tmp_path)
    assert not is_tracked(path)  # not added
    _git("add", "profiles/profile.yml", cwd=tmp_path)
    assert is_tracked(path)
    assert not is_tracked(path.parent / "missing.yml")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_check_warns_about_private_values_git_tracks(tmp_path: Path) -> None:
    root = tmp_path
    leaky = PROFILE.replace("  email:", '  phone: "+44 113 496 0000"\n  email:')
    site(root, profile=leaky, private=PRIVATE.replace('  phone: "+44 113 496 0718"\n', ""))
    _git("init", "-q", cwd=root)
    untracked = run_cli("check", "profiles/profile.yml", cwd=root)
    assert "warning private" not in untracked.stderr  # nothing tracked yet
    _git("add", "profiles/profile.yml", cwd=root)
    tracked = run_cli("check", "profiles/profile.yml", cwd=root)
    lines = [x for x in tracked.stderr.splitlines() if "warning private" in x]
    assert lines == [
        "profiles/profile.yml:3:3: warning private: basics.phone: your phone number is in a "
        "file git tracks; `git push` publishes it; move it to private.yml beside the profile, "
        "which git ignores (`jobpacket split-private` moves phone, address, applications and "
        "references)"
    ]
    # The overlay's own private values are where they belong: no warning about them...
    assert "applications[" not in tracked.stderr
    # ...until the overlay itself is committed.
    _git("add", "-f", "profiles/private.yml", cwd=root)
    both = run_cli("check", "profiles/profile.yml", cwd=root)
    assert "profiles/private.yml:1:1: warning private: private.yml is tracked by git" in (
        both.stderr
    )
    off = run_cli("check", "profiles/profile.yml", "--disable", "private", cwd=root)
    assert "warning private" not in off.stderr
