"""The <head> of every page (site/head.py): link-preview tags and, on the home page, the
schema.org Person, from the public view only and escaped where they land. That no private
value reaches any page is test_privacy.py's."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from jobpacket.profile.model import Profile
from jobpacket.profile.validate import load_profile
from jobpacket.site.head import head_tags, person_json_ld
from jobpacket.site.nav import relative_linker
from jobpacket.site.pages import SiteContext

from .conftest import EXAMPLE

PHOTO = "images/elena-vasquez.png"
SITE = "https://elena.example.com/"


@pytest.fixture(scope="module")
def example() -> Profile:
    return load_profile(EXAMPLE).profile


def _ctx(site_url: str | None = SITE, files: frozenset[str] = frozenset({PHOTO})) -> SiteContext:
    return SiteContext("Elena M. Vasquez", relative_linker(True), site_url, files)


def _meta(tags: str) -> dict[str, str]:
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', tags)
    return {k: html.unescape(v) for k, v in found}


def test_the_person_is_the_public_view_with_current_work_only(example: Profile) -> None:
    person = person_json_ld(example, _ctx())
    assert person["@type"] == "Person" and person["name"] == "Elena M. Vasquez"
    assert person["image"] == SITE + PHOTO
    assert person["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Pittsburgh",
        "addressRegion": "PA",
        "addressCountry": "US",
    }  # no street, no postcode: the public view leaves them out
    assert "telephone" not in person
    assert [w["name"] for w in person["worksFor"]] == ["Allegheny Health Analytics"]
    assert "Allegheny Technical University" in {e["name"] for e in person["alumniOf"]}
    assert person["sameAs"][0] == "https://github.example.com/evasquez"


def test_no_image_without_the_file_on_the_site_or_a_site_url(example: Profile) -> None:
    assert "image" not in person_json_ld(example, _ctx(files=frozenset()))
    assert "image" not in person_json_ld(example, _ctx(site_url=None))
    assert person_json_ld(example, _ctx(site_url=None))["url"] == (
        "https://elenavasquez.example.com"
    )


def test_home_tags_carry_the_label_the_preview_and_the_person(example: Profile) -> None:
    tags = head_tags(example, _ctx(), title="Elena M. Vasquez", url=SITE, home=True)
    meta = _meta(tags)
    assert meta["og:title"] == "Elena M. Vasquez – Senior Machine Learning Engineer"
    assert meta["og:image"] == SITE + PHOTO and meta["og:url"] == SITE
    assert meta["og:image:alt"] == "Photo of Elena M. Vasquez"
    assert meta["og:description"].startswith("Machine learning engineer with eight years")
    script = tags.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script) == person_json_ld(example, _ctx())
    other = head_tags(example, _ctx(), title="Projects", description="What I built")
    assert "ld+json" not in other and _meta(other)["og:title"] == "Projects"
    assert _meta(other)["og:description"] == "What I built"


def test_hostile_text_stays_text_in_attributes_and_json(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        'basics:\n  name: "Eve\\"><script>alert(1)</script>"\n'
        '  label: "</script><script>alert(2)</script>"\n',
        encoding="utf-8",
    )
    profile = load_profile(path).profile
    tags = head_tags(profile, _ctx(), title='A "quoted" <title>', home=True)
    assert "<script>alert" not in tags
    assert tags.count("<script") == 1 and tags.count("</script>") == 1
    assert _meta(tags)["og:title"] == 'A "quoted" <title> – </script><script>alert(2)</script>'
    script = tags.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script)["name"] == 'Eve"><script>alert(1)</script>'
