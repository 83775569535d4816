"""profile/partial.py on its own: the valid rest of an invalid profile, with the source map
renumbered so findings on the rest keep their lines, and `restore` mapping paths back to the
user's file. Through the CLI, in test_outgoing.py (one check shows every kind of problem)."""

from __future__ import annotations

from jobpacket.profile.load import parse_text
from jobpacket.profile.partial import valid_rest

PROFILE = """\
basics:
  name: Ann Lee
  email: ann@example.org
work:
  - name: Acme
    position: Data engineer
    startDate: "2022-03"
  - Staff nurse at Riverside, 2021
  - name: Quiet Analytics
    position: Analyst
    startDate: "2019-01"
"""


def test_the_bad_entry_is_taken_out_and_the_rest_validates() -> None:
    loaded = parse_text(PROFILE, "p.yml")
    rest = valid_rest(loaded.data, loaded.source, [("work", 1)])
    assert rest is not None
    assert [w.name for w in rest.profile.work] == ["Acme", "Quiet Analytics"]
    assert rest.profile.basics.email == "ann@example.org"
    assert rest.removals == ((("work",), 1),)  # (the list, the index taken out of it)
    # The parsed tree itself is untouched.
    assert loaded.data["work"][1] == "Staff nurse at Riverside, 2021"


def test_positions_of_the_rest_follow_the_renumbering_and_restore_goes_back() -> None:
    loaded = parse_text(PROFILE, "p.yml")
    rest = valid_rest(loaded.data, loaded.source, [("work", 1)])
    assert rest is not None
    # Quiet Analytics is work[1] in the rest, work[2] in the file: line 9 either way.
    assert rest.source.locate(("work", 1, "name")) == (9, 11)
    assert loaded.source.locate(("work", 2, "name")) == (9, 11)
    assert rest.restore(("work", 1, "name")) == ("work", 2, "name")
    assert rest.restore(("work", 0, "name")) == ("work", 0, "name")
    assert rest.restore(("basics", "email")) == ("basics", "email")


def test_a_wrong_key_is_taken_out_without_its_entry() -> None:
    text = PROFILE.replace("  email: ann@example.org\n", "  email: [ann]\n")
    loaded = parse_text(text, "p.yml")
    rest = valid_rest(loaded.data, loaded.source, [("basics", "email")])
    assert rest is not None
    assert rest.profile.basics.name == "Ann Lee" and rest.profile.basics.email is None
    assert rest.removals == ((("work",), 1),)  # the bad entry went in a later round


def test_a_top_level_that_is_not_a_mapping_leaves_nothing() -> None:
    loaded = parse_text(PROFILE, "p.yml")
    assert valid_rest(["a", "list"], loaded.source, []) is None
