"""The generated pages (site/pages.py), engine-free: which pages the public view makes, in
which order, their titles and descriptions, project slugs, and the images the site shows.
That no private value reaches a page is test_privacy.py's; whole builds are in test_site.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.profile.model import Profile
from jobpacket.profile.validate import load_profile
from jobpacket.site.nav import relative_linker
from jobpacket.site.pages import (
    NAV_PROJECTS_MAX,
    SiteContext,
    describe,
    is_local_image,
    nav_titles,
    public_of,
    referenced_images,
    site_pages,
)

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> Profile:
    return load_profile(EXAMPLE).profile


def _ctx(directory_urls: bool = False) -> SiteContext:
    return SiteContext("Elena M. Vasquez", relative_linker(directory_urls))


def _profile(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path).profile


def test_the_example_makes_every_page_in_reading_order(example: Profile) -> None:
    pages = site_pages(example, _ctx())
    assert [p.path for p in pages] == [
        "index.md",
        "resume.md",
        "projects/index.md",
        "projects/driftwatch.md",
        "projects/pittsburgh-transit-delay-forecaster.md",
        "projects/ledgerline.md",
        "publications.md",
        "certificates.md",
        "recommendations.md",
        "contact.md",
    ]
    titles = nav_titles(pages)
    assert titles["index.md"] == "Home" and pages[0].title == "Elena M. Vasquez"
    assert titles["projects/driftwatch.md"] == "driftwatch"
    assert {p.section for p in pages if p.path.startswith("projects/")} == {"Projects"}
    assert pages[1].description == "Résumé of Elena M. Vasquez"
    assert pages[3].description.startswith("Open-source Python library for detecting")


def test_empty_sections_make_no_page(tmp_path: Path) -> None:
    bare = _profile(tmp_path, "basics:\n  name: Ann Lee\n")
    assert [p.path for p in site_pages(bare, _ctx())] == ["index.md"]
    private = _profile(
        tmp_path,
        "basics:\n  name: Ann Lee\nprojects:\n  - name: Secret\n    visibility: private\n",
    )
    # a private project is not public: no Projects page, and no résumé with nothing on it
    assert [p.path for p in site_pages(private, _ctx())] == ["index.md"]


def test_project_slugs_are_unique_and_ascii(tmp_path: Path) -> None:
    projects = "".join(f"  - name: {name}\n" for name in ("Café Map", "Café Map", "数据", "数据"))
    profile = _profile(tmp_path, "basics:\n  name: Ann Lee\nprojects:\n" + projects)
    paths = [p.path for p in site_pages(profile, _ctx()) if p.path.startswith("projects/")]
    assert paths == [
        "projects/index.md",
        "projects/cafe-map.md",
        "projects/cafe-map-2.md",
        "projects/project-3.md",
        "projects/project-4.md",
    ]


def test_a_long_project_list_keeps_the_projects_out_of_the_nav(tmp_path: Path) -> None:
    projects = "".join(f"  - name: Tool {n}\n" for n in range(NAV_PROJECTS_MAX + 1))
    profile = _profile(tmp_path, "basics:\n  name: Ann Lee\nprojects:\n" + projects)
    pages = {p.path: p for p in site_pages(profile, _ctx())}
    assert pages["projects/index.md"].in_nav
    assert not any(p.in_nav for path, p in pages.items() if path.startswith("projects/tool"))


def test_the_description_is_the_summary_in_words_else_the_label(tmp_path: Path) -> None:
    summary = _profile(
        tmp_path, "basics:\n  name: Ann\n  summary: I **build** maps for [cities](x.md) and towns\n"
    )
    assert describe(public_of(summary)) == "I build maps for cities and towns"
    label = _profile(tmp_path, "basics:\n  name: Ann\n  label: Cartographer\n")
    assert describe(public_of(label)) == "Cartographer"


def test_the_images_the_site_shows_are_the_photo_and_public_project_images(
    tmp_path: Path,
) -> None:
    profile = _profile(
        tmp_path,
        "basics:\n  name: Ann\n  image: images/me.png\nprojects:\n"
        "  - name: Secret\n    visibility: private\n    images: [images/s.png]\n"
        "  - name: Open\n    images: [images/o.png, images/o2.jpg]\n",
    )
    assert list(referenced_images(profile)) == [
        (("basics", "image"), "images/me.png"),
        (("projects", 1, "images", 0), "images/o.png"),
        (("projects", 1, "images", 1), "images/o2.jpg"),
    ]
    assert is_local_image("images/Me.PNG") and not is_local_image("https://x.org/me.png")
    assert not is_local_image("documents/cv.pdf") and not is_local_image(None)


def test_the_public_view_is_made_once_per_profile(example: Profile) -> None:
    assert public_of(example) is public_of(example)
    assert public_of(example).basics.phone is None and example.basics.phone
