"""checks/outgoing.py on its own: which findings bear on one document, decided by the words
the reader sees. The commands that stop on them (letter, pdf, packet) are tested in
test_outgoing.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.checks.outgoing import bearing_on, document_words, value_at
from jobpacket.errors import Problem
from jobpacket.profile.validate import LoadedProfile, load_profile

PROFILE = """\
basics:
  name: Dana Whitfield
  summary: Nurse educator who wrote the "Sim-Ready" curriculum.
work:
  - name: St. Mary's Hospital
    position: Clinical Nurse Educator
    startDate: "2019-04"
    highlights:
      - Trained 40 new graduates a year in simulation.
  - name: Riverside Clinic
    position: Staff Nurse
    startDate: "2014-01"
    endDate: "2019-03"
    notes: Left after the merger [TODO].
applications:
  - id: stmarys
    organization: St. Mary's Hospital
    letter:
      body: Dear team, I am writing to apply.
"""


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "p.yml")


def _finding(path: tuple[str | int, ...], severity: str = "warning", rule: str = "tone"):
    return Problem("p.yml", 1, 1, path, "a finding", severity, rule)  # type: ignore[arg-type]


def test_document_words_are_what_a_reader_sees() -> None:
    page = (
        "<html><head><title>Dana – Résumé</title><style>p{color:red}</style></head>"
        "<body><header>Dana&nbsp;Whitfield</header><p>Trained&#160;40 new\u00ad"
        "graduates</p><script>var hidden = 1</script></body></html>"
    )
    words = document_words([page])
    assert words == " dana whitfield trained 40 newgraduates "
    assert " résumé " not in words and "hidden" not in words and "color" not in words


def test_an_unclosed_head_keeps_the_rest_of_the_text() -> None:
    assert document_words(["<p>before</p><head>no end"]) == " before no end "


def test_value_at_follows_the_files_keys_through_the_model(loaded: LoadedProfile) -> None:
    assert value_at(loaded.profile, ("work", 0, "startDate")) == "2019-04"
    assert value_at(loaded.profile, ("work", 1, "position")) == "Staff Nurse"
    assert value_at(loaded.profile, ("work", 5, "name")) is None
    assert value_at(loaded.profile, ("basics", "nosuch")) is None


def test_a_finding_bears_on_a_document_that_prints_its_text(loaded: LoadedProfile) -> None:
    printed = "<p>Clinical Nurse Educator, St. Mary’s Hospital</p>"
    shown = _finding(("work", 0, "position"))
    elsewhere = _finding(("work", 1, "position"))
    assert bearing_on(loaded, [shown, elsewhere], texts=[printed]) == [shown]


def test_a_date_bears_when_its_entry_is_printed(loaded: LoadedProfile) -> None:
    date = _finding(("work", 0, "startDate"))
    shown = "<p>Clinical Nurse Educator, St. Mary’s Hospital</p>"
    assert bearing_on(loaded, [date], texts=[shown]) == [date]
    assert bearing_on(loaded, [date], texts=["<p>Riverside Clinic</p>"]) == []


def test_own_entries_always_bear_other_applications_and_infos_never(
    loaded: LoadedProfile,
) -> None:
    body = _finding(("applications", 0, "letter", "body"), "error", "placeholders")
    other = _finding(("applications", 1, "letter", "body"), "error", "placeholders")
    info = _finding(("work", 0, "position"), "info")
    files = _finding(("work", 0, "position"), "error", "files")
    found = [body, other, info, files]
    kept = bearing_on(loaded, found, texts=["Clinical Nurse Educator"], own=[("applications", 0)])
    assert kept == [body]


def test_text_is_found_whatever_the_print_step_did_to_its_quotes_and_markup(
    loaded: LoadedProfile,
) -> None:
    summary = _finding(("basics", "summary"))
    curled = "<p>Nurse educator who wrote the <em>“Sim-Ready”</em> curriculum.</p>"
    assert bearing_on(loaded, [summary], texts=[curled]) == [summary]
    assert bearing_on(loaded, [summary], texts=["<p>Nurse educator</p>"]) == []
