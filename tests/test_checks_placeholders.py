"""Rule `placeholders`: template text left in is an error, located at the text itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from .checks_support import BASE, LETTER_BODY, at, findings, pos

APP = """\
applications:
  - id: harbour-analyst
    organization: Harbour Retail Group
    position: Senior Data Analyst
    letter:
      kind: cover
      body: |
        {body}
"""


@pytest.mark.parametrize(
    "slot",
    [
        "[Company Name]",
        "[Hiring Manager's Name]",
        "[Position Name]",
        "TODO",
        "TBD",
        "$XX,000",
        "{company_name}",
        "XX",
    ],
)
def test_template_slot_in_a_letter_is_an_error_at_the_slot(tmp_path: Path, slot: str) -> None:
    body = LETTER_BODY.replace("Thank you", f"My salary expectation is {slot}. Thank you")
    text = BASE + APP.format(body=body)
    (problem,) = findings(tmp_path, text, "placeholders")
    assert problem.severity == "error"
    assert at(problem) == pos(text, slot)
    assert slot in problem.message
    assert problem.path == ("applications", 0, "letter", "body")


def test_lorem_ipsum_in_a_highlight(tmp_path: Path) -> None:
    text = BASE + "work:\n  - name: Camden Foods\n    highlights:\n      - Lorem ipsum dolor sit.\n"
    (problem,) = findings(tmp_path, text, "placeholders")
    assert at(problem) == pos(text, "Lorem ipsum")


def test_second_slot_in_a_multi_line_body_is_located_on_its_own_line(tmp_path: Path) -> None:
    body = LETTER_BODY + "\n\n        Regards to [Company Name] and [Company Name] again."
    text = BASE + APP.format(body=body)
    problems = findings(tmp_path, text, "placeholders")
    assert [at(p) for p in problems] == [
        pos(text, "[Company Name]", 0),
        pos(text, "[Company Name]", 1),
    ]


def test_real_text_passes(tmp_path: Path) -> None:
    body = LETTER_BODY + (
        " See [my portfolio](https://priyaraman.example.com), the [HTML] note and my paper"
        " on {Noisy} Labels (BibTeX braces keep the capital)."
    )
    text = BASE + APP.format(body=body)
    assert findings(tmp_path, text, "placeholders") == []
    # "todo" in lower case is a word (a to-do list), not a marker
    text = BASE + "work:\n  - name: Camden Foods\n    summary: Kept the team's todo list short.\n"
    assert findings(tmp_path, text, "placeholders") == []


def test_markdown_reference_links_and_images_are_not_slots(tmp_path: Path) -> None:
    summary = (
        '"Analyst.\\n\\n![Portrait](me.png)\\n\\n- [Forecasting][1] in retail\\n\\n'
        '[1]: https://priyaraman.example.com"'
    )
    text = BASE.replace(
        ">-\n    Data analyst with five years of experience in retail forecasting and reporting.",
        summary,
    )
    assert "[Forecasting][1]" in text
    assert findings(tmp_path, text, "placeholders") == []
