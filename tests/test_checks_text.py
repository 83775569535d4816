"""checks/text.py: the strings the rules read (every one the user wrote, in file order, never
the private notes), the words in them worth proofreading (addresses, code and identifiers
left out, letters of every script kept whole), and the profile's own names."""

from __future__ import annotations

from pathlib import Path

from jobpacket.checks.text import mask, proper_nouns, strings, words
from jobpacket.profile.disabled import item_paths
from jobpacket.profile.validate import load_profile

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
