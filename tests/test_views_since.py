"""What is new since an application: the derivation reconsideration and follow-up letters use."""

from __future__ import annotations

import pytest

from jobpacket.profile.model import Profile
from jobpacket.profile.validate import load_profile
from jobpacket.views.since import is_after, updates_since

from .conftest import EXAMPLE


@pytest.mark.parametrize(
    ("value", "reference", "expected"),
    [
        ("2026-10", "2026-09-30", True),
        ("2026-10", "2026-10-02", False),  # the same month is not later
        ("2026-10-03", "2026-10-02", True),
        ("2026-10-02", "2026-10-02", False),
        ("2027", "2026-12-31", True),
        ("2026", "2026-01-01", False),  # the same year is not later
        ("2026-10-30", "2026-10", False),  # reference given to the month only
        ("2026-11-01", "2026-10", True),
        ("present", "2020-01", False),
        (None, "2020-01", False),
    ],
)
def test_is_after_compares_at_shared_precision(value, reference, expected) -> None:
    assert is_after(value, reference) is expected


def test_example_reconsideration_lists_exactly_what_is_new() -> None:
    profile = load_profile(EXAMPLE).profile
    app = profile.application("lakefront-clinical-ai-rse")
    assert app is not None and app.applied == "2026-08-04"
    updates = updates_since(profile, app.applied)
    assert [(u.section, u.kind) for u in updates] == [
        ("publications", "publication"),
        ("projects", "project-released"),
        ("certificates", "certificate"),
    ]
    texts = [u.text for u in updates]
    assert texts[0].startswith("Published “ledgerline: Reproducible Evaluation Harnesses")
    assert texts[0].endswith("in Journal of Open Research Software Engineering (Oct 2026)")
    assert texts[1] == (
        "Released ledgerline: Reproducible evaluation harness for clinical machine learning "
        "models (Oct 2026)"
    )
    assert texts[2] == (
        "Earned the Google Cloud Professional Machine Learning Engineer certification "
        "from Google Cloud (Oct 2026)"
    )
    # Everything dated before the application is absent: the 2025 award, the CKAD, jobs.
    assert not any("2025" in t or "Kubernetes" in t for t in texts)


def _profile(**sections) -> Profile:
    return Profile.model_validate(sections)


def test_both_sides_of_the_date_boundary_month_and_private_items() -> None:
    profile = _profile(
        work=[
            {"name": "Old Co", "position": "Analyst", "startDate": "2019-01"},
            {"name": "New Co", "position": "Lead Engineer", "startDate": "2026-09"},
            {
                "name": "Side gig",
                "position": "Advisor",
                "startDate": "2026-10",
                "visibility": "private",
            },
        ],
        certificates=[
            {"name": "Same Month", "issuer": "X", "date": "2026-08"},  # boundary: excluded
            {"name": "Next Day", "issuer": "Y", "date": "2026-08-05"},
            {"name": "Day Before", "issuer": "Z", "date": "2026-08-03"},
        ],
        awards=[{"title": "Year Only", "awarder": "W", "date": "2026"}],  # same year: excluded
        education=[
            {
                "institution": "Uni",
                "studyType": "MSc",
                "area": "Statistics",
                "startDate": "2024-09",
                "endDate": "2026-09",
            },
            {"institution": "Future U", "studyType": "PhD", "endDate": "2028-06"},
        ],
        volunteer=[{"organization": "Code Club", "position": "Mentor", "startDate": "2026-11"}],
    )
    updates = updates_since(profile, "2026-08-04", until="2026-11-20")
    assert [u.text for u in updates] == [
        "Earned the Next Day certification from Y (Aug 2026)",
        "Started as Lead Engineer at New Co (Sep 2026)",
        "Completed MSc in Statistics at Uni (Sep 2026)",
        "Started as Mentor at Code Club (Nov 2026)",
    ]
    assert updates[0].path == ("certificates", 1, "date")
    # Without `until` the planned PhD counts as after; with it, it has not happened yet.
    assert "Completed PhD at Future U (Jun 2028)" in [
        u.text for u in updates_since(profile, "2026-08-04")
    ]


def test_a_certificate_named_as_one_is_not_doubled() -> None:
    profile = _profile(
        certificates=[
            {
                "name": "Data Analytics Professional Certificate",
                "issuer": "Google",
                "date": "2026-09",
            },
            {"name": "AWS Certified ML Specialty", "issuer": "AWS", "date": "2026-10"},
        ]
    )
    assert [u.text for u in updates_since(profile, "2026-08")] == [
        "Earned the Data Analytics Professional Certificate from Google (Sep 2026)",
        "Earned the AWS Certified ML Specialty certification from AWS (Oct 2026)",
    ]


def test_project_started_since_but_ongoing_counts_as_started() -> None:
    profile = _profile(projects=[{"name": "atlas", "startDate": "2026-09", "endDate": "present"}])
    assert [u.text for u in updates_since(profile, "2026-08")] == ["Started atlas (Sep 2026)"]
