"""checks/text.py: the strings the rules read (every one the user wrote, in file order, never
the private notes), the words in them worth proofreading (addresses, code and identifiers
left out, letters of every script kept whole), and the profile's own names."""

from __future__ import annotations

from pathlib import Path

from jobpacket.checks.text import PROSE_FIELDS, mask, proper_nouns, strings, words
from jobpacket.profile.disabled import item_paths
from jobpacket.profile.model import ApplicationLetter
from jobpacket.profile.validate import load_profile

from .checks_support import BASE, findings, pos, write
from .checks_support import at as located

PROFILE = """\
basics:
  name: Zoë Kowalczyk-Brandt
  summary: Nurse educator.
work:
  - name: St. Mary's Hospital
    position: Clinical Nurse Educator
    highlights: [Built the simulation lab.]
    notes: a private note
meta:
  lang: en
"""


def test_words_leave_out_addresses_code_and_identifiers() -> None:
    text = (
        "Built `kube-ctl` tooling with PyTorch; see https://a.example/x or mail "
        "ann@example.org. Mise en œuvre, l’équipe [docs](https://d.example) v2 snake_case 12%"
    )
    assert [w for w, _ in words(text)] == [
        "Built", "tooling", "with", "see", "or", "mail",
        "Mise", "en", "œuvre", "l’équipe", "docs",
    ]  # fmt: skip
    for word, at in words(text):
        assert text[at : at + len(word)] == word  # offsets point into the original text


def test_mask_keeps_every_offset() -> None:
    text = "see https://a.example/x now"
    masked = mask(text)
    assert len(masked) == len(text) and masked.split() == ["see", "now"]


def test_strings_are_every_users_text_in_file_order_without_notes(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    profile = load_profile(path, "p.yml").profile
    found = [(t.path, t.field, t.prose) for t in strings(profile)]
    assert found == [
        (("basics", "name"), "name", False),
        (("basics", "summary"), "summary", True),
        (("work", 0, "name"), "name", False),
        (("work", 0, "position"), "position", True),
        (("work", 0, "highlights", 0), "highlights", True),
    ]
    assert [p for p, _ in item_paths(profile)] == [("work", 0)]
    names = proper_nouns(profile)
    assert {"zoë", "kowalczyk", "brandt", "kowalczyk-brandt", "mary's"} <= names
    assert "simulation" not in names  # prose is not a name


def test_every_text_a_letter_prints_is_prose() -> None:
    """A letter's own text fields (greeting, body, closing, circumstances and any added later)
    are proofread: a field missing from PROSE_FIELDS goes out unread by spelling and tone."""
    letter_texts = {
        name
        for name, field in ApplicationLetter.model_fields.items()
        if field.annotation == (str | None)
    }
    assert {"greeting", "body", "closing", "circumstances"} <= letter_texts
    assert letter_texts <= PROSE_FIELDS


LETTER = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    applied: 2026-09-01
    status: rejected
    decided: 2026-10-01
    letter:
      kind: reconsideration
      circumstances: >-
        My final interview fell in the week of a family bereavement, and I beleive my
        answers on the awesome forecasting work did not show what I had done.
"""


def test_circumstances_are_proofread(tmp_path: Path) -> None:
    """The circumstances paragraph is printed in an assembled reconsideration letter, so
    spelling and tone read it, located in it; its words are not the profile's names."""
    text = BASE + LETTER
    spelling = findings(tmp_path, text, "spelling")
    tone = findings(tmp_path, text, "tone")
    assert [(p.message, located(p)) for p in spelling] == [("'beleive'", pos(text, "beleive"))]
    casual = ("'awesome' is casual", pos(text, "awesome"))
    assert [(p.message, located(p)) for p in tone] == [casual]
    profile = load_profile(write(tmp_path, text), "p.yml").profile
    assert "bereavement" not in proper_nouns(profile)


THESIS = """\
education:
  - institution: University of Edinburgh
    area: Epidemiology
    studyType: Master of Science
    startDate: 2014-09
    endDate: 2015-08
    thesis: Seasonal paterns of hospital admissions for asthma in Lothian
"""


def test_a_thesis_title_is_proofread(tmp_path: Path) -> None:
    """A thesis title is printed on the résumé and published on the site: spelling reads it,
    located in it, as it reads a publication's title."""
    text = BASE + THESIS
    spelling = findings(tmp_path, text, "spelling")
    assert [(p.message, located(p)) for p in spelling] == [("'paterns'", pos(text, "paterns"))]
