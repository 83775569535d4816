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
