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
    assert "nothing in the profile is dated since the decision" in problem.message
    assert findings(tmp_path, app(kind="reconsideration", date="2026-10-24"), "consistency") == []


CERTIFICATE = """\
certificates:
  - name: Google Data Analytics Professional Certificate
    issuer: Google
    date: "{date}"
"""


def test_a_late_reconsideration_is_fine_when_something_is_new_since_the_decision(
    tmp_path: Path,
) -> None:
    """DOMAIN.md: later is still right when something significant has changed since the
    decision; the seed's own scenario must not warn (nor fail `mkdocs build --strict`)."""
    late = app(kind="reconsideration", status="rejected", date="2026-11-20")
    new = late.replace("applications:", CERTIFICATE.format(date="2026-11-05") + "applications:")
    assert findings(tmp_path, new, "consistency") == []
    # Dated after the decision but after the letter too: not something the letter can report.
    after = late.replace("applications:", CERTIFICATE.format(date="2026-12-05") + "applications:")
    (problem,) = findings(tmp_path, after, "consistency")
    assert "nothing in the profile is dated since the decision" in problem.message
    # Dated before the decision: old news, so the late request still warns.
    old = late.replace("applications:", CERTIFICATE.format(date="2026-10-10") + "applications:")
    assert len(findings(tmp_path, old, "consistency")) == 1


FOLLOW_UP = (
    "I am writing to follow up on my application for the Senior Data Analyst position at "
    "Harbour Retail Group. Since I applied I have earned the Google Data Analytics "
    "certificate and shipped a demand forecasting model for Camden Foods."
)


def test_a_follow_up_after_a_rejection_acknowledges_the_decision(tmp_path: Path) -> None:
    text = app(kind="follow-up", status="rejected", date="2026-11-03", body=FOLLOW_UP)
    (problem,) = findings(tmp_path, text, "consistency")
    assert at(problem) == pos(text, "I am writing to follow up")
    assert problem.message == (
        "the follow-up letter never acknowledges the decision on the application (2026-10-20)"
    )
    thanked = "Thank you for letting me know your decision. " + FOLLOW_UP
    ok = app(kind="follow-up", status="rejected", date="2026-11-03", body=thanked)
    assert findings(tmp_path, ok, "consistency") == []
    # Still waiting for a decision: nothing to acknowledge.
    waiting = app(kind="follow-up", status="applied", date="2026-11-03", body=FOLLOW_UP)
    assert findings(tmp_path, waiting, "consistency") == []


def test_a_follow_up_in_another_language_is_not_held_to_english_words(tmp_path: Path) -> None:
    """The acknowledging words are English: a letter in an application's own language
    (`applications[].lang`) is not judged by them, as under meta.lang."""
    body = (
        "ich möchte mich noch einmal für das Gespräch bei der Harbour Retail Group bedanken "
        "und Ihnen berichten, "
        "dass ich inzwischen die Zertifizierung als Data Engineer abgeschlossen habe."
    )
    text = app(
        kind="follow-up",
        status="rejected",
        date="2026-11-03",
        body=body,
        greeting="Sehr geehrte Frau Whitfield,",
    ).replace("    status: rejected\n", "    lang: de\n    status: rejected\n")
    assert findings(tmp_path, text, "consistency") == []
    english = text.replace("    lang: de\n", "")
    assert [p.rule for p in findings(tmp_path, english, "consistency")] == ["consistency"]
