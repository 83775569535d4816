"""Which findings a profile turns off (profile/disabled.py): for the whole profile or for one
entry, never validation and never an error the build would stop on."""

from __future__ import annotations

from pathlib import Path

from jobpacket.errors import Problem
from jobpacket.profile.disabled import apply_disable, disabled_for, item_paths
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE

PROFILE = """\
basics:
  name: Ann Lee
  profiles:
    - network: GitHub
      username: annlee
work:
  - name: Harbour Analytics
    position: Data Engineer
    checks:
      disable: [tone, spelling]
  - name: Tidewater Logistics
    position: Analyst
meta:
  checks:
    disable: [length]
"""


def _finding(path: tuple, rule: str, severity: str = "warning") -> Problem:
    return Problem("p.yml", 1, 1, path, "x", severity, rule)  # type: ignore[arg-type]


def test_the_profile_and_each_entry_name_what_they_turn_off(write_profile) -> None:
    loaded = load_profile(write_profile(PROFILE), "p.yml")
    profile_wide, per_item = disabled_for(loaded)
    assert profile_wide == {"length"}
    assert per_item == {("work", 0): {"tone", "spelling"}}
    example_wide, _ = disabled_for(load_profile(EXAMPLE))
    assert example_wide == {"private"}


def test_findings_are_dropped_for_the_profile_or_inside_their_entry(write_profile) -> None:
    loaded = load_profile(write_profile(PROFILE), "p.yml")
    kept = apply_disable(
        loaded,
        [
            _finding(("basics", "name"), "length"),  # off everywhere
            _finding(("work", 0, "position"), "tone"),  # off in work[0]
            _finding(("work", 1, "position"), "tone"),  # work[1] keeps it
            _finding(("work",), "tone"),  # the list itself is not inside work[0]
            _finding(("work", 0, "name"), "dates"),  # a rule not turned off
        ],
    )
    assert [(p.path, p.rule) for p in kept] == [
        (("work", 1, "position"), "tone"),
        (("work",), "tone"),
        (("work", 0, "name"), "dates"),
    ]


def test_validation_and_build_errors_cannot_be_turned_off(tmp_path: Path) -> None:
    text = PROFILE.replace("disable: [length]", "disable: [length, required, files, letters]")
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_profile(path, "p.yml")
    findings = [
        _finding(("basics",), "schema", "error"),
        _finding(("basics",), "required", "error"),
        _finding(("work", 0), "files", "error"),
        _finding(("work", 0), "files", "warning"),  # only its errors stop the build
        _finding(("applications",), "letters", "error"),
    ]
    kept = apply_disable(loaded, findings)
    assert [(p.rule, p.severity) for p in kept] == [
        ("schema", "error"),
        ("required", "error"),
        ("files", "error"),
        ("letters", "error"),
    ]


def test_item_paths_walks_every_list_entry_of_the_profile(write_profile) -> None:
    loaded = load_profile(write_profile(PROFILE), "p.yml")
    paths = [path for path, _ in item_paths(loaded.profile)]
    assert ("basics", "profiles", 0) in paths
    assert ("work", 0) in paths and ("work", 1) in paths
    assert all(isinstance(p[-1], int) for p in paths)
