"""profile/paper.py: the paper size: meta.pageSize, then the address's country, then the
region of the language."""

from __future__ import annotations

import pytest

from jobpacket.profile.model import Profile
from jobpacket.profile.paper import page_size


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
    assert page_size(_profile(**meta)) == expected


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
    assert page_size(profile) == expected


def test_page_size_falls_back_to_the_country_of_the_address() -> None:
    profile = Profile.model_validate(
        {"basics": {"location": {"countryCode": "us"}}, "meta": {"lang": "en"}}
    )
    assert page_size(profile) == "Letter"
