"""print/brief.py: one application's private brief, the page to read before a call, as print
HTML (a function of the profile alone, never of the clock). The `jobpacket brief` command and
its PDF are tested through the CLI at the end of this file."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from jobpacket.errors import UserError
from jobpacket.print.brief import brief
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE
from .test_outgoing import _cli, _edit, _site

KEYSTONE = "keystone-genomics-staff-mle"


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE, "profiles/example.yml")


def _text(markup: str) -> str:
    body = markup.split("<body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_brief_holds_what_is_never_published(example: LoadedProfile) -> None:
    doc = brief(example, KEYSTONE)
    assert doc.name == f"briefs/{KEYSTONE}"
    assert doc.title == (
        "Elena M. Vasquez – Brief – Staff Machine Learning Engineer, Keystone Genomics"
    )
    text = _text(doc.html)
    for expected in (
        "Private: for your eyes only. Status: applied.",
        "Contact: Rachel Donnelly, Head of Machine Learning Platform",
        "Phone: +1 412-555-0130",
        "October 20, 2026 Applied November 3, 2026 Contact by email: Asked about the timeline",
        "Notes Referred by a former Code for Pittsburgh volunteer on their data team.",
        "Market average: 192,000 USD Target range: 185,000 to 210,000 USD",
        "New since you applied Earned the Google Cloud Professional Machine Learning Engineer",
        # The next follow-up by its date: the page reads the same whatever day it is printed.
        "Next step Follow up on 2026-11-17 (attempt 2 of 3), then add the contact to followUp.log.",
    ):
        assert expected in text, expected


def test_a_decision_and_a_letter_in_progress_are_on_the_timeline(example: LoadedProfile) -> None:
    text = _text(brief(example, "lakefront-clinical-ai-rse").html)
    assert (
        "August 4, 2026 Applied October 28, 2026 Decision (reconsideration) "
        "November 3, 2026 Reconsideration letter"
    ) in text
    assert "Other role proposed: Machine Learning Engineer, Model Evaluation" in text
    assert (
        "Next step Send the reconsideration letter (jobpacket letter lakefront-clinical-ai-rse)"
    ) in text


def test_an_unknown_application_is_a_user_error(example: LoadedProfile) -> None:
    with pytest.raises(UserError, match="no application with id 'nope'"):
        brief(example, "nope")


def test_brief_is_one_private_page_with_notes_pay_timeline_and_next_step(tmp_path: Path) -> None:
    """Issue 19: `compensation` (the pay research) and `notes` (interview feedback) were
    stored and never shown. The brief is the page to read before the call."""
    import json

    from .pdf_support import flat, page_texts

    site = _site(tmp_path, company="St. Mary's Medical Center", todo="")
    _edit(
        site,
        "    status: rejected\n",
        "    status: rejected\n"
        "    notes: |\n"
        "      Panel liked the **simulation lab** plan; asked about night-shift teaching.\n"
        "    compensation:\n"
        "      currency: USD\n"
        "      marketAverage: 92000\n"
        "      target: [95000, 105000]\n"
        "      benefits: tuition support, 403(b) match\n"
        '    followUp: {log: [{date: "2026-09-04", channel: email, note: thanked Dr. Park}]}\n',
    )
    result = _cli(site, "brief", "stmarys")
    assert result.returncode == 0, result.stderr
    assert "wrote build/briefs/stmarys.pdf" in result.stderr
    (page,) = page_texts((site / "build/briefs/stmarys.pdf").read_bytes())
    text = flat(page)
    for expected in (
        "Brief: Clinical Nurse Educator, St. Mary’s Medical Center",
        "Contact: Dr. Helen Park",
        "July 10, 2026 Applied",
        "September 1, 2026 Decision (rejected)",
        "September 4, 2026 Contact by email: thanked Dr. Park",
        "December 3, 2026 Reconsideration letter",
        "Panel liked the simulation lab plan; asked about night-shift teaching.",
        "Market average: 92,000 USD",
        "Target range: 95,000 to 105,000 USD",
        "Benefits: tuition support, 403(b) match",
        "Earned the Certified Nurse Educator (CNE) certification from NLN (Oct 2026)",
        "Next step Send the reconsideration letter (jobpacket letter stmarys), then log",
    ):
        assert expected in text, (expected, text)
    record = json.loads((site / "build/jobpacket-manifest.json").read_text(encoding="utf-8"))
    assert "briefs/stmarys.pdf" in record["files"]
    unknown = _cli(site, "brief", "nope")
    assert unknown.returncode == 1 and "no application with id 'nope'" in unknown.stderr
