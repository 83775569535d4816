"""A corpus of résumé files in the shapes people really write (tests/fixtures/realworld/):
legacy keys, ongoing jobs, Markdown and HTML in summaries, tab indentation, a duplicate key,
French, German, Spanish, Portuguese, Italian and an untranslated language, skills without
keywords, odd country codes. Each is checked, rendered to PDF in both designs and read back;
a few are built as sites (a build takes seconds each)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from jobpacket.print import documents, outputs
from jobpacket.profile.validate import load_profile

from .conftest import FIXTURES, ROOT, run_cli
from .pdf_support import page_texts, weasyprint_log
from .test_site_support import build, mkdocs_env

REALWORLD = FIXTURES / "realworld"
CORPUS = sorted(REALWORLD.glob("*.json"))

#: file -> (Experience heading, the word for an ongoing job, employers, words never shown)
EXPECT: dict[str, tuple[str, str, list[str], list[str]]] = {
    "dutch-student-no-translation.resume.json": (
        "Experience",
        "Present",
        ["Brainport Robotics B.V."],
        [],
    ),
    "french-tabs.resume.json": (
        "Expérience professionnelle",
        "Aujourd’hui",
        ["Société Générale des Eaux de Lyon", "Atelier Numérique Croix-Rousse"],
        ["Experience", "Present"],
    ),
    "german-duplicate-key.resume.json": (
        "Berufserfahrung",
        "heute",
        ["Bayerische Motorenwerke Zulieferer GmbH", "Medizintechnik Süd AG"],
        ["Experience", "Present", "skype:"],
    ),
    "italian-researcher.resume.json": (
        "Esperienza professionale",
        "oggi",
        ["Istituto di Ricerca Biomedica Emilia", "Università di Bologna"],
        ["Experience", "Present", "matrix:", "xmpp:"],
    ),
    "legacy-keys.resume.json": (
        "Experience",
        "Present",
        ["Cascadia Freight Systems", "Rose City Payments", "Freelance"],
        [],
    ),
    "markdown-summaries.resume.json": (
        "Experience",
        "Present",
        ["Northern Rail Data Ltd", "Pennine Hosting"],
        ["headshot", "recruiters", "unused-ref", "[otel]", "evil.example", "onerror"],
    ),
    "portuguese-emoji.resume.json": (
        "Experiência profissional",
        "Atual",
        ["Mercado Paulista S.A.", "TransLog Brasil"],
        ["Experience", "Present", "[1]"],
    ),
    "spanish-html.resume.json": (
        "Experiencia",
        "Actualidad",
        ["Banco Mediterráneo Digital", "Estudio Albufera"],
        ["Present", "TODO", "alert", "tel:"],
    ),
}
#: Markup that must never survive as text on paper.
RAW = ["**", "](", "<", ">", "<!--", "![", "__", "&lt;", "&amp;", "\\u"]


def test_the_corpus_is_what_the_tests_expect() -> None:
    assert len(CORPUS) >= 8
    assert sorted(p.name for p in CORPUS) == sorted(EXPECT)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_check_accepts_it(path: Path) -> None:
    result = run_cli("check", "--profile", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def _current_employers(path: Path) -> list[str]:
    """Employers of jobs with a start date and no end date, read from the file itself."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        w.get("name") or w.get("company")
        for w in data.get("work", [])
        if w.get("startDate") and not w.get("endDate")
    ]


@pytest.mark.parametrize("design", ["classic", "modern"])
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_pdf_is_faithful(path: Path, design: str) -> None:
    heading, present, employers, never = EXPECT[path.name]
    loaded = load_profile(path)
    with weasyprint_log() as log:
        pdf = outputs.render_uncached(documents.resume(loaded, public=False, design=design))
    assert log.messages == []
    pages = page_texts(pdf)
    assert len(pages) == 1, "each of these short résumés fits one page"
    text = pages[0].replace("\xa0", " ")
    lines = text.splitlines()
    # The section heading, in the profile's language (modern sets headings in capitals).
    assert heading.casefold() in {line.strip().casefold() for line in lines}
    for employer in employers:
        assert employer in text, f"employer {employer!r} vanished"
    current = _current_employers(path)
    assert current, "every corpus file has an ongoing job"
    for employer in current:
        [line] = [x for x in lines if employer in x and re.search(r"\d{4}", x)]
        assert line.rstrip().endswith(f"– {present}"), line
    for raw in RAW:
        assert raw not in text, f"raw markup {raw!r} printed"
    for word in never:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), f"{word!r} printed"


def test_summary_lines_become_a_list_and_skills_have_no_dangling_colon() -> None:
    loaded = load_profile(REALWORLD / "markdown-summaries.resume.json")
    text = page_texts(outputs.render_uncached(documents.resume(loaded, public=False)))[0]
    lines = text.replace("\xa0", " ").splitlines()
    assert "• capacity planning" in lines and "• OpenTelemetry adoption" in lines
    assert "Terraform, Go" in lines  # skills without keywords: one line, no colon
    assert "BSc, Physics, University of Leeds, First-class honours Sept 2012 – Jun 2015" in lines


def test_legacy_keys_print_as_current_ones() -> None:
    loaded = load_profile(REALWORLD / "legacy-keys.resume.json")
    html = documents.resume(loaded, public=False).html
    assert 'href="https://cascadiafreight.example.com"' in html  # work[].website
    assert "GPA 3.6" in html  # education[].gpa, a number on the four-point scale
    assert "Go (Advanced)" in html and "PostgreSQL (Intermediate)" in html  # skills[].level
    assert "Cycling" in html  # interests
    assert "Freight brokerage software" in html  # work[].description


def test_untranslated_language_falls_back_to_english_with_one_note() -> None:
    loaded = load_profile(REALWORLD / "dutch-student-no-translation.resume.json")
    notes = [n for n in loaded.notes if n.path == ("meta", "lang")]
    assert len(notes) == 1 and notes[0].severity == "info" and "'nl-NL'" in notes[0].message


# --- sites ---------------------------------------------------------------------------------


def _json_site(target: Path, profile: Path, *, name: str = "profile.json") -> Path:
    """A site folder with the repository's mkdocs.yml, pointed at a JSON profile."""
    target.mkdir(parents=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("profile: profiles/example.yml", f"profile: profiles/{name}")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    (target / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "site.py", target / "hooks" / "site.py")
    (target / "profiles").mkdir()
    shutil.copy(profile, target / "profiles" / name)
    (target / "content").mkdir()
    return target


def _ok(result) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr


def test_french_site_speaks_french(tmp_path: Path) -> None:
    folder = _json_site(tmp_path / "fr", REALWORLD / "french-tabs.resume.json")
    _ok(build(folder))
    site = folder / "site"
    resume = (site / "resume.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home  # Material's interface follows meta.lang
    assert "Expérience professionnelle" in resume and "Compétences" in resume
    assert "Aujourd’hui" in resume and 'datetime="2021-09"' in resume
    assert "Société Générale des Eaux de Lyon" in resume
    assert "Télécharger le CV (PDF)" in home
    # Profile-specific, not the example's: name and canonical address.
    assert "Elena" not in home and "elenavasquez" not in home
    assert '<link rel="canonical" href="https://camille-lefevre.example.fr/"' in home
    assert "<li>huit ans d’expérience" in home  # "- " lines in the summary are a list
    pdf = page_texts((site / "resume.pdf").read_bytes())
    assert "Page" not in pdf[0] and "Expérience professionnelle" in pdf[0]


def test_other_profile_does_not_wear_the_examples_name(tmp_path: Path) -> None:
    """The repository's mkdocs.yml names the example; JOBPACKET_PROFILE points elsewhere,
    at a profile beside mkdocs.yml with no profiles/ folder at all."""
    folder = tmp_path / "it"
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "site.py", folder / "hooks" / "site.py")
    (folder / "content").mkdir()
    shutil.copy(REALWORLD / "italian-researcher.resume.json", folder / "giulia.json")
    result = build(folder, env=mkdocs_env(JOBPACKET_PROFILE="giulia.json"))
    _ok(result)
    for page in (folder / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Elena" not in text and "elenavasquez" not in text, page
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Giulia Bianchi" in home
    assert '<html lang="it"' in home
    assert 'href="https://giuliabianchi.example.it/"' in home
    resume = (folder / "site" / "resume.html").read_text(encoding="utf-8")
    assert "Esperienza professionale" in resume and "oggi" in resume
    assert 'href="matrix:u/giulia:matrix.example.org"' in home


def test_legacy_site_shows_the_employers(tmp_path: Path) -> None:
    folder = _json_site(tmp_path / "legacy", REALWORLD / "legacy-keys.resume.json")
    result = build(folder, strict=False)  # basics.picture is a web address: a warning
    assert result.returncode == 0, result.stderr
    assert "basics.image: remote images are not shown" in result.stderr
    resume = (folder / "site" / "resume.html").read_text(encoding="utf-8")
    for employer in ("Cascadia Freight Systems", "Rose City Payments", "Freelance"):
        assert employer in resume
    assert "Feb\xa02020" in resume and "Present" in resume
    assert "Courses: CS350 Algorithms" in resume and "GPA 3.6" in resume


def test_example_identity_matches_the_repository_mkdocs_yml() -> None:
    from jobpacket.site import identity

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_name: {identity.EXAMPLE_SITE_NAME}\n" in text
    assert f"site_url: {identity.EXAMPLE_SITE_URL} " in text


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://ann.example.com", "https://ann.example.com/"),
        ("https://ann.example.com/cv/", "https://ann.example.com/cv/"),
        ('https://x.example/"><script>alert(1)</script>', None),
        ("https://x.example/a b", None),
        ("mailto:ann@example.com", None),
        ("ann.example.com", None),
    ],
)
def test_site_url_from_the_profile_is_a_plain_web_address(url: str, expected: str | None):
    from jobpacket.profile.model import Basics, Profile
    from jobpacket.site import identity

    profile = Profile(basics=Basics(name="Ann", url=url))
    who = identity.site_identity(profile, "Elena M. Vasquez", None, other_profile=False)
    assert who.site_url == expected and who.site_name == "Ann"


# --- dates and words in the profile's language ------------------------------------------------

LETTER_PROFILE = """\
basics:
  name: Camille Lefèvre
  email: camille@example.fr
work:
  - name: Atelier Numérique
    position: Développeuse
    startDate: "2021-09"
    endDate: ""
applications:
  - id: mairie-lyon
    organization: Mairie de Lyon
    position: Développeuse senior
    letter:
      kind: cover
      date: "2026-11-03"
      greeting: Madame, Monsieur,
      body: Je vous écris pour le poste de **développeuse senior**.
      closing: Cordialement,
    attachments:
      - path: portfolio.pdf
        title: Portfolio
meta:
  lang: {lang}
"""


def test_letter_date_line_and_enclosures_follow_the_language(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yml"
    profile.write_text(LETTER_PROFILE.replace("{lang}", "fr-FR"), encoding="utf-8")
    (tmp_path / "portfolio.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    loaded = load_profile(profile)
    text = page_texts(outputs.render_uncached(documents.letter(loaded, "mairie-lyon")))[0]
    text = text.replace("\xa0", " ")
    assert "3 novembre 2026" in text
    assert "Pièces jointes : CV ; Portfolio" in text  # French spacing, no-break before : and ;
    assert "Enclosures" not in text and "November" not in text


@pytest.mark.parametrize(
    "lang, present, page",
    [
        ("en-US", "Present", '"Page " counter(page) " of " counter(pages)'),
        ("de-DE", "heute", '"Seite " counter(page) " von " counter(pages)'),
        ("pt-BR", "Atual", '"Página " counter(page) " de " counter(pages)'),
        ("it", "oggi", '"Pagina " counter(page) " di " counter(pages)'),
    ],
)
def test_empty_end_date_is_ongoing_and_the_footer_is_translated(
    tmp_path: Path, lang: str, present: str, page: str
) -> None:
    from jobpacket.site import pages

    profile = tmp_path / "profile.yml"
    profile.write_text(LETTER_PROFILE.replace("{lang}", lang), encoding="utf-8")
    loaded = load_profile(profile)
    assert loaded.profile.work[0].endDate is None  # "" is no end date: ongoing
    html = documents.resume(loaded, public=False).html
    assert f" – {present}</p>" in html  # plain spaces in print: the CSS keeps it on a line
    assert page in html
    site = str(pages.date_range("2021-09", None, lang))
    assert site.startswith('<time datetime="2021-09">') and site.endswith(f"– {present}")
    assert " " not in site.split("</time>")[0].split(">", 1)[1]  # no breaking space in a date


@pytest.mark.parametrize(
    "lang, configured, expected",
    [
        ("fr-FR", None, "fr"),
        ("pt-BR", None, "pt-BR"),
        ("de", "en", None),  # mkdocs.yml's theme.language wins
        ("nl", None, None),  # a language the theme lacks: leave the theme's default
        (None, None, None),
    ],
)
def test_theme_language_follows_meta_lang_unless_mkdocs_yml_sets_it(
    lang: str | None, configured: str | None, expected: str | None
) -> None:
    from jobpacket.site import identity

    assert identity.theme_language(lang, configured, ["en", "fr", "de", "pt", "pt-BR"]) == expected


def test_theme_language_set_in_mkdocs_yml_is_read(tmp_path: Path) -> None:
    from jobpacket.settings import configured_theme_language

    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: X\ntheme:\n  name: material\n  language: de\n", encoding="utf-8")
    assert configured_theme_language(yml) == "de"
    yml.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert configured_theme_language(yml) is None
