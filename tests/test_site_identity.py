"""Whose site it is (site/identity.py): its name, its canonical address and its interface
language, never the example's or another profile's. Through real builds: test_site.py."""

from __future__ import annotations

from jobpacket.profile.model import Profile
from jobpacket.site.identity import (
    EXAMPLE_SITE_NAME,
    EXAMPLE_SITE_URL,
    FOLLOW_NAME,
    SCAFFOLD_SITE_NAME,
    site_identity,
    theme_language,
)


def test_site_title_follows_the_profile_unless_set() -> None:
    profile = Profile.model_validate({"basics": {"name": "Jérémy Buget"}})
    assert site_identity(profile, FOLLOW_NAME, None, other_profile=False).site_name == (
        "Jérémy Buget"
    )
    assert site_identity(profile, "Ateliers", None, other_profile=False).site_name == "Ateliers"


def _profile(name: str | None = "Priya Raman", url: str | None = None) -> Profile:
    return Profile.model_validate({"basics": {"name": name, "url": url}})


def test_a_copy_of_the_repository_never_publishes_the_examples_name_or_address() -> None:
    mine = _profile(url="https://priya.example.net")
    who = site_identity(mine, EXAMPLE_SITE_NAME, EXAMPLE_SITE_URL, other_profile=False)
    assert (who.site_name, who.site_url) == ("Priya Raman", "https://priya.example.net/")
    placeholder = site_identity(mine, SCAFFOLD_SITE_NAME, None, other_profile=False)
    assert placeholder.site_name == "Priya Raman"
    # the example itself keeps them
    example = _profile(EXAMPLE_SITE_NAME)
    kept = site_identity(example, EXAMPLE_SITE_NAME, EXAMPLE_SITE_URL, other_profile=False)
    assert (kept.site_name, kept.site_url) == (EXAMPLE_SITE_NAME, EXAMPLE_SITE_URL)


def test_another_profile_than_mkdocs_yml_names_brings_its_own() -> None:
    mine = _profile(url="https://priya.example.net/cv/")
    who = site_identity(mine, "Ateliers", "https://ateliers.example.org/", other_profile=True)
    assert (who.site_name, who.site_url) == ("Priya Raman", "https://priya.example.net/cv/")
    nameless = site_identity(_profile(None), None, None, other_profile=True)
    assert (nameless.site_name, nameless.site_url) == ("Portfolio", None)


def test_only_a_plain_web_address_becomes_the_base_url() -> None:
    for url in ('https://x.example.org/"><script>', "mailto:priya@example.net", "ftp://x.org"):
        assert site_identity(_profile(url=url), None, None, other_profile=False).site_url is None
    assert site_identity(
        _profile(url="http://x.org"), None, None, other_profile=False
    ).site_url == ("http://x.org/")


def test_the_theme_speaks_the_profiles_language_unless_mkdocs_yml_says() -> None:
    themes = ["en", "de", "pt", "pt-BR", "zh-Hant"]
    assert theme_language("pt-BR", None, themes) == "pt-BR"
    assert theme_language("pt_PT", None, themes) == "pt"  # the language alone
    assert theme_language("de-AT", None, themes) == "de"
    assert theme_language("zh-hant", None, themes) == "zh-Hant"
    assert theme_language("ar", None, themes) is None  # not in the theme: left as it is
    assert theme_language("de", "fr", themes) is None  # mkdocs.yml's theme.language wins
    assert theme_language(None, None, themes) is None
