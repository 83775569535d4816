"""profile/errors.py: one finding value for every stage, printed as the one located line
`file:line:col: field: what is wrong; what to do`, with nothing in it that can forge a line
or drive the terminal. Whole messages through the CLI are in test_safety_messages.py."""

from __future__ import annotations

from jobpacket.errors import (
    Problem,
    ProfileError,
    errors_only,
    format_path,
    printable,
    shown,
)

TYPO = Problem(
    "p.yml", 3, 5, ("basics", "emial"), "unknown key 'emial'", "error", "schema",
    "did you mean 'email'?",
)  # fmt: skip
HTTP = Problem(
    "p.yml", 4, 8, ("basics", "url"), "uses http://", "warning", "contact", "use https://"
)


def test_a_validation_problem_reads_like_a_compiler_line() -> None:
    assert str(TYPO) == "p.yml:3:5: basics.emial: unknown key 'emial'; did you mean 'email'?"


def test_a_rules_finding_leads_with_its_level_and_rule_id() -> None:
    assert str(HTTP) == "p.yml:4:8: warning contact: basics.url: uses http://; use https://"
    no_field = Problem("p.yml", 1, 1, (), "empty file", "warning")
    assert str(no_field) == "p.yml:1:1: warning: empty file"


def test_field_paths_are_written_as_a_reader_navigates_them() -> None:
    assert format_path(("work", 2, "highlights", 0)) == "work[2].highlights[0]"
    assert format_path(()) == ""


def test_the_json_form_has_stable_fields() -> None:
    assert TYPO.as_json() == {
        "file": "p.yml",
        "line": 3,
        "column": 5,
        "level": "error",
        "rule": "schema",
        "field": "basics.emial",
        "message": "unknown key 'emial'",
        "hint": "did you mean 'email'?",
    }


def test_nothing_printed_can_forge_a_line_or_drive_the_terminal() -> None:
    assert printable("a\x1b[31mred\nline\u202e") == "a\\x1b[31mred\\nline\\u202e"
    assert printable("Zoë Ångström – ok") == "Zoë Ångström – ok"


def test_long_values_are_shortened_when_quoted() -> None:
    assert shown("ab") == "'ab'"
    assert len(shown("x" * 100)) < 100


def test_a_profile_error_carries_every_problem_and_errors_only_picks_errors() -> None:
    error = ProfileError([TYPO, HTTP])
    assert error.problems == [TYPO, HTTP]
    assert str(error).splitlines()[0] == str(TYPO)
    assert errors_only([TYPO, HTTP]) == [TYPO]
