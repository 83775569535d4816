"""checks/where.py: a rule's finding located at the very text inside a value (whole words, the
n-th occurrence, in whichever file holds it), and the caps that keep a rule's list short.
Every rule's located findings are in its own test_checks_<rule>.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.checks.where import Tally, finding, locate_text, occurrence
from jobpacket.profile.bounds import MAX_FINDINGS_PER_FIELD
from jobpacket.profile.validate import LoadedProfile, load_profile

from .checks_support import pos

PROFILE = """\
basics:
  name: Ann Lee
  summary: >-
    Data engineer; I led the data platform team,
    then led data quality at Acme.
work:
  - name: Acme
    highlights:
      - Cut the nightly load from four hours to twenty minutes.
"""


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "p.yml")


def test_text_is_located_whole_words_only_and_by_occurrence(loaded: LoadedProfile) -> None:
    source = loaded.source
    summary = ("basics", "summary")
    assert locate_text(source, summary, "led") == pos(PROFILE, "led the data")
    assert locate_text(source, summary, "led", 1) == pos(PROFILE, "led data quality")
    # The match is case-sensitive ("Data engineer" is not "data"), across the folded lines.
    assert locate_text(source, summary, "data", 1) == pos(PROFILE, "data quality")
    assert locate_text(source, summary, "nowhere") == source.locate(summary)
    assert locate_text(source, summary, "led", 5) == source.locate(summary)


def test_occurrence_counts_whole_words_before_an_offset() -> None:
    text = "led the team; misled nobody; led again"
    assert occurrence(text, "led", text.index("led again")) == 1  # "misled" is not "led"
    assert occurrence(text, "led", 0) == 0


def test_a_finding_points_at_its_text_or_its_field(loaded: LoadedProfile) -> None:
    at_text = finding(loaded, "tone", ("basics", "summary"), "m", text="Acme")
    assert (at_text.file, at_text.line, at_text.col) == ("p.yml", *pos(PROFILE, "Acme."))
    at_key = finding(loaded, "tone", ("work", 0, "highlights"), "m", key=True, level="error")
    assert (at_key.line, at_key.col, at_key.severity) == (*pos(PROFILE, "highlights"), "error")


def test_a_tally_lists_up_to_the_cap_and_notes_the_rest_once(loaded: LoadedProfile) -> None:
    tally = Tally("spelling")
    path = ("basics", "summary")
    taken = [tally.take(path) for _ in range(MAX_FINDINGS_PER_FIELD + 3)]
    assert taken.count(True) == MAX_FINDINGS_PER_FIELD
    tally.take(path, "error")  # one more left out, and the worst of them
    (note,) = tally.notes(loaded)
    assert note.message == "4 more spelling findings in this field not listed"
    assert note.severity == "error" and note.path == path
