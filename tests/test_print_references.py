"""The reference index (print/references.py): each public recommender with how to reach them
and where their letter is, confidential letters named as such, private ones never listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.print.references import reference_index
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE

APP = "keystone-genomics-staff-mle"


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def _rows(html: str) -> list[str]:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]


def test_the_example_lists_its_three_recommenders_with_their_letters(
    example: LoadedProfile,
) -> None:
    doc = reference_index(example, APP)
    assert (doc.name, doc.title, doc.notes) == (
        f"{APP}/references",
        "Elena M. Vasquez – References",
        (),
    )
    hartman, bello, kowalski = _rows(doc.html)
    assert "<strong>Dr. Marcus Hartman</strong>" in hartman and "+1 412-555-0182" in hartman
    assert '<span class="status">Received</span>' in hartman and "Nov 1, 2026" in hartman
    assert "<td>Enclosed</td>" in hartman
    assert "Sent directly by the recommender" in bello and "Received</span>" not in bello
    assert '<em class="when">Confidential</em>' in kowalski
    assert (
        "The letter from Tom Kowalski is confidential: submitted through your application portal."
        in doc.html
    )
    assert "Staff Machine Learning Engineer" in doc.html  # prepared for the application
    assert reference_index(example).name == "references"


def test_an_address_wraps_only_after_a_dot_of_its_domain(example: LoadedProfile) -> None:
    html = reference_index(example).html
    assert "marcus.hartman@alleghenyhealth.<wbr>example.<wbr>com" in html
    assert "@<wbr>" not in html and "marcus.<wbr>" not in html


PROFILE = """\
basics:
  name: Priya Raman
references:
  - name: Gwen Adeyemi
    title: Chief Nursing Information Officer
    email: gwen@stbrendans.example.org
    letter:
      status: received
      delivery: enclosed
      confidential: true
      file: letters/adeyemi.pdf
  - name: Sam Okoro <script>
    visibility: private
  - name: Tomas Lindqvist
"""


def test_private_references_are_left_out_and_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    doc = reference_index(load_profile(path, "p.yml"))
    assert "Okoro" not in doc.html
    gwen, tomas = _rows(doc.html)
    assert "Gwen Adeyemi" in gwen and "Received" in gwen and "No letter" in tomas
    assert "enclosed in a sealed envelope" in doc.html
    # the enclosed letter's file is checked as a local file: missing, a located warning
    [note] = doc.notes
    assert note.path == ("references", 0, "letter", "file") and note.severity == "warning"
    assert str(note).startswith("p.yml:11:13: warning files: references[0].letter.file:")


def test_no_public_reference_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann\nreferences:\n  - name: Bo\n    visibility: private\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as caught:
        reference_index(load_profile(path, "p.yml"))
    [problem] = caught.value.problems
    assert problem.path == ("references",) and "no references to list" in problem.message


GERMAN = """\
basics:
  name: Jonas Becker
  email: jonas.becker@example.de
references:
  - name: Prof. Dr. Anna Schulz
    title: Lehrstuhlinhaberin
    organization: TU München
    relationship: Doktormutter
    email: anna.schulz@example.de
    letter:
      status: received
      requested: 2026-10-02
      received: 2026-10-20
      delivery: direct
      confidential: true
  - name: Dr. Felix Wagner
    relationship: Teamleiter, 2021 bis 2024
    letter: {status: requested, requested: 2026-11-03, delivery: portal}
meta:
  lang: de
"""


def test_the_index_is_written_in_the_profiles_language(tmp_path: Path) -> None:
    """A German profile's index, printed by WeasyPrint and read back: headings, statuses,
    date labels, delivery and the confidential note in German, no English left."""
    from jobpacket.print import outputs

    from .pdf_support import flat
    from .pdf_support import text as pdf_text

    path = tmp_path / "p.yml"
    path.write_text(GERMAN, encoding="utf-8")
    doc = reference_index(load_profile(path, "p.yml"))
    assert doc.title == "Jonas Becker – Referenzen"
    text = flat(pdf_text(outputs.render(doc, cache_dir=tmp_path / "cache")))
    for words in (
        "Referenzen und Empfehlungsschreiben",
        "Referenzgeber",
        "Beziehung",
        "Zustellung",
        "Erhalten",
        "Angefragt",
        "Erhalten 20.10.2026",
        "Vertraulich",
        "Direkt vom Referenzgeber",
        "Über das Bewerbungsportal",
        "Vertrauliche Schreiben",
        "Das Schreiben von Prof. Dr. Anna Schulz ist vertraulich: Es wird Ihnen direkt vom "
        "Referenzgeber zugesandt.",
    ):
        assert words in text, words
    for english in ("Recommender", "Received", "Requested", "Confidential", "Delivery"):
        assert english not in text, english


def test_every_language_has_every_word_of_the_index() -> None:
    """The index has no English left in any language jobpacket has labels for."""
    from importlib import resources

    import yaml

    from jobpacket.i18n.labels import available, labels

    def keys(words: dict[str, object], at: str = "") -> set[str]:
        found: set[str] = set()
        for key, value in words.items():
            found |= keys(value, f"{at}{key}.") if isinstance(value, dict) else {at + key}
        return found

    english = keys(labels("en")["reference_index"])
    folder = resources.files("jobpacket").joinpath("i18n", "labels")
    for lang in available():
        own = yaml.safe_load(folder.joinpath(f"{lang}.yml").read_text(encoding="utf-8"))
        assert keys(own["reference_index"]) == english, lang


def test_in_a_right_to_left_index_an_address_reads_whole(tmp_path: Path) -> None:
    """In an Arabic index, the recommender's address may wrap after each dot of its domain:
    laid out right to left, its parts came out as "de.anna.schulz@example"."""
    from jobpacket.print import outputs

    from .pdf_support import text as pdf_text

    path = tmp_path / "p.yml"
    path.write_text(GERMAN.replace("lang: de", "lang: ar"), encoding="utf-8")
    doc = reference_index(load_profile(path, "p.yml"))
    text = pdf_text(outputs.render(doc, cache_dir=tmp_path / "cache"))
    assert "المراجع وخطابات التوصية" in text
    assert "anna.schulz@example.de" in text
