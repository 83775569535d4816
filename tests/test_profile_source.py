"""Where each value came from (profile/source.py): a field path becomes file:line:col, in the
file that wrote it, or at its nearest located ancestor."""

from __future__ import annotations

from pathlib import Path

from jobpacket.profile.read import read_file
from jobpacket.profile.source import SourceMap

from .conftest import EXAMPLE

PROFILE = """\
basics:
  name: Ann Lee
  email: ann@example.org
work:
  - name: Harbour Analytics
    position: Data Engineer
    highlights:
      - Cut the nightly load from 4 h to 40 min
"""


def test_values_and_keys_are_located(write_profile) -> None:
    source = read_file(write_profile(PROFILE), "p.yml").source
    assert source.locate(("basics", "email")) == (3, 10)
    assert source.locate(("basics", "email"), key=True) == (3, 3)
    assert source.locate(("work", 0, "highlights", 0)) == (8, 9)


def test_a_missing_field_points_at_its_nearest_ancestor(write_profile) -> None:
    source = read_file(write_profile(PROFILE), "p.yml").source
    assert source.locate(("work", 0, "endDate")) == source.locate(("work", 0))
    assert source.locate(("work", 0, "endDate")) != (1, 1)
    assert source.locate(("projects", 3, "name")) == (1, 1)


def test_a_problem_carries_file_position_rule_and_severity(write_profile) -> None:
    source = read_file(write_profile(PROFILE), "p.yml").source
    problem = source.problem(
        ("work", 0, "position"), "is vague", severity="warning", rule="tone", hint="name the role"
    )
    assert (problem.file, problem.line, problem.col) == ("p.yml", 6, 15)
    assert (problem.severity, problem.rule, problem.hint) == ("warning", "tone", "name the role")
    assert str(problem).startswith("p.yml:6:15: warning tone: work[0].position: is vague")


def test_a_field_written_in_an_overlay_is_located_in_the_overlay(tmp_path: Path) -> None:
    main = read_file(EXAMPLE, "example.yml").source
    overlay = SourceMap("private.yml", values={("applications", 0, "contact", "mobile"): (4, 12)})
    main.overlays.append(overlay)
    assert main.origin(("applications", 0, "contact", "mobile")) is overlay
    assert main.problem(("applications", 0, "contact", "mobile"), "x").file == "private.yml"
    assert main.origin(("basics", "name")) is main
    assert main.problem(("basics", "name"), "x").file == "example.yml"
