"""Rule `consistency`: the letter greets the contact and names this organization and position,
not another application's; a reconsideration request goes out within days."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, LETTER_BODY, at, findings, pos

APPS = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    contact:
      name: Ms. Joanna Whitfield
    status: {status}
    applied: "2026-10-01"
    decided: "2026-10-20"
    letter:
      kind: {kind}
      date: "{date}"
      greeting: {greeting}
      body: {body}
  - id: northgate
    organization: Northgate Logistics
    position: Analytics Engineer
"""


def app(**kw: str) -> str:
    values = {
        "status": "applied",
        "kind": "cover",
        "date": "2026-10-01",
        "greeting": "Dear Ms. Whitfield,",
        "body": LETTER_BODY,
    }
    return BASE + APPS.format(**(values | kw))


def test_a_letter_written_for_its_application_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, app(), "consistency") == []


def test_salutation_that_does_not_name_the_contact(tmp_path: Path) -> None:
    text = app(greeting="Dear Hiring Manager,")
    (problem,) = findings(tmp_path, text, "consistency")
    assert at(problem) == pos(text, "Dear Hiring Manager,")
    assert "Ms. Joanna Whitfield" in problem.message


def test_body_naming_another_applications_organization_is_an_error(tmp_path: Path) -> None:
    body = LETTER_BODY.replace("your merchandising team", "the team at Northgate Logistics")
    text = app(body=body)
    (problem,) = findings(tmp_path, text, "consistency")
    assert problem.severity == "error"
    assert at(problem) == pos(text, "Northgate Logistics")
    assert "another application" in problem.message


def test_body_that_never_names_the_organization_or_position(tmp_path: Path) -> None:
    body = LETTER_BODY.replace("the Senior Data Analyst position at Harbour Retail Group", "a job")
    text = app(body=body)
    problems = findings(tmp_path, text, "consistency")
    assert [p.message for p in problems] == [
        "the cover letter never names Harbour Retail Group",
        "the cover letter never names the position, Senior Data Analyst",
    ]
    assert {at(p) for p in problems} == {pos(text, "I am writing")}


def test_reconsideration_weeks_after_the_decision(tmp_path: Path) -> None:
    text = app(kind="reconsideration", status="reconsideration", date="2026-11-20")
    (problem,) = findings(tmp_path, text, "consistency")
    assert at(problem) == pos(text, '"2026-11-20"')
    assert "31 days after the decision" in problem.message
    assert findings(tmp_path, app(kind="reconsideration", date="2026-10-24"), "consistency") == []
