"""i18n/labels.py: the words jobpacket writes itself, one data file per language, English
where a language (or a region of it) says nothing; the direction of the script; how a grade
is introduced."""

from __future__ import annotations

import pytest

from jobpacket.i18n.labels import available, direction, labels, score, translated


def test_a_language_and_its_regions_get_its_words_an_unknown_one_english() -> None:
    assert labels("de")["sections"]["experience"] == "Berufserfahrung"
    assert labels("de-AT")["sections"]["experience"] == "Berufserfahrung"
    assert labels("xx")["sections"]["experience"] == "Experience"
    assert labels(None) == labels("en")
    assert translated("de") and translated(None) and not translated("xx")


def test_every_language_file_has_every_english_section() -> None:
    english = set(labels("en")["sections"])
    for lang in available():
        assert set(labels(lang)["sections"]) == english, lang
    assert {"en", "de", "fr", "ja", "ar", "he"} <= set(available())


def test_every_language_file_has_every_word_a_document_prints() -> None:
    """The words outside the sections (a packet's "Contents", "Application for ...", the
    letters' "Enclosures", "Page n of N"): English would otherwise show through the fallback
    in a packet that is otherwise in the language."""
    from importlib import resources

    import yaml

    english = {k for k, v in labels("en").items() if not isinstance(v, dict)}
    folder = resources.files("jobpacket").joinpath("i18n", "labels")
    for lang in available():
        own = yaml.safe_load(folder.joinpath(f"{lang}.yml").read_text(encoding="utf-8"))
        assert english <= set(own), (lang, sorted(english - set(own)))


def test_right_to_left_scripts_are_named() -> None:
    assert direction("ar") == "rtl" and direction("he-IL") == "rtl"
    assert direction("en") == "ltr" and direction(None) == "ltr"


@pytest.mark.parametrize(
    "value, lang, shown",
    [
        ("3.8/4.0", "en", "GPA 3.8/4.0"),
        ("3,8", "de", "Note 3,8"),
        ("92%", "fr", "Mention 92%"),
        ("Summa cum laude", "en", "Summa cum laude"),  # words speak for themselves
        (None, "en", ""),
    ],
)
def test_a_numeric_grade_is_introduced_in_the_language(
    value: str | None, lang: str, shown: str
) -> None:
    assert score(value, lang) == shown
