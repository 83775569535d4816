"""checks/required.py, rule `required`: what the build needs to make the documents (a name, a
letter body that is not blank), found by `check` at the line the build would stop on, and
never turned off. The build refusing the same is tested in test_print_documents.py."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, findings, pos

LETTER = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    letter:
      kind: cover
      body: "   "
"""


def test_a_profile_with_a_name_and_no_blank_letter_needs_nothing(tmp_path: Path) -> None:
    assert findings(tmp_path, BASE, "required") == []


def test_a_missing_name_is_an_error_at_basics(tmp_path: Path) -> None:
    text = BASE.replace("  name: Priya Raman\n", "")
    (found,) = findings(tmp_path, text, "required")
    assert (found.severity, found.path) == ("error", ("basics", "name"))
    assert found.message == "printed documents need your name" and found.hint == "add basics.name"


def test_a_blank_name_is_located_at_its_value(tmp_path: Path) -> None:
    text = BASE.replace("  name: Priya Raman\n", '  name: " "\n')
    (found,) = findings(tmp_path, text, "required")
    assert (found.line, found.col) == pos(text, '" "')


def test_a_blank_letter_body_is_an_error_an_absent_one_is_assembled(tmp_path: Path) -> None:
    text = BASE + LETTER
    (found,) = findings(tmp_path, text, "required")
    assert found.path == ("applications", 0, "letter", "body")
    assert (found.line, found.col) == pos(text, '"   "')
    assert "write the cover letter in Markdown under letter.body" in found.hint
    assert findings(tmp_path, BASE + LETTER.replace('      body: "   "\n', ""), "required") == []


def test_it_cannot_be_turned_off(tmp_path: Path) -> None:
    text = BASE.replace("  name: Priya Raman\n", "") + "meta:\n  checks:\n    disable: [required]\n"
    assert [p.rule for p in findings(tmp_path, text) if p.severity == "error"] == ["required"]
