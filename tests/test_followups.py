"""followups.py: the follow-up schedule, its findings and the `followups` command. The
calendar is tested in test_followups_ics.py, `status` in test_readiness.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
import pytest

from jobpacket.errors import ProfileError
from jobpacket.followups import followup_findings
from jobpacket.profile.model import Application
from jobpacket.profile.schedule import Period, schedule_for, schedules
from jobpacket.profile.validate import load_profile

from .conftest import run_cli

# A second candidate, unlike the example: a nurse informaticist with five applications in
# every state the schedule knows.
PROFILE = """\
basics:
  name: Priya Raman
  label: Clinical Informatics Nurse
  email: priya.raman@example.net
  phone: "+44 20 7946 0321"
certificates:
  - name: Epic Ambulatory Proficiency
    issuer: Epic Systems
    date: "2026-02-20"
  - name: Certified Professional in Healthcare Information and Management Systems
    issuer: HIMSS
    date: "2026-04-02"
references:
  - name: Gwen Adeyemi
    title: Chief Nursing Information Officer
    letter:
      status: requested
      requested: "2026-03-10"
  - name: Tomas Lindqvist
    letter:
      status: received
      requested: "2026-02-01"
      received: "2026-02-14"
applications:
  - id: st-brendan-informatics-lead
    organization: St Brendan's Hospital
    position: Nursing Informatics Lead
    contact:
      name: Dr. Helen Marsh
      title: Director of Nursing
      email: h.marsh@stbrendans.example.org
    applied: "2026-01-15"
    status: rejected
    decided: "2026-03-09"
    letter:
      kind: cover
      date: "2026-01-15"
      body: I am applying for the Nursing Informatics Lead role.
    followUp:
      every: 1m
      maxAttempts: 3
  - id: northgate-ehr-analyst
    organization: Northgate Health Trust
    position: EHR Clinical Analyst
    contact:
      name: Sam Okoro
      email: sam.okoro@northgate.example.org
    applied: "2026-02-02"
    status: interviewing
    letter:
      kind: cover
      date: "2026-02-02"
      body: I am applying for the EHR Clinical Analyst role.
    followUp:
      every: 2w
      maxAttempts: 4
      log:
        - date: "2026-03-01"
          channel: phone
          note: Asked about the second interview.
        - date: "2026-02-16"
          note: Thanked the panel.
    attachments:
      - path: missing-portfolio.pdf
        title: Portfolio
  - id: riverside-telehealth
    organization: Riverside Telehealth
    position: Telehealth Nurse Coordinator
    applied: "2026-01-05"
    status: accepted
    decided: "2026-02-10"
    followUp:
      log:
        - date: "2026-01-20"
  - id: kings-cross-clinic
    organization: Kings Cross Clinic
    position: Practice Nurse
    applied: "2026-03-01"
    status: withdrawn
  - id: harbour-digital-health
    organization: Harbour Digital Health
    position: Clinical Safety Officer
    status: draft
meta:
  lastModified: "2026-03-20T10:30:00Z"
"""


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def _app(**fields: object) -> Application:
    return Application.model_validate({"id": "x-role", "status": "applied", **fields})


def _dates(app: Application, today: date = date(2000, 1, 1)) -> list[str]:
    return [i.date.isoformat() for i in schedule_for(0, app, today).items]


# --- arithmetic ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "start", "times", "expected"),
    [
        ("14d", date(2026, 10, 20), 1, date(2026, 11, 3)),
        ("2w", date(2026, 10, 20), 2, date(2026, 11, 17)),
        ("1m", date(2026, 10, 20), 1, date(2026, 11, 20)),
        ("1m", date(2027, 1, 31), 1, date(2027, 2, 28)),  # clamped to the month's end
        ("1m", date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        ("1m", date(2027, 1, 31), 2, date(2027, 3, 31)),  # counted from the start: no drift
        ("1m", date(2026, 12, 15), 1, date(2027, 1, 15)),  # across the year
        ("3m", date(2026, 11, 30), 1, date(2027, 2, 28)),
    ],
)
def test_period_arithmetic(every: str, start: date, times: int, expected: date):
    assert Period.parse(every).after(start, times) == expected


def test_schedule_counts_every_period_from_applied():
    app = _app(applied="2026-10-20", followUp={"every": "2w", "maxAttempts": 3})
    assert _dates(app) == ["2026-11-03", "2026-11-17", "2026-12-01"]
    monthly = _app(applied="2027-01-31", followUp={"every": "1m", "maxAttempts": 3})
    assert _dates(monthly) == ["2027-02-28", "2027-03-31", "2027-04-30"]


def test_default_settings_apply_without_followup_key():
    assert _dates(_app(applied="2026-05-01")) == ["2026-05-15", "2026-05-29", "2026-06-12"]


def test_logged_contacts_are_done_attempts_and_move_the_rest():
    app = _app(
        applied="2026-10-20",
        followUp={
            "every": "2w",
            "maxAttempts": 3,
            "log": [{"date": "2026-11-05", "channel": "phone"}],
        },
    )
    sched = schedule_for(0, app, date(2026, 11, 10))
    assert [(i.attempt, i.date.isoformat(), i.state) for i in sched.items] == [
        (1, "2026-11-05", "done"),
        (2, "2026-11-19", "planned"),
        (3, "2026-12-03", "planned"),
    ]
    assert sched.items[0].logged is not None and sched.items[0].logged.channel == "phone"
    assert sched.next is not None and sched.next.attempt == 2


def test_log_is_taken_in_date_order_and_the_latest_contact_counts():
    # northgate: log written out of order; the latest (Mar 1) sets the rhythm
    sched = schedules(_profile(), date(2026, 3, 20))[1]
    assert [(i.attempt, i.date.isoformat(), i.state) for i in sched.items] == [
        (1, "2026-02-16", "done"),
        (2, "2026-03-01", "done"),
        (3, "2026-03-15", "overdue"),
        (4, "2026-03-29", "planned"),
    ]


def test_stops_at_max_attempts():
    log = [{"date": d} for d in ("2026-11-01", "2026-11-15", "2026-11-29")]
    app = _app(applied="2026-10-20", followUp={"every": "2w", "maxAttempts": 3, "log": log})
    sched = schedule_for(0, app, date(2026, 12, 30))
    assert [i.state for i in sched.items] == ["done"] * 3
    assert sched.next is None and sched.stopped == "max attempts"
    assert _dates(_app(applied="2026-10-20", followUp={"maxAttempts": 0})) == []


@pytest.mark.parametrize("status", ["accepted", "withdrawn"])
def test_final_status_stops_the_schedule_but_keeps_the_log(status: str):
    app = _app(applied="2026-01-05", status=status, followUp={"log": [{"date": "2026-01-20"}]})
    sched = schedule_for(0, app, date(2026, 1, 21))
    assert [(i.date.isoformat(), i.state) for i in sched.items] == [("2026-01-20", "done")]
    assert sched.stopped == status


def test_draft_has_no_follow_ups_and_offer_still_has():
    assert schedule_for(0, _app(status="draft", applied="2026-01-05"), date.min).items == ()
    assert _dates(_app(status="offer", applied="2026-01-05", decided="2026-02-01"))[0] == (
        "2026-02-15"
    )


def test_rejection_is_answered_within_days_then_the_rhythm_resumes():
    sched = schedules(_profile(), date(2026, 3, 12))[0]
    assert [(i.date.isoformat(), i.state, i.reason) for i in sched.items] == [
        ("2026-03-12", "due", "rejection"),
        ("2026-04-12", "planned", "every 1m"),
        ("2026-05-12", "planned", "every 1m"),
    ]
    # A reconsideration letter dated after the decision is the answer: no quick follow-up.
    answered = _app(
        applied="2026-01-15",
        status="rejected",
        decided="2026-03-09",
        letter={"kind": "reconsideration", "date": "2026-03-11", "body": "Please reconsider."},
        followUp={"every": "1m", "maxAttempts": 2},
    )
    assert _dates(answered) == ["2026-04-11", "2026-05-11"]


@pytest.mark.parametrize(
    ("today", "state"),
    [(date(2026, 11, 2), "planned"), (date(2026, 11, 3), "due"), (date(2026, 11, 4), "overdue")],
)
def test_state_relative_to_today_at_the_boundary(today: date, state: str):
    app = _app(applied="2026-10-20", followUp={"every": "14d", "maxAttempts": 1})
    assert [i.state for i in schedule_for(0, app, today).items] == [state]


def test_partial_applied_date_counts_from_the_first_day():
    assert _dates(_app(applied="2026-10", followUp={"every": "1m", "maxAttempts": 1})) == [
        "2026-11-01"
    ]


# --- validation and findings -----------------------------------------------------------------


def _profile():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.yml"
        path.write_text(PROFILE, encoding="utf-8")
        return load_profile(path, "profile.yml").profile


def test_log_date_before_applied_is_a_located_error(tmp_path: Path):
    text = PROFILE.replace('- date: "2026-02-16"', '- date: "2026-01-16"')
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, "bad.yml")
    [problem] = caught.value.problems
    line = text.splitlines().index('        - date: "2026-01-16"') + 1
    assert (problem.line, problem.col) == (line, 17)
    assert problem.path == ("applications", 1, "followUp", "log", 1, "date")
    assert "before the application (2026-02-02)" in problem.message
    result = run_cli("check", str(path), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"bad.yml:{line}:17: applications[1].followUp.log[1].date: contact on" in result.stderr


def test_bad_channel_is_a_located_error(tmp_path: Path):
    text = PROFILE.replace("channel: phone", "channel: pigeon")
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, "bad.yml")
    [problem] = caught.value.problems
    assert problem.path == ("applications", 1, "followUp", "log", 0, "channel")
    assert "'pigeon' is not allowed here" in problem.message


def test_followup_findings_are_info_located_at_followup(profile_file: Path):
    loaded = load_profile(profile_file, "profile.yml")
    found = followup_findings(loaded, date(2026, 3, 20))
    # St Brendan's answer (Mar 12) and Northgate's third attempt (Mar 15) are overdue.
    assert [p.path for p in found] == [
        ("applications", 0, "followUp"),
        ("applications", 1, "followUp"),
    ]
    assert {p.severity for p in found} == {"info"}
    assert found[0].line == PROFILE.splitlines().index("    followUp:") + 1
    assert "follow-up 1 of 3 was due 2026-03-12 (8 days ago)" in found[0].message
    assert "Dr. Helen Marsh" in found[0].message
    assert followup_findings(loaded, date(2026, 3, 12)) == []  # due today is not past it


def test_followup_finding_without_followup_key_points_at_applied(tmp_path: Path):
    path = tmp_path / "p.yml"
    path.write_text(
        "applications:\n  - id: a-role\n    status: applied\n    applied: '2020-01-01'\n",
        encoding="utf-8",
    )
    [problem] = followup_findings(load_profile(path, "p.yml"), date(2020, 2, 1))
    assert (problem.line, problem.col, problem.severity) == (4, 5, "info")


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


# --- the commands ----------------------------------------------------------------------------


def test_followups_table_via_the_cli(profile_file: Path, tmp_path: Path):
    ics = tmp_path / "out" / "f.ics"
    result = run_cli(
        "followups",
        "--today",
        "2026-03-20",
        "--profile",
        str(profile_file),
        "--ics",
        str(ics),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NEXT", "STATE", "TRY", "APPLICATION", "CONTACT", "NEW"]
    rows = [line for line in lines if line[:4].isdigit()]
    assert [r.split()[:4] for r in rows] == [
        ["2026-03-12", "overdue", "1/3", "st-brendan-informatics-lead"],
        ["2026-03-15", "overdue", "3/4", "northgate-ehr-analyst"],
    ]
    assert "Dr. Helen Marsh" in rows[0] and rows[0].endswith("  0")
    # columns line up: every row's APPLICATION and CONTACT start where the header's do
    app_col, contact_col = lines[0].index("APPLICATION"), lines[0].index("CONTACT")
    assert [r[app_col:].split()[0] for r in rows] == [
        "st-brendan-informatics-lead",
        "northgate-ehr-analyst",
    ]
    assert [r[contact_col:].split()[0] for r in rows] == ["Dr.", "Sam"]
    first = lines.index(rows[0])
    assert lines[first + 1] == " " * app_col + "Nursing Informatics Lead, St Brendan's Hospital"
    assert lines[first + 2] == " " * app_col + "nothing new since 2026-03-09"
    assert "No follow-up planned:" in lines
    assert "  riverside-telehealth: status accepted" in lines
    assert "  kings-cross-clinic: status withdrawn" in lines
    assert "  harbour-digital-health: a draft" in lines
    assert len(_events(ics.read_bytes())) == 5
    # Later, the certificate of Apr 2 is news for the rejection's answer
    later = run_cli("followups", "--today", "2026-04-10", "--profile", str(profile_file))
    out = later.stdout.splitlines()
    brendan = next(i for i, line in enumerate(out) if "st-brendan" in line)
    assert out[brendan].endswith("  1")
    assert out[brendan + 2].strip() == "new since 2026-03-09:"
    assert out[brendan + 3].strip() == (
        "- Earned the Certified Professional in Healthcare Information and Management Systems "
        "certification from HIMSS (Apr 2026)"
    )


def test_followups_rejects_a_bad_date(profile_file: Path):
    result = run_cli("followups", "--today", "20 March", "--profile", str(profile_file))
    assert result.returncode == 2 and "Traceback" not in (result.stdout + result.stderr)
    assert "'20 March' does not match the format '%Y-%m-%d'" in (result.stdout + result.stderr)


# --- the build ------------------------------------------------------------------------------


def test_zero_period_and_empty_log_date_are_located_errors(tmp_path: Path):
    text = PROFILE.replace("every: 2w", "every: 0d").replace('- date: "2026-02-16"', '- date: ""')
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, "bad.yml")
    found = {(p.path, p.line): p.message for p in caught.value.problems}
    lines = text.splitlines()
    assert found == {
        (("applications", 1, "followUp", "every"), lines.index("      every: 0d") + 1): (
            "a period of 0 never moves on; use e.g. 14d, 2w or 1m"
        ),
        (
            ("applications", 1, "followUp", "log", 1, "date"),
            lines.index('        - date: ""') + 1,
        ): ("is required; write the date as YYYY-MM-DD"),
    }


def test_table_shows_the_first_news_lines_and_counts_the_rest(tmp_path: Path):
    extra = "".join(
        f'  - name: Course {n}\n    issuer: Open University\n    date: "2026-03-1{n}"\n'
        for n in range(4)
    )
    path = tmp_path / "p.yml"
    path.write_text(PROFILE.replace("references:\n", extra + "references:\n", 1), encoding="utf-8")
    out = run_cli("followups", "--today", "2026-03-20", "--profile", str(path)).stdout.splitlines()
    row = next(i for i, line in enumerate(out) if "st-brendan" in line)
    assert out[row].endswith("  4")
    assert [line.strip() for line in out[row + 2 : row + 7]] == [
        "new since 2026-03-09:",
        "- Earned the Course 0 certification from Open University (Mar 2026)",
        "- Earned the Course 1 certification from Open University (Mar 2026)",
        "- Earned the Course 2 certification from Open University (Mar 2026)",
        "… and 1 more",
    ]
