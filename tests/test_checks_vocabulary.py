"""checks/vocabulary.py: the words a general dictionary lacks but résumés use, and the user's
own word list beside the profile. The spelling rule that reads them is tested in
test_checks_spelling.py."""

from __future__ import annotations

from pathlib import Path

from jobpacket.checks.vocabulary import DICTIONARY_FILE, acronyms, known_words, user_words


def test_the_shipped_list_knows_resume_words_lower_cased() -> None:
    words = known_words()
    assert {"résumé", "onboarding", "stakeholder", "hackathon"} <= words
    assert all(w == w.lower() for w in words)
    assert not any(w.startswith("#") or not w.strip() for w in words)


def test_acronyms_are_the_words_written_in_capitals() -> None:
    found = acronyms()
    assert found and found <= known_words()
    assert "résumé" not in found and "onboarding" not in found


def test_the_users_words_come_from_the_file_beside_the_profile(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yml"
    assert user_words(profile) == frozenset()  # no file: no words, no error
    (tmp_path / DICTIONARY_FILE).write_text(
        "# my words\nLedgerline\n  Etxeberria  # my name\n\nSimMan\n", encoding="utf-8"
    )
    assert user_words(profile) == {"ledgerline", "etxeberria", "simman"}


def test_an_unreadable_word_list_is_no_words(tmp_path: Path) -> None:
    (tmp_path / DICTIONARY_FILE).write_bytes(b"\xff\xfe not utf-8 \x80")
    assert user_words(tmp_path / "profile.yml") == frozenset()
