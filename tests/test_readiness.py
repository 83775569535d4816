"""readiness.py, `jobpacket status`: per application, what is ready to send and what is
missing, with exit 1 when an undecided application has an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import example_site, run_cli
from .test_followups import PROFILE


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_status_of_the_example_is_ready_and_reminds_the_recommender(tmp_path: Path):
    """On a copy of the example: the checkout's own build/ folder (documents a developer made
    with older code, stale by design) must not decide what the test sees."""
    result = run_cli("status", "--today", "2026-11-26", cwd=example_site(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "keystone-genomics-staff-mle: Staff Machine Learning Engineer, Keystone Genomics" in out
    assert "status applied (applied 2026-10-20): ready (0 errors, 1 warning)" in out
    assert (
        "references[1].letter.requested: Dr. Aisha Bello's letter was requested 2026-10-21 "
        "(36 days ago) and has not arrived; remind the recommender"
    ) in out
    assert "  enclosures       ok       2 of 2 present" in out
    assert "  next follow-up   info     2026-11-17 overdue (attempt 2 of 3)" in out
    # the new certificate is not in Keystone's cover letter yet
    assert "certificate Google Cloud Professional Machine Learning Engineer (2026-10-30)" in out


def test_status_recommender_boundary_is_three_weeks(profile_file: Path):
    day21 = run_cli("status", "--today", "2026-03-31", "--profile", str(profile_file))
    day22 = run_cli("status", "--today", "2026-04-01", "--profile", str(profile_file))
    assert "1 received, 1 pending" in day21.stdout and "remind" not in day21.stdout
    assert "1 received, 0 pending, 1 overdue" in day22.stdout
    assert "Gwen Adeyemi's letter was requested 2026-03-10 (22 days ago)" in day22.stdout


def test_status_exits_1_for_an_undecided_application_with_an_error(profile_file: Path):
    # northgate (interviewing) encloses a file that does not exist
    result = run_cli("status", "--today", "2026-03-20", "--profile", str(profile_file))
    assert result.returncode == 1
    assert "northgate-ehr-analyst: EHR Clinical Analyst, Northgate Health Trust" in result.stdout
    # 2 warnings: the proofreading checks find the nine-word letter bodies far too short
    assert "NOT READY (1 error, 2 warnings)" in result.stdout
    line = PROFILE.splitlines().index("      - path: missing-portfolio.pdf") + 1
    assert (
        f"profile.yml:{line}:15: applications[1].attachments[0].path: 'missing-portfolio.pdf' "
        "not found next to the profile"
    ) in result.stdout
    assert "Traceback" not in result.stderr
    # the same application alone still fails; a decided one with a missing letter does not
    assert (
        run_cli(
            "status",
            "northgate-ehr-analyst",
            "--today",
            "2026-03-20",
            "--profile",
            str(profile_file),
        ).returncode
        == 1
    )
    accepted = run_cli(
        "status", "riverside-telehealth", "--today", "2026-03-20", "--profile", str(profile_file)
    )
    assert accepted.returncode == 0, accepted.stdout
    # no `letter:`: jobpacket assembles a cover letter from the profile
    assert "letter           ok       present: cover letter (from the profile)" in accepted.stdout
    # a rejected application with a missing enclosure: an error, but decided, so exit 0
    profile_file.write_text(
        PROFILE.replace(
            "      maxAttempts: 3\n",
            "      maxAttempts: 3\n    attachments:\n      - path: gone.pdf\n",
        ),
        encoding="utf-8",
    )
    # Nothing is being prepared on 2026-03-11 (the answer to the rejection is planned for
    # the 12th): the error does not block.
    rejected = run_cli(
        "status",
        "st-brendan-informatics-lead",
        "--today",
        "2026-03-11",
        "--profile",
        str(profile_file),
    )
    assert rejected.returncode == 0, rejected.stdout
    assert "decided; not blocking (1 error, 2 warnings)" in rejected.stdout
    assert "'gone.pdf' not found next to the profile" in rejected.stdout
    # On the 20th that answer is overdue: the application is live again and the error blocks.
    due = run_cli(
        "status",
        "st-brendan-informatics-lead",
        "--today",
        "2026-03-20",
        "--profile",
        str(profile_file),
    )
    assert due.returncode == 1, due.stdout
    assert (
        "status rejected (applied 2026-01-15, decided 2026-03-09): NOT READY; follow-up 1 is "
        "overdue since 2026-03-12 (1 error, 2 warnings)"
    ) in due.stdout


def test_status_blank_letter_body_blocks_an_undecided_application(profile_file: Path):
    text = PROFILE.replace(
        "    status: withdrawn\n", "    status: applied\n    letter: {kind: cover, body: ''}\n"
    )
    profile_file.write_text(text, encoding="utf-8")
    result = run_cli(
        "status", "kings-cross-clinic", "--today", "2026-03-20", "--profile", str(profile_file)
    )
    assert result.returncode == 1
    assert "applications[3].letter.body: the letter body is blank" in result.stdout
