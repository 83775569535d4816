"""print/printkit.py: what every printed document shares: the paper size (address, then
language), the reproducible document date, profile Markdown made safe for print. The
documents built on it are tested in test_print_documents.py."""

from __future__ import annotations

import pytest

from jobpacket.print import printkit
from jobpacket.profile.model import Profile


def _profile(**meta: object) -> Profile:
    return Profile.model_validate({"basics": {"name": "X"}, "meta": meta})


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"lang": "en-US"}, "Letter"),
        ({"lang": "en_CA"}, "Letter"),
        ({"lang": "es-MX"}, "Letter"),
        ({"lang": "en-GB"}, "A4"),
        ({"lang": "de-DE"}, "A4"),
        ({"lang": "fr"}, "A4"),
        ({}, "A4"),
        ({"lang": "en-US", "pageSize": "A4"}, "A4"),
        ({"lang": "de", "pageSize": "Letter"}, "Letter"),
    ],
)
def test_page_size_from_meta_then_language(meta: dict, expected: str) -> None:
    assert printkit.page_size(_profile(**meta)) == expected


@pytest.mark.parametrize(
    ("lang", "country", "expected"),
    [("pt-BR", "US", "Letter"), ("fr", "US", "Letter"), ("en-US", "GB", "A4"), ("de", "DE", "A4")],
)
def test_the_address_decides_the_paper_before_the_language(
    lang: str, country: str, expected: str
) -> None:
    profile = Profile.model_validate(
        {"basics": {"location": {"countryCode": country}}, "meta": {"lang": lang}}
    )
    assert printkit.page_size(profile) == expected


def test_page_size_falls_back_to_the_country_of_the_address() -> None:
    profile = Profile.model_validate(
        {"basics": {"location": {"countryCode": "us"}}, "meta": {"lang": "en"}}
    )
    assert printkit.page_size(profile) == "Letter"


def test_document_date_prefers_source_date_epoch_then_last_modified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    profile = _profile(lastModified="2026-11-03T09:00:00")
    assert printkit.document_date(profile).isoformat() == "2026-11-03T09:00:00+00:00"
    assert printkit.document_date(_profile(lastModified="2025-02")).year == 2025
    assert printkit.document_date(_profile()).isoformat() == "2000-01-01T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert printkit.document_date(profile).isoformat() == "1970-01-01T00:00:00+00:00"


def test_profile_text_is_escaped_and_markdown_links_stay_on_the_web() -> None:
    html = printkit.print_markdown(
        "**ok** <script>alert(1)</script> [x](../../etc/passwd) [y](https://e.org/) "
        "[z](javascript:alert(1)) ![i](https://e.org/i.png)"
    )
    assert "<strong>ok</strong>" in html
    assert "<script" not in html and "<img" not in html and "javascript" not in html
    assert 'href="https://e.org/"' in html
    assert "../../etc/passwd" not in html
    assert printkit.print_markdown("   ") == ""


def test_bare_urls_and_w3c_times_are_what_a_reader_and_a_pdf_expect() -> None:
    assert printkit.bare_url("https://www.example.org/cv/") == "www.example.org/cv"
    assert printkit.bare_url(None) == ""
    moment = printkit.document_date(_profile(lastModified="2026-11-03T09:00:00"))
    assert printkit.w3c(moment) == "2026-11-03T09:00:00Z"


def test_visible_leaves_out_private_entries() -> None:
    profile = Profile.model_validate(
        {"work": [{"name": "A"}, {"name": "B", "visibility": "private"}, {"name": "C"}]}
    )
    assert [w.name for w in printkit.visible(profile.work)] == ["A", "C"]
