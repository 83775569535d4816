"""i18n/tags.py: one reading of a language tag for labels, letters, dates, spelling and paper."""

from __future__ import annotations

import pytest

from jobpacket.i18n.tags import language, lookups, primary, region


@pytest.mark.parametrize(
    ("lang", "first", "where", "files"),
    [
        (None, "en", None, []),
        ("", "en", None, []),
        ("fr", "fr", None, ["fr"]),
        ("pt-BR", "pt", "BR", ["pt-BR", "pt"]),
        ("pt_BR", "pt", "BR", ["pt-BR", "pt"]),
        ("EN-us", "en", "US", ["EN-us", "en"]),
        ("zh-Hant-TW", "zh", "TW", ["zh-Hant-TW", "zh"]),
    ],
)
def test_a_tag_reads_the_same_everywhere(
    lang: str | None, first: str, where: str | None, files: list[str]
) -> None:
    assert primary(lang) == first
    assert region(lang) == where
    assert lookups(lang) == files


def test_a_document_declares_the_tag_as_written_or_english() -> None:
    assert language(None) == "en"
    assert language("de-CH") == "de-CH"
