"""print/outline.py on its own: the résumé as data (sections in the order recruiters expect,
empty ones left out, private entries never in it), the one outline the PDF, the plain text,
the Markdown and the Word file all render."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.print.outline import Contact, Entry, outline, plain_dates, resume_view
from jobpacket.profile.validate import LoadedProfile

from .resume_support import load_resume


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    return load_resume(tmp_path)


def _outline(loaded: LoadedProfile, *, public: bool = False, tailored: bool = False):
    app = (0, loaded.profile.applications[0]) if tailored else None
    view, notes = resume_view(loaded, public=public, application=app)
    return outline(view, "Dana Whitfield", notes)


def test_sections_come_in_order_and_empty_ones_are_left_out(loaded: LoadedProfile) -> None:
    o = _outline(loaded)
    assert [(s.id, s.heading, s.style) for s in o.sections] == [
        ("experience", "Experience", "entries"),
        ("education", "Education", "entries"),
        ("skills", "Skills", "pairs"),
        ("certificates", "Certifications", "lines"),
        ("awards", "Awards", "lines"),
    ]
    # Certifications and awards, both present, may sit side by side.
    assert [s.half for s in o.sections] == [False, False, False, True, True]
    assert o.keywords == ("Simulation",)


def test_a_job_is_one_entry_with_its_dates_and_bullets(loaded: LoadedProfile) -> None:
    (job,) = _outline(loaded).sections[0].items
    assert isinstance(job, Entry)
    assert (job.title, job.org, job.where) == (
        "Clinical Nurse Educator",
        "St. Mary's Hospital",
        "Pittsburgh, PA",
    )
    assert plain_dates(job.dates) == "Apr 2019 – Present"
    assert job.bullets == ("Trained 40 new graduates a year in simulation.",)


def test_a_private_entry_is_in_no_outline(loaded: LoadedProfile) -> None:
    for public in (False, True):
        titles = [e.title for s in _outline(loaded, public=public).sections for e in s.items
                  if isinstance(e, Entry)]  # fmt: skip
        assert "Staff Nurse" not in titles


def test_the_public_outline_has_no_phone_or_street(loaded: LoadedProfile) -> None:
    private = [c.text for c in _outline(loaded).contact]
    public = [c.text for c in _outline(loaded, public=True).contact]
    assert "+1 412-555-0147" in private and "1820 Murray Avenue" in private
    assert public == [
        "Pittsburgh, PA",
        "dana@example.org",
        "dana.example.org",
        "www.linkedin.com/in/danaw",
    ]


def test_tailoring_replaces_the_summary_and_drops_excluded_entries(
    loaded: LoadedProfile,
) -> None:
    o = _outline(loaded, tailored=True)
    assert o.summary == "Simulation educator for a research hospital."
    assert "experience" not in [s.id for s in o.sections]  # the one job is tagged teaching


def test_plain_text_shows_a_web_address_whole_and_the_rest_as_written() -> None:
    assert Contact("dana.example.org", "https://dana.example.org/").plain == (
        "https://dana.example.org/"
    )
    assert Contact("dana@example.org", "mailto:dana@example.org").plain == "dana@example.org"
    assert Contact("+1 412-555-0147", "tel:+14125550147").plain == "+1 412-555-0147"
    assert plain_dates("Apr\u00a02019 –\u00a0Present") == "Apr 2019 – Present"
