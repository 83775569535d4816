"""The private overlay (profile/overlay.py): profiles/private.yml merged into the profile at
load, every message in the file that holds the value. `check` warning about private values
git tracks is in test_checks_tracked.py; `split-private` in test_profile_split.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.checks import run_checks
from jobpacket.errors import ProfileError
from jobpacket.profile.load import parse_text
from jobpacket.profile.overlay import merge_overlay, overlay_display, overlay_path
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


def test_a_cohort_folder_never_shares_one_overlay_between_people(tmp_path: Path) -> None:
    folder = site(tmp_path).parent
    (folder / "other.yml").write_text(PROFILE.replace("Ann", "Bob"), encoding="utf-8")
    result = run_cli("pdf", "resume", str(folder), "-o", str(tmp_path / "out"), process=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "private.yml: would be merged into each of the 2 profiles" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_overlay_is_the_private_yml_beside_the_profile_and_never_itself(
    tmp_path: Path,
) -> None:
    path = site(tmp_path)
    assert overlay_path(path) == path.parent / "private.yml"
    assert overlay_path(path.parent / "private.yml") is None
    (tmp_path / "alone").mkdir()
    assert overlay_path(site(tmp_path / "alone", private=None)) is None
    assert overlay_display("profiles/profile.yml") == "profiles/private.yml"
    assert overlay_display("profile.yml") == "private.yml"


def test_a_list_in_one_file_and_a_mapping_in_the_other_is_located_in_the_overlay() -> None:
    base = parse_text("basics:\n  name: Ann\nwork:\n  - name: Acme\n", "profile.yml")
    over = parse_text("work:\n  name: Quiet\n", "private.yml")
    merged = merge_overlay(base, over)
    (problem,) = merged.problems
    assert (problem.file, problem.line, problem.col) == ("private.yml", 1, 1)
    assert problem.message == (
        "is a mapping here but a list in profile.yml:4:3; write it the same way in both "
        "files, so the two merge"
    )
    assert merged.data["work"] == [{"name": "Acme"}]  # the profile's value is kept


def test_an_overlay_that_is_not_a_mapping_is_one_located_error(tmp_path: Path) -> None:
    path = site(tmp_path, private="- phone: '1'\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, "profiles/profile.yml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.col) == ("profiles/private.yml", 1, 1)
    assert problem.message.startswith("the top level is a list; a profile is a mapping")
