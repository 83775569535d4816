"""print/textformats.py on its own: the outline as plain text (what applicant tracking
systems read best) and as Markdown (the user's Markdown kept, plain fields escaped). The same
formats of the example, golden files and the section parser, are in test_print_formats.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.print.outline import outline, resume_view
from jobpacket.print.textformats import resume_markdown, resume_text
from jobpacket.profile.validate import LoadedProfile, load_profile

from .resume_support import PROFILE, load_resume


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    return load_resume(tmp_path)


def _outline(loaded: LoadedProfile):
    view, _ = resume_view(loaded, public=False, application=None)
    return outline(view, view.basics.name or "")


def test_plain_text_is_headings_in_capitals_dates_on_their_own_line(
    loaded: LoadedProfile,
) -> None:
    text = resume_text(_outline(loaded))
    assert text.startswith(
        "Dana Whitfield\nClinical Nurse Educator\n1820 Murray Avenue\nPittsburgh, PA\n"
        "dana@example.org\n+1 412-555-0147\nhttps://dana.example.org/\n"
        "https://www.linkedin.com/in/danaw\n\nSUMMARY\n"
    )
    assert (
        "\n\nEXPERIENCE\nClinical Nurse Educator, St. Mary's Hospital, Pittsburgh, PA\n"
        "Apr 2019 – Present\n- Trained 40 new graduates a year in simulation.\n\n"
    ) in text
    assert "\nSKILLS\nSimulation (Expert): SimMan 3G, debriefing\n" in text
    assert "\nCERTIFICATIONS\n- CHSE, SSH, May 2021\n" in text


def test_plain_text_has_no_markup_and_no_special_spaces(loaded: LoadedProfile) -> None:
    text = resume_text(_outline(loaded))
    assert "Nurse educator who builds simulation programmes." in text  # *simulation* unmarked
    for mark in ("*", "#", "](", "\u00a0", "\u202f", "<"):
        assert mark not in text, mark


def test_markdown_keeps_the_users_markdown_and_links_the_contact(loaded: LoadedProfile) -> None:
    md = resume_markdown(_outline(loaded))
    assert md.startswith("# Dana Whitfield\n\n**Clinical Nurse Educator**\n\n")
    assert "[dana@example.org](mailto:dana@example.org)" in md
    assert "\n## Summary\n\nNurse educator who builds *simulation* programmes.\n" in md
    assert "\n### Clinical Nurse Educator, St. Mary's Hospital\n\nPittsburgh, PA · " in md
    assert "\n- **Simulation (Expert):** SimMan 3G, debriefing\n" in md


def test_markdown_escapes_a_plain_field(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        PROFILE.replace("label: Clinical Nurse Educator", "label: Educator *and* [coach]"),
        encoding="utf-8",
    )
    md = resume_markdown(_outline(load_profile(path, "p.yml")))
    assert "**Educator \\*and\\* \\[coach\\]**" in md
