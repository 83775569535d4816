"""The private overlay: profiles/private.yml merged into the profile at load, every message
in the file that holds the value, and `check` warning about private values git tracks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobpacket.checks import run_checks
from jobpacket.errors import ProfileError
from jobpacket.profile.validate import load_profile

from .conftest import run_cli

PROFILE = """\
basics:
  name: Ann Example
  email: ann@example.org
  location: {city: Leeds, countryCode: GB}
work:
  - name: Acme
    position: Data engineer
    startDate: "2022-03"
    highlights: [Cut the nightly pipeline from four hours to twenty minutes.]
"""
PRIVATE = """\
basics:
  phone: "+44 113 496 0718"
  location: {address: 1 Park Row}
work:
  - name: Quiet Analytics
    position: Analyst
    startDate: "2019-01"
    endDate: "2021-12"
applications:
  - id: acme-lead
    organization: Acme
    position: Lead engineer
    notes: Salary target 60k.
"""


def site(tmp_path: Path, profile: str = PROFILE, private: str | None = PRIVATE) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / "profile.yml").write_text(profile, encoding="utf-8")
    if private is not None:
        (folder / "private.yml").write_text(private, encoding="utf-8")
    return folder / "profile.yml"


def test_values_from_both_files_make_one_profile(tmp_path: Path) -> None:
    loaded = load_profile(site(tmp_path), "profiles/profile.yml")
    p = loaded.profile
    assert p.basics.name == "Ann Example" and p.basics.phone == "+44 113 496 0718"
    assert p.basics.location is not None
    assert (p.basics.location.city, p.basics.location.address) == ("Leeds", "1 Park Row")
    assert [w.name for w in p.work] == ["Acme", "Quiet Analytics"]  # appended
    assert [a.id for a in p.applications] == ["acme-lead"]
    # Each value is located in its own file, the overlay's list items renumbered.
    assert loaded.source.origin(("basics", "name")).file == "profiles/profile.yml"
    assert loaded.source.origin(("basics", "phone")).file == "profiles/private.yml"
    assert loaded.source.origin(("work", 1, "endDate")).locate(("work", 1, "endDate")) == (8, 14)
    assert loaded.source.origin(("work", 0, "name")).file == "profiles/profile.yml"


def test_without_an_overlay_nothing_changes(tmp_path: Path) -> None:
    loaded = load_profile(site(tmp_path, private=None))
    assert loaded.source.overlays == [] and loaded.profile.basics.phone is None


def test_errors_point_into_the_file_that_holds_the_value(tmp_path: Path) -> None:
    bad = PRIVATE.replace('endDate: "2021-12"', 'endDate: "2021-13"')
    with pytest.raises(ProfileError) as caught:
        load_profile(site(tmp_path, private=bad), "profiles/profile.yml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.col) == ("profiles/private.yml", 8, 14)
    assert problem.path == ("work", 1, "endDate")


def test_a_value_in_both_files_is_an_error_in_the_overlay(tmp_path: Path) -> None:
    twice = PRIVATE.replace("basics:\n", "basics:\n  email: other@example.org\n")
    result = run_cli("check", "profiles/profile.yml", cwd=site(tmp_path, private=twice).parents[1])
    assert result.returncode == 1
    assert (
        "profiles/private.yml:2:3: basics.email: is also set in profiles/profile.yml:3:10; "
        "keep each value in one file" in result.stderr
    )


def test_proofreading_findings_in_the_overlay_are_located_there(tmp_path: Path) -> None:
    todo = PRIVATE.replace("position: Lead engineer", "position: Lead engineer TODO")
    loaded = load_profile(site(tmp_path, private=todo), "profiles/profile.yml")
    found = [p for p in run_checks(loaded) if p.rule == "placeholders"]
    assert [(p.file, p.line, p.col) for p in found] == [("profiles/private.yml", 12, 29)]


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


def test_a_cohort_folder_never_shares_one_overlay_between_people(tmp_path: Path) -> None:
    folder = site(tmp_path).parent
    (folder / "other.yml").write_text(PROFILE.replace("Ann", "Bob"), encoding="utf-8")
    result = run_cli("pdf", "resume", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "private.yml: would be merged into each of the 2 profiles" in result.stderr
    assert not (tmp_path / "out").exists()


# --- moving an existing profile's private parts into the overlay ---------------------------


def test_split_private_round_trips_the_example(tmp_path: Path) -> None:
    from .conftest import EXAMPLE

    before = load_profile(EXAMPLE).profile.model_dump()
    folder = tmp_path / "profiles"
    folder.mkdir()
    path = folder / "profile.yml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    assert "moved applications, references, basics.phone, basics.location.address" in (
        result.stderr
    )
    after = load_profile(path)
    assert after.profile.model_dump() == before  # the merged profile is unchanged
    public = path.read_text(encoding="utf-8")
    for gone in ("412-555-0147", "1820 Murray Avenue", "applications:", "Rachel Donnelly"):
        assert gone not in public, gone
    private = (folder / "private.yml").read_text(encoding="utf-8")
    assert "    address: 1820 Murray Avenue, Apt 3\n" in private
    # Messages about moved values now point into private.yml.
    assert after.source.origin(("applications", 0, "id")).file.endswith("private.yml")
    again = run_cli("split-private", "--profile", str(path))
    assert again.returncode == 1 and "already holds values" in again.stderr


def test_split_private_leaves_what_it_cannot_move_as_typed(tmp_path: Path) -> None:
    flow = PROFILE.replace("location: {city: Leeds", "location: {address: 1 Park Row, city: Leeds")
    flow += "applications:\n  - id: a\n    organization: Acme # keep\n"
    path = site(tmp_path, profile=flow, private="# mine\napplications: []\n")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    assert "left in" in result.stderr and "basics.location.address" in result.stderr
    assert "1 Park Row" in path.read_text(encoding="utf-8")
    private = (path.parent / "private.yml").read_text(encoding="utf-8")
    assert private == "# mine\n\napplications:\n  - id: a\n    organization: Acme # keep\n"
    assert [a.id for a in load_profile(path).profile.applications] == ["a"]


def test_split_private_refuses_json(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"basics": {"name": "A", "phone": "1"}}', encoding="utf-8")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 1 and "edits YAML profiles" in result.stderr
    assert "Traceback" not in result.stderr
