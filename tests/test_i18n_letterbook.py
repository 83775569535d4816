"""i18n/letterbook.py on its own: each language's own salutation and closing, the reader's
title and surname read from the contact as people write it, English where a language has
no letter text. Whole letters in every language are in test_letter_texts.py."""

from __future__ import annotations

import pytest

from jobpacket.i18n.letterbook import (
    Addressee,
    addressee,
    closing,
    has_letters,
    keep_punctuation,
    letter_book,
    letter_languages,
    recipient_name,
    salutation,
)


@pytest.mark.parametrize(
    "written, gender, expected",
    [
        ("Dr. Naomi Feldman", None, Addressee("Naomi Feldman", "Feldman", None, "dr")),
        ("Ms. Priya Natarajan", None, Addressee("Priya Natarajan", "Natarajan", "female", None)),
        ("Frau Dr. Anna van der Berg", None,
         Addressee("Anna van der Berg", "van der Berg", "female", "dr")),
        ("Jo Park, PhD", None, Addressee("Jo Park", "Park", None, None)),  # degree dropped
        ("Jo Park", "male", Addressee("Jo Park", "Park", "male", None)),
        ("Ms. Sam Lee", "male", Addressee("Sam Lee", "Lee", "male", None)),  # gender wins
        ("Dr", None, Addressee("Dr", "Dr", None, None)),  # a name, not an honorific
        (None, None, Addressee("", "", None, None)),
    ],
)  # fmt: skip
def test_the_reader_is_read_from_the_contact_as_written(
    written: str | None, gender: str | None, expected: Addressee
) -> None:
    assert addressee(written, gender) == expected


@pytest.mark.parametrize(
    "lang, written, gender, expected",
    [
        ("en", "Dr. Naomi Feldman", None, "Dear Dr. Feldman,"),
        ("en", "Jo Park", "male", "Dear Mr. Park,"),
        ("en", None, None, "Dear Hiring Manager,"),
        ("de", "Frau Dr. Anna van der Berg", None, "Sehr geehrte Frau Dr. van der Berg,"),
        ("de", "Jo Park", "male", "Sehr geehrter Herr Park,"),
        ("de", None, None, "Sehr geehrte Damen und Herren,"),
        ("fr", "Mme Claire Dubois", None, "Madame,"),
        ("fr", "Jo Park", None, "Madame, Monsieur,"),
        ("es", "Ms. Priya Natarajan", None, "Estimada Sra. Natarajan:"),
        ("es", "Frau Dr. Anna van der Berg", None, "Estimada Dra. van der Berg:"),
        ("de-AT", "Jo Park", "male", "Sehr geehrter Herr Park,"),  # the region falls back
        ("ja", "Dr. Naomi Feldman", None, "Dear Dr. Feldman,"),  # no Japanese letter text
    ],
)
def test_each_language_writes_its_own_salutation(
    lang: str, written: str | None, gender: str | None, expected: str
) -> None:
    assert salutation(letter_book(lang), addressee(written, gender)) == expected


def test_the_closing_names_the_reader_where_the_language_does() -> None:
    assert closing(letter_book("en"), addressee("Mme Claire Dubois")) == "Sincerely,"
    assert closing(letter_book("fr"), addressee("Mme Claire Dubois")) == (
        "Veuillez agréer, Madame, l’expression de mes salutations distinguées."
    )
    assert closing(letter_book("de"), addressee("Jo Park", "male")) == "Mit freundlichen Grüßen"


def test_the_address_block_uses_the_letters_own_honorific() -> None:
    who = addressee("Ms. Priya Natarajan")
    assert recipient_name(letter_book("de"), who, "Ms. Priya Natarajan") == "Frau Priya Natarajan"
    assert recipient_name(letter_book("es"), who, "Ms. Priya Natarajan") == "Sra. Priya Natarajan"
    # English keeps the name as the profile writes it.
    assert recipient_name(letter_book("en"), who, "Ms. Priya Natarajan") == "Ms. Priya Natarajan"


def test_which_languages_have_letter_text() -> None:
    assert {"en", "de", "fr", "es"} <= set(letter_languages())
    assert has_letters(None) and has_letters("de-AT") and has_letters("fr")
    assert not has_letters("ja")


def test_a_missing_sentence_falls_back_to_english() -> None:
    english, german = letter_book("en"), letter_book("de")
    for key in english.data:
        assert german.has(key), key  # every top-level key exists after the merge
    assert not german.has("no.such.key")


def test_french_punctuation_gets_its_no_break_space_only_in_french() -> None:
    assert keep_punctuation("Objet : candidature ; « oui » !", "fr-CA") == (
        "Objet\u00a0: candidature\u00a0; «\u00a0oui\u00a0»\u00a0!"
    )
    assert keep_punctuation("Re: a ; b", "en") == "Re: a ; b"
    assert keep_punctuation("a : b", None) == "a : b"
