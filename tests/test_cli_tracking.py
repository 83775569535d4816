"""The commands that follow applications over time (cli/tracking.py): `followups`, `status`,
`applications`: their options, what they write, and an unknown id. What the tables say is
tested with their modules: test_followups.py, test_readiness.py, test_applications.py."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from .conftest import run_cli
from .test_followups import PROFILE


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_followups_rejects_a_bad_date(profile_file: Path):
    result = run_cli("followups", "--today", "20 March", "--profile", str(profile_file))
    assert result.returncode == 2 and "Traceback" not in (result.stdout + result.stderr)
    assert "'20 March' does not match the format '%Y-%m-%d'" in (result.stdout + result.stderr)


def test_status_unknown_id_is_a_user_error(profile_file: Path):
    result = run_cli("status", "nope", "--profile", str(profile_file))
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "error: no application with id 'nope'; known: st-brendan-informatics-lead, "
        "northgate-ehr-analyst, riverside-telehealth, kings-cross-clinic, harbour-digital-health"
    )


def test_followups_writes_the_calendar_where_asked_never_over_the_profile(
    profile_file: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "calendar" / "followups.ics"
    result = run_cli(
        "followups", "--today", "2026-03-20", "--profile", str(profile_file), "--ics", str(ics)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(f"wrote {ics}")
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == 5
    before = profile_file.read_bytes()
    over = run_cli("followups", "--profile", str(profile_file), "--ics", str(profile_file))
    assert over.returncode == 1 and "is one of the profile's own files" in over.stderr
    assert profile_file.read_bytes() == before


def test_no_applications_is_said_plainly(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann Lee\n", encoding="utf-8")
    for command in ("status", "applications"):
        result = run_cli(command, "--profile", str(path), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "No applications in the profile.\n"
    status = run_cli("status", "acme", "--profile", str(path), cwd=tmp_path)
    assert status.returncode == 1
    assert status.stderr.strip() == "error: no application with id 'acme'; known: none"


def test_applications_takes_only_its_three_formats(profile_file: Path) -> None:
    result = run_cli("applications", "--format", "xlsx", "--profile", str(profile_file))
    assert result.returncode == 2 and "'text', 'csv', 'json'" in result.stderr
