"""checks/letters.py, rule `letters`: what the print step would find in each letter of
each application, found by `check` first at the same line. The print step's own messages
are tested in test_print_letters.py."""

from __future__ import annotations

from pathlib import Path

from jobpacket.checks import letters
from jobpacket.profile.validate import load_profile

from .checks_support import pos

PROFILE = """\
basics:
  name: Ann Lee
  email: ann@example.org
applications:
  - id: acme
    organization: Acme
    position: Data engineer
    letter:
      body: |
        Hello.
        [[update]]
  - id: blank
    organization: Acme
    letter: {body: "  "}
  - id: later
    organization: Initech
    position: Analyst
    applied: "2026-01-10"
    letters:
      - {kind: cover, date: "2026-01-10"}
      - kind: reconsideration
        body: |
          Thank you.
          [[enclosure]]
  - id: propose
    organization: Initech
    letter: {kind: role-proposal}
"""


def test_every_letter_of_every_application_is_prepared_and_located(tmp_path: Path) -> None:
    path = tmp_path / "l.yml"
    path.write_text(PROFILE, encoding="utf-8")
    found = letters.check(load_profile(path, "l.yml"))
    assert [(p.rule, p.severity, p.path) for p in found] == [
        ("letters", "error", ("applications", 0, "letter", "body")),
        ("letters", "error", ("applications", 2, "letters", 1, "body")),
        ("letters", "error", ("applications", 3)),
    ]
    first, later, proposal = found
    # At the body's value (its `|`): the message names the line inside it.
    assert (first.line, first.col) == pos(PROFILE, "|")
    assert "line 2 of the body: [[update]] is not a block jobpacket knows; did you mean " in (
        first.message
    )
    assert (later.line, later.col) == pos(PROFILE, "|", 1)
    assert "[[enclosure]]" in later.message and "did you mean [[enclosures]]?" in later.message
    assert "a role-proposal letter names the other role; add alternateRole:" in proposal.message


def test_a_blank_body_is_left_to_the_required_rule(tmp_path: Path) -> None:
    path = tmp_path / "l.yml"
    path.write_text(PROFILE, encoding="utf-8")
    found = letters.check(load_profile(path, "l.yml"))
    assert not [p for p in found if p.path[:2] == ("applications", 1)]


def test_a_profile_whose_letters_are_assembled_has_no_finding(tmp_path: Path) -> None:
    path = tmp_path / "ok.yml"
    path.write_text(
        "basics: {name: Ann Lee}\napplications:\n  - id: acme\n    organization: Acme\n"
        "    position: Data engineer\n",
        encoding="utf-8",
    )
    assert letters.check(load_profile(path, "ok.yml")) == []
