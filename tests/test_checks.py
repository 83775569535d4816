"""Turning rules off: for the whole profile, for one entry, and unknown rule ids."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, at, findings, pos

WORK = """\
work:
  - name: Camden Foods
    highlights:
      - Built an awesome forecasting model.
  - name: Harbour Retail Group
    highlights:
      - Ran a totally new pricing trial.
"""


def test_without_disable_both_entries_are_flagged(tmp_path: Path) -> None:
    assert [p.message for p in findings(tmp_path, BASE + WORK, "tone")] == [
        "'awesome' is casual",
        "'totally' is casual",
    ]


def test_meta_checks_disable_turns_a_rule_off_for_the_profile(tmp_path: Path) -> None:
    text = BASE + WORK + "meta:\n  checks:\n    disable: [tone]\n"
    assert findings(tmp_path, text, "tone") == []


def test_entry_checks_disable_turns_a_rule_off_for_that_entry_only(tmp_path: Path) -> None:
    text = BASE + WORK.replace(
        "  - name: Camden Foods\n", "  - name: Camden Foods\n    checks:\n      disable: [tone]\n"
    )
    (problem,) = findings(tmp_path, text, "tone")
    assert at(problem) == pos(text, "totally")


def test_unknown_rule_id_is_a_located_warning_with_a_suggestion(tmp_path: Path) -> None:
    text = BASE + WORK + "meta:\n  checks:\n    disable: [tone, speling]\n"
    (problem,) = findings(tmp_path, text, "checks")
    assert (problem.severity, at(problem)) == ("warning", pos(text, "speling"))
    assert problem.hint == "did you mean 'spelling'?"


def test_errors_the_build_stops_on_cannot_be_disabled(tmp_path: Path) -> None:
    text = (
        BASE.replace("name: Priya Raman", 'name: ""')
        + "meta:\n  checks:\n    disable: [files, placeholders, spelling]\n"
    )
    (problem,) = findings(tmp_path, text, "required")
    assert problem.severity == "error"
    assert at(problem) == pos(text, '""')
