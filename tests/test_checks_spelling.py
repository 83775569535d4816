"""Rule `spelling`: offline dictionary plus the profile's own names and the user's word list."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, at, findings, pos

WORK = """\
work:
  - name: Camden Foods
    position: Data Analyst
    summary: >-
      Built the weekly forecasting reports for the buying team.
    highlights:
      - {bullet}
"""


def test_misspelt_word_is_located_with_a_suggestion(tmp_path: Path) -> None:
    text = BASE + WORK.format(bullet="Recieved the analyst award and trained new starters.")
    (problem,) = findings(tmp_path, text, "spelling")
    assert at(problem) == pos(text, "Recieved")
    assert problem.severity == "warning"
    assert str(problem) == (
        f"p.yml:{problem.line}:{problem.col}: warning spelling: "
        "work[0].highlights[0]: 'Recieved'; "
        "did you mean 'Received'?"
    )


def test_word_inside_a_folded_summary_is_located_on_its_line(tmp_path: Path) -> None:
    text = BASE.replace("retail forecasting", "retail forcasting")
    (problem,) = findings(tmp_path, text, "spelling")
    assert at(problem) == pos(text, "forcasting")
    assert problem.hint == "did you mean 'forecasting'?"


def test_profile_names_tech_terms_and_identifiers_are_not_misspellings(tmp_path: Path) -> None:
    bullet = (
        "Moved Camden reporting to Snowflake and dbt, wrote `load_sales_v2` and "
        "SalesForecaster, documented on https://wiki.example.com/forcast and mail "
        "ops@camden.example.com; cut runtime by 40%."
    )
    text = BASE + WORK.format(bullet=bullet)
    assert findings(tmp_path, text, "spelling") == []


def test_user_dictionary_next_to_the_profile(tmp_path: Path) -> None:
    text = BASE + WORK.format(bullet="Ran the Wexbridge replenishment trial across 40 stores.")
    text = text.replace("Ran the Wexbridge", "Ran the wexbridge")
    (problem,) = findings(tmp_path, text, "spelling")
    assert problem.message == "'wexbridge'"
    assert "profiles/dictionary.txt" in problem.hint or "did you mean" in problem.hint
    (tmp_path / "dictionary.txt").write_text("# our words\nwexbridge\n", encoding="utf-8")
    assert findings(tmp_path, text, "spelling") == []


def test_other_language_dictionary_when_meta_lang_asks(tmp_path: Path) -> None:
    text = (
        BASE.replace(
            "Data analyst with five years of experience in retail forecasting and reporting.",
            "Analista de datos con cinco años de experiencia en previsión de ventas y informes.",
        )
        + "meta:\n  lang: es-ES\n"
    )
    assert findings(tmp_path, text, "spelling") == []
    text = text.replace("experiencia", "experiensia")
    (problem,) = findings(tmp_path, text, "spelling")
    assert at(problem) == pos(text, "experiensia")


def test_language_without_a_dictionary_is_an_info_not_a_warning(tmp_path: Path) -> None:
    text = BASE + "meta:\n  lang: sv-SE\n"
    (problem,) = findings(tmp_path, text, "spelling")
    assert problem.severity == "info"
    assert at(problem) == pos(text, "sv-SE")


def test_french_profile_with_elisions_and_english_tech_words(tmp_path: Path) -> None:
    summary = (
        "Développeuse full stack avec six ans d’expérience, engagée pour l’accessibilité "
        "et les meetups locaux."
    )
    text = (
        BASE.replace(
            "Data analyst with five years of experience in retail forecasting and reporting.",
            summary,
        )
        + "meta:\n  lang: fr-FR\n"
    )
    assert findings(tmp_path, text, "spelling") == []
    # a likely typo is still flagged, with the dictionary's suggestion
    text = text.replace("expérience", "expérrience")
    (problem,) = findings(tmp_path, text, "spelling")
    assert at(problem) == pos(text, "d’expérrience")


# --- the language, when meta.lang does not say (issue 19) ----------------------------------------

FRENCH = (
    Path(__file__).parent
    / "fixtures"
    / "proofreading"
    / "chargee-de-projet-sans-langue.resume.json"
)


def test_a_french_profile_without_meta_lang_is_checked_in_french(tmp_path: Path) -> None:
    """JSON Resume files never carry meta.lang: the French one got dozens of English
    warnings ('Mise' -> 'Miss', 'des' -> 'does') and "Mise en œuvre" was cut into 'uvre'."""
    text = FRENCH.read_text(encoding="utf-8")
    found = findings(tmp_path, text, "spelling")
    assert [(p.severity, p.message) for p in found] == [
        ("info", "meta.lang is not set; the text reads as French, so spelling is checked in it")
    ]
    assert found[0].hint.startswith("set meta.lang: fr to say so")
    # A real typo gets a French suggestion, never an English one.
    typo = text.replace("Pilotage de trois prestataires", "Pilotage de trois prestatiares")
    (_, problem) = findings(tmp_path, typo, "spelling")
    assert problem.message == "'prestatiares'"
    assert problem.hint == "did you mean 'prestataires'?"


def test_words_are_whole_across_ligatures(tmp_path: Path) -> None:
    from jobpacket.checks.text import words

    assert [w for w, _ in words("Mise en œuvre, Œdipe, Ærø, Łódź")] == [
        "Mise", "en", "œuvre", "Œdipe", "Ærø", "Łódź",
    ]  # fmt: skip


def test_an_english_profile_never_gets_an_english_word_for_a_foreign_one(tmp_path: Path) -> None:
    text = BASE + WORK.format(bullet="Organized the monthly réunions with the buying team.")
    (problem,) = findings(tmp_path, text, "spelling")
    assert problem.message == "'réunions'"
    assert "did you mean" not in problem.hint  # not 'reunions': it would change the word


def test_a_name_in_a_script_without_capitals_is_not_a_misspelling(tmp_path: Path) -> None:
    text = BASE + WORK.format(bullet="Translated the training guide for the 東京都庁 office.")
    assert findings(tmp_path, text, "spelling") == []


# --- an application with a language of its own (applications[].lang) ----------------------------

GERMAN_APPLICATION = """\
applications:
  - id: berlin
    organization: Charité Digital
    position: Datenanalystin
    lang: de
    letter:
      body: >-
        mit großem Interesse habe ich Ihre Ausschreibung gelesen. In meiner jetzigen Position
        habe ich die Fehlerquote der wöchentlichen Prognosen deutlich gesenkt, und ich freue
        mich darauf, Ihnen meine Arbeit in einem persönlichen Gespräch vorzustellen.
meta:
  lang: en
"""


def test_an_application_with_its_own_language_is_read_with_that_word_list(
    tmp_path: Path,
) -> None:
    """Under meta.lang en a German letter was all misspellings; with `lang: de` its words
    are German words, and a German typo gets a German suggestion."""
    text = BASE + GERMAN_APPLICATION
    assert findings(tmp_path, text, "spelling") == []
    typo = text.replace("jetzigen", "jetzigne")
    (problem,) = findings(tmp_path, typo, "spelling")
    assert at(problem) == pos(typo, "jetzigne")
    assert problem.path == ("applications", 0, "letter", "body")
    assert problem.hint == "did you mean 'jetzigen'?"
    # the rest of the profile is still English: an English typo there is still found
    english = typo.replace("retail forecasting", "retail forcasting")
    assert [p.message for p in findings(tmp_path, english, "spelling")] == [
        "'forcasting'",
        "'jetzigne'",
    ]
    # without the application's language, the German letter is read as English
    unmarked = findings(tmp_path, text.replace("    lang: de\n", ""), "spelling")
    assert len(unmarked) > 5
