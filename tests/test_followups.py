"""followups.py: the follow-up findings and the `followups` command. The schedule itself is
tested in test_profile_schedule.py, the calendar in test_followups_ics.py, `status` in
test_readiness.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
import pytest

from jobpacket.followups import followup_findings
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


# --- validation and findings -----------------------------------------------------------------


def _profile():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.yml"
        path.write_text(PROFILE, encoding="utf-8")
        return load_profile(path, "profile.yml").profile


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


# --- the build ------------------------------------------------------------------------------


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
