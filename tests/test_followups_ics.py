"""followups_ics.py: the follow-up schedule as a calendar, one all-day event with a morning
reminder per follow-up to make, the same bytes for the same profile, written to build/ only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from jobpacket.followups_ics import calendar_bytes
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, run_cli
from .test_followups import PROFILE, _events, _profile
from .test_site_support import build, build_ok, make_site


def test_calendar_has_one_all_day_event_per_follow_up_to_make():
    profile = _profile()
    events = _events(calendar_bytes(profile))
    uids = [str(e["UID"]) for e in events]
    # St Brendan's 3, Northgate 2 (of 4, two logged), none for accepted/withdrawn/draft
    assert sorted(uids) == sorted(
        [
            "st-brendan-informatics-lead-followup-1@jobpacket",
            "st-brendan-informatics-lead-followup-2@jobpacket",
            "st-brendan-informatics-lead-followup-3@jobpacket",
            "northgate-ehr-analyst-followup-3@jobpacket",
            "northgate-ehr-analyst-followup-4@jobpacket",
        ]
    )
    first = events[0]
    assert str(first["UID"]) == "st-brendan-informatics-lead-followup-1@jobpacket"
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert type(start) is date and start == date(2026, 3, 12)
    assert type(end) is date and end == date(2026, 3, 13)
    assert first.decoded("DTSTAMP") == datetime.fromisoformat("2026-03-20T10:30:00+00:00")
    assert str(first["SUMMARY"]) == "Follow up: Nursing Informatics Lead, St Brendan's Hospital"
    text = str(first["DESCRIPTION"])
    for expected in (
        "Contact: Dr. Helen Marsh, Director of Nursing",
        "Email: h.marsh@stbrendans.example.org",
        "Position: Nursing Informatics Lead",
        "Organization: St Brendan's Hospital",
        "reconsideration request or a thank-you",
        # what is new since the decision, up to the follow-up's own date: nothing yet
        "Nothing new in the profile since 2026-03-09.",
    ):
        assert expected in text
    assert "Healthcare Information and Management Systems" not in text  # dated Apr 2
    later = next(e for e in events if str(e["UID"]).endswith("lead-followup-2@jobpacket"))
    assert "- Earned the Certified Professional in Healthcare Information" in str(
        later["DESCRIPTION"]
    )
    assert "Epic" not in str(later["DESCRIPTION"])  # before the last contact
    # Each event carries a reminder at 9:00 on its day (issue 19).
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_calendar_is_reproducible_and_uids_survive_unrelated_edits(tmp_path: Path):
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    once = calendar_bytes(load_profile(path).profile)
    assert calendar_bytes(load_profile(path).profile) == once
    edited = PROFILE.replace(
        "label: Clinical Informatics Nurse", "label: Nurse Informaticist"
    ).replace('lastModified: "2026-03-20T10:30:00Z"', 'lastModified: "2026-03-22T08:00:00Z"')
    path.write_text(edited, encoding="utf-8")
    again = calendar_bytes(load_profile(path).profile)
    assert again != once  # the stamp moved with lastModified
    assert [str(e["UID"]) for e in _events(again)] == [str(e["UID"]) for e in _events(once)]
    assert [e.decoded("DTSTART") for e in _events(again)] == [
        e.decoded("DTSTART") for e in _events(once)
    ]
    # A logged contact moves the later dates; the UIDs stay and the sequence grows.
    logged = edited.replace(
        "      maxAttempts: 3\n", '      maxAttempts: 3\n      log:\n        - date: "2026-03-12"\n'
    )
    path.write_text(logged, encoding="utf-8")
    events = _events(calendar_bytes(load_profile(path).profile))
    brendan = [e for e in events if str(e["UID"]).startswith("st-brendan")]
    assert [(str(e["UID"]), e.decoded("DTSTART"), e["SEQUENCE"]) for e in brendan] == [
        ("st-brendan-informatics-lead-followup-2@jobpacket", date(2026, 4, 12), 1),
        ("st-brendan-informatics-lead-followup-3@jobpacket", date(2026, 5, 12), 1),
    ]


@pytest.mark.slow
def test_mkdocs_build_writes_the_calendar_to_build_only(tmp_path: Path):
    folder = make_site(tmp_path / "site-folder", EXAMPLE)
    result = build(folder)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    site = folder / "site"
    # overdue follow-ups are logged at info level: strict mode must not fail on them
    # the line of applications[0].followUp in the example, wherever edits move it
    line = 1 + EXAMPLE.read_text(encoding="utf-8").splitlines().index("    followUp:")
    assert (
        f"INFO    -  jobpacket: profiles/profile.yml:{line}:5: info follow-up: "
        "applications[0].followUp: follow-up 2 of 3 was due 2026-11-17"
    ) in result.stderr
    ics = folder / "build" / "followups.ics"
    events = _events(ics.read_bytes())
    assert [str(e["UID"]) for e in events] == [
        "keystone-genomics-staff-mle-followup-2@jobpacket",
        "keystone-genomics-staff-mle-followup-3@jobpacket",
        "lakefront-clinical-ai-rse-followup-1@jobpacket",
        "lakefront-clinical-ai-rse-followup-2@jobpacket",
    ]
    assert ics.read_bytes() == calendar_bytes(load_profile(folder / "profiles/profile.yml").profile)
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.suffix == ".ics"]
    assert not [p for p in published if b"followup-1@jobpacket" in p.read_bytes()]
    # an unchanged profile leaves the file alone (same inode, same mtime)
    before = ics.stat()
    build_ok(folder)
    after = ics.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # the letters the build printed count as assembled
    status = run_cli("status", "--today", "2026-11-26", cwd=folder)
    assert status.returncode == 0, status.stdout + status.stderr
    assert (
        "  letter           ok       assembled: cover letter dated 2026-10-20 in "
        "keystone-genomics-staff-mle/cover-letter.pdf"
    ) in status.stdout
