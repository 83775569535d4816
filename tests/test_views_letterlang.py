"""views/letterlang.py: an application's own language (`applications[].lang`) for its letters
and packet, the résumé left in meta.lang. The derived profile on its own, then real letters
and a real packet printed by WeasyPrint and read back with pypdf, and the site, which never
shows applications."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from jobpacket.print import documents, formats, outputs, packet
from jobpacket.profile.paper import page_size
from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.views.letterlang import in_letter_language, letter_lang
from jobpacket.views.public import public_view

from .conftest import EXAMPLE
from .pdf_support import flat, page_texts, reader

#: An English profile with a German application (its letter written in German) and an
#: English one; a recommendation letter travels in both packets.
PROFILE = """\
basics:
  name: Jo Park
  label: Data Engineer
  email: jo.park@example.com
  phone: "+1 617 555 0100"
  location: {city: Boston, countryCode: US}
  summary: Data engineer who builds reliable pipelines for clinical research teams.
work:
  - name: Harbor Health
    position: Senior Data Engineer
    startDate: "2021-03"
    highlights:
      - Cut the nightly pipeline's run time from six hours to forty minutes.
      - Led the move of 120 research datasets to a new warehouse.
education:
  - institution: Northeastern University
    area: Computer Science
    studyType: MSc
    endDate: "2019-05"
references:
  - name: Dr. Marcus Hartman
    title: Director of Research Computing
    organization: Harbor Health
    email: m.hartman@example.com
    letter: {status: received, delivery: enclosed, file: hartman.pdf}
applications:
  - id: berlin
    organization: Charité Digital GmbH
    position: Dateningenieurin
    lang: de
    applied: "2026-12-07"
    contact:
      name: Dr. Naomi Feldman
      gender: female
      address: |
        Charité Digital GmbH
        Invalidenstraße 90
        10115 Berlin
    letter:
      kind: cover
      body: |
        BODY
  - id: boston
    organization: Beacon Labs
    position: Data Engineer
    applied: "2026-12-07"
    contact: {name: Ms. Priya Natarajan}
meta:
  lang: en
  lastModified: "2026-12-07"
"""
GERMAN = (
    "mit großem Interesse habe ich Ihre Ausschreibung für die Stelle als Dateningenieurin "
    "gelesen. Seit fünf Jahren entwickle ich bei Harbor Health in Boston Datenpipelines für "
    "klinische Forschungsteams, und ich möchte diese Erfahrung gern bei der Charité in Berlin "
    "einbringen.\n\n        In meiner jetzigen Position habe ich die Laufzeit der nächtlichen "
    "Verarbeitung von sechs Stunden auf vierzig Minuten gesenkt und 120 Forschungsdatensätze "
    "in ein neues Data Warehouse überführt. Dabei habe ich eng mit Ärztinnen, "
    "Studienkoordinatoren und der IT zusammengearbeitet.\n\n        Über die Gelegenheit, "
    "Ihnen meine Arbeit in einem persönlichen Gespräch vorzustellen, freue ich mich sehr."
)
ENGLISH = (
    "I am writing to apply for the data engineer position at Charité Digital in Berlin. For "
    "five years I have built the data pipelines of the clinical research teams at Harbor "
    "Health in Boston, and I would like to bring that experience to your team.\n\n        In my "
    "current role I cut the nightly run time from six hours to forty minutes and moved 120 "
    "research datasets to a new warehouse, working closely with the physicians and the study "
    "coordinators.\n\n        I would welcome the chance to talk about this work with you."
)


def write(tmp_path: Path, body: str = GERMAN, profile: str = PROFILE) -> LoadedProfile:
    """The profile in a site folder, with the recommendation letter it encloses."""
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    pdf = PdfWriter()
    pdf.add_blank_page(612, 792)
    pdf.write(folder / "hartman.pdf")
    path = folder / "me.yml"
    path.write_text(profile.replace("BODY", body), encoding="utf-8")
    return load_profile(path)


# --- the derived profile -------------------------------------------------------------------------


def test_the_application_language_wins_and_nothing_else_changes(tmp_path: Path) -> None:
    loaded = write(tmp_path)
    assert letter_lang(loaded.profile, 0) == "de"
    assert letter_lang(loaded.profile, 1) == "en"
    german = in_letter_language(loaded, 0)
    assert german.profile.meta.lang == "de"
    assert german.profile.applications == loaded.profile.applications
    assert german.source is loaded.source and german.path == loaded.path
    assert in_letter_language(loaded, 1) is loaded  # no language of its own: the same profile
    assert loaded.profile.meta.lang == "en"  # the loaded profile is never changed


@pytest.mark.parametrize(
    ("meta", "country", "paper"),
    [("lang: en-US", None, "Letter"), ("lang: en-GB", None, "A4"), ("lang: fr", "CA", "Letter")],
)
def test_the_letter_keeps_the_paper_of_the_profile(
    tmp_path: Path, meta: str, country: str | None, paper: str
) -> None:
    """page_size reads the region of meta.lang when the address names no country: a `de`
    letter of an en-US profile must not move to A4 while its résumé stays on Letter."""
    text = PROFILE.replace("lang: en\n", f"{meta}\n")
    text = text.replace("countryCode: US", f"countryCode: {country}" if country else "region: MA")
    loaded = write(tmp_path, profile=text)
    assert page_size(loaded.profile) == paper
    assert page_size(in_letter_language(loaded, 0).profile) == paper


def test_meta_lang_unset_gives_the_application_its_language_and_the_rest_english(
    tmp_path: Path,
) -> None:
    loaded = write(tmp_path, profile=PROFILE.replace("  lang: en\n", ""))
    assert letter_lang(loaded.profile, 0) == "de" and letter_lang(loaded.profile, 1) is None
    assert documents.letter_text(loaded, "boston").count("Dear Ms. Natarajan,") == 1
    assert "Sehr geehrte Frau Dr. Feldman," in documents.letter_text(loaded, "berlin")


# --- the letters, printed ------------------------------------------------------------------------


def _lang(pdf: bytes) -> str:
    return str(reader(pdf).trailer["/Root"]["/Lang"])


@pytest.mark.slow
def test_each_letter_prints_in_its_application_language(tmp_path: Path) -> None:
    loaded = write(tmp_path)
    german = outputs.render_uncached(documents.letter(loaded, "berlin"))
    english = outputs.render_uncached(documents.letter(loaded, "boston"))
    (de,) = [flat(t) for t in page_texts(german)]
    (en,) = [flat(t) for t in page_texts(english)]
    assert _lang(german) == "de" and _lang(english) == "en"
    assert "7. Dezember 2026" in de and "December" not in de
    assert "Frau Dr. Naomi Feldman" in de
    assert "Bewerbung als Dateningenieurin" in de
    assert "Sehr geehrte Frau Dr. Feldman," in de and "Mit freundlichen Grüßen" in de
    assert "Anlagen: Lebenslauf; Referenzen; Empfehlungsschreiben von Dr. Marcus Hartman" in de
    assert "Enclosures" not in de and "Résumé" not in de and "Dear" not in de
    assert "December 7, 2026" in en and "Re: Application for Data Engineer" in en
    assert "Dear Ms. Natarajan," in en and "Sincerely," in en
    assert "Enclosures: Résumé; References; Letter of recommendation from Dr. Marcus" in en
    # the PDF's own title and the HTML it was made from say the same
    assert reader(german).metadata.title == "Jo Park – Anschreiben – Charité Digital GmbH"
    assert 'lang="de"' in documents.letter(loaded, "berlin").html


def test_the_text_and_word_letters_follow_too(tmp_path: Path) -> None:
    from docx import Document

    loaded = write(tmp_path)
    text = formats.letter(loaded, "berlin", "txt").data.decode("utf-8")
    assert text.splitlines()[5] == "7. Dezember 2026"
    assert "Anlagen: Lebenslauf; Referenzen;" in text
    word = Document(io.BytesIO(formats.letter(loaded, "berlin", "docx").data))
    paragraphs = [p.text for p in word.paragraphs]
    assert "7. Dezember 2026" in paragraphs and "Sehr geehrte Frau Dr. Feldman," in paragraphs
    assert word.core_properties.language == "de"
    markdown, _ = documents.letter_markdown(loaded, "berlin")
    assert markdown.startswith("mit großem Interesse")


@pytest.mark.slow
def test_the_packet_is_the_letters_language_around_the_english_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(outputs.CACHE_ENV, str(tmp_path / "cache"))
    loaded = write(tmp_path)
    data = packet.render(packet.prepare(loaded, "berlin"))
    pdf = PdfReader(io.BytesIO(data))
    assert str(pdf.trailer["/Root"]["/Lang"]) == "de"
    assert pdf.metadata.title == "Jo Park – Bewerbung: Dateningenieurin, Charité Digital GmbH"
    top = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert top == [
        "Inhalt",
        "Anschreiben",
        "Lebenslauf",
        "Referenzen",
        "Empfehlungsschreiben von Dr. Marcus Hartman",
    ]
    pages = [flat(t) for t in page_texts(data)]
    contents, letter, resume, index, _ = pages
    assert "Inhalt" in contents and "Bewerbung: Dateningenieurin, Charité Digital GmbH" in contents
    assert "7. Dezember 2026" in letter and "Anlagen: Lebenslauf;" in letter
    # the résumé is the profile's, in meta.lang: English headings and dates
    assert "Experience" in resume and "Education" in resume and "May 2019" in resume
    assert "Berufserfahrung" not in resume
    assert "References and letters of recommendation" in index
    assert [p.rsplit("Jo Park ", 1)[-1] for p in pages] == [f"Seite {n} von 5" for n in range(1, 6)]
    # the English application's packet is English throughout
    english = packet.render(packet.prepare(loaded, "boston"))
    assert str(reader(english).trailer["/Root"]["/Lang"]) == "en"
    assert [i.title for i in reader(english).outline if not isinstance(i, list)][:3] == [
        "Contents",
        "Cover letter",
        "Résumé",
    ]


# --- the site ------------------------------------------------------------------------------------


def test_the_site_never_shows_an_application_nor_its_language(tmp_path: Path) -> None:
    loaded = write(tmp_path)
    view = public_view(loaded.profile)
    assert view.applications == [] and view.meta.lang == "en"
    assert "Dateningenieurin" not in view.model_dump_json()


def test_the_example_profile_is_untouched_by_the_module() -> None:
    """A profile without `applications[].lang` prints as before: the same profile object."""
    loaded = load_profile(EXAMPLE)
    assert loaded.profile.applications
    assert all(
        in_letter_language(loaded, i) is loaded for i in range(len(loaded.profile.applications))
    )
