"""Rule `length`: a letter body far too short or too long, counted in words."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, LETTER_BODY, at, findings, pos

APP = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    letter:
      body: {body}
"""


def test_a_full_letter_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, BASE + APP.format(body=LETTER_BODY), "length") == []


def test_a_two_line_letter_is_far_too_short(tmp_path: Path) -> None:
    text = BASE + APP.format(body="Please consider me for the Senior Data Analyst role.")
    (problem,) = findings(tmp_path, text, "length")
    assert at(problem) == pos(text, "Please consider")
    assert "9 words, far too short" in problem.message


def test_a_letter_of_five_pages_is_far_too_long(tmp_path: Path) -> None:
    text = BASE + APP.format(body=" ".join([LETTER_BODY] * 6))
    (problem,) = findings(tmp_path, text, "length")
    assert at(problem) == pos(text, "I am writing")
    assert "more than one page holds" in problem.message
