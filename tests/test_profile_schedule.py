"""The follow-up schedule (profile/schedule.py): period arithmetic, the dates of each attempt,
what stops a schedule, and the validation of a `followUp` log. The findings and the
`followups` command are in test_followups.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.profile.model import Application
from jobpacket.profile.schedule import Period, schedule_for, schedules
from jobpacket.profile.validate import load_profile

from .conftest import run_cli
from .test_followups import PROFILE, _profile


def _app(**fields: object) -> Application:
    return Application.model_validate({"id": "x-role", "status": "applied", **fields})


def _dates(app: Application, today: date = date(2000, 1, 1)) -> list[str]:
    return [i.date.isoformat() for i in schedule_for(0, app, today).items]


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
