"""Rule `dates`: future dates, overlapping jobs, gaps (info), letters dated too early."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jobpacket.profile.validate import load_profile

from .checks_support import BASE, LETTER_BODY, at, findings, pos, write

JOBS = """\
work:
  - name: Harbour Retail Group
    position: Data Analyst
    startDate: "{start2}"
    endDate: present
  - name: Camden Foods
    position: Junior Analyst
    startDate: "2019-09"
    endDate: "{end1}"
"""


def test_consecutive_jobs_pass(tmp_path: Path) -> None:
    text = BASE + JOBS.format(start2="2023-02", end1="2023-01")
    assert findings(tmp_path, text, "dates") == []


def test_overlapping_full_time_jobs_warn_at_the_later_start(tmp_path: Path) -> None:
    text = BASE + JOBS.format(start2="2022-03", end1="2023-01")
    (problem,) = findings(tmp_path, text, "dates")
    assert problem.severity == "warning"
    assert at(problem) == pos(text, '"2022-03"')
    assert "overlaps work[1]" in problem.message


def test_part_time_role_may_overlap(tmp_path: Path) -> None:
    text = BASE + JOBS.format(start2="2022-03", end1="2023-01").replace(
        "Junior Analyst", "Junior Analyst (part-time)"
    )
    assert findings(tmp_path, text, "dates") == []


def test_gap_over_six_months_is_info(tmp_path: Path) -> None:
    text = BASE + JOBS.format(start2="2024-03", end1="2023-01")
    (problem,) = findings(tmp_path, text, "dates")
    assert problem.severity == "info"
    assert at(problem) == pos(text, '"2024-03"')
    assert "gap of 13 months" in problem.message


def test_a_current_job_starting_in_the_future_is_not_a_gap(tmp_path: Path) -> None:
    """Issue 19: a current job starting in 2027 was reported as "a gap of 60 months"."""
    text = BASE + JOBS.format(start2="2031-01", end1="2026-01")
    (problem,) = findings(tmp_path, text, "dates")
    assert at(problem) == pos(text, '"2031-01"')
    assert problem.severity == "warning"
    assert problem.message == (
        "a current job that starts in the future (2031-01); the résumé prints it as under way"
    )
    assert "gap" not in problem.message


def test_future_certificate_but_not_a_future_letter(tmp_path: Path) -> None:
    text = BASE + (
        'certificates:\n  - name: Tableau Desktop Specialist\n    date: "2027-01-15"\n'
        "applications:\n  - id: harbour\n    organization: Harbour Retail Group\n"
        '    position: Senior Data Analyst\n    status: draft\n    applied: "2026-12-01"\n'
        f'    letter:\n      date: "2026-12-01"\n      body: {LETTER_BODY}\n'
    )
    (problem,) = findings(tmp_path, text, "dates")
    assert at(problem) == pos(text, '"2027-01-15"')
    assert "in the future" in problem.message
    # the same profile, read a year later: nothing is in the future any more
    assert findings(tmp_path, text, "dates", today=date(2027, 6, 1)) == []


def test_follow_up_letter_dated_before_the_application(tmp_path: Path) -> None:
    text = BASE + (
        "applications:\n  - id: harbour\n    organization: Harbour Retail Group\n"
        '    position: Senior Data Analyst\n    status: applied\n    applied: "2026-10-01"\n'
        f'    letter:\n      kind: follow-up\n      date: "2026-09-20"\n      body: {LETTER_BODY}\n'
    )
    (problem,) = findings(tmp_path, text, "dates")
    assert at(problem) == pos(text, '"2026-09-20"')
    assert "before the application" in problem.message
    assert findings(tmp_path, text.replace("2026-09-20", "2026-10-20"), "dates") == []


def test_end_before_start_is_a_located_warning_with_the_dates_rule_id(tmp_path: Path) -> None:
    """Printed as written (a real file's typo must not refuse the whole résumé), and
    `--strict` fails on the warning."""
    text = BASE + JOBS.format(start2="2023-02", end1="2019-01")
    loaded = load_profile(write(tmp_path, text), "p.yml")
    (problem,) = [n for n in loaded.notes if "before it starts" in n.message]
    assert problem.severity == "warning"
    assert (problem.rule, at(problem)) == ("dates", pos(text, '"2019-01"'))
