"""A site whose cost is linear in the profile (issue 12): past `NAV_PROJECTS_MAX` projects,
the nav lists the Projects page only, so every page's nav has the same size however many
projects there are. Real `mkdocs build --strict` runs."""

from __future__ import annotations

from pathlib import Path

from jobpacket.site.pages import NAV_PROJECTS_MAX

from .test_site import nav_titles
from .test_site_support import build_ok, make_site


def profile_with(projects: int) -> str:
    items = "".join(
        f"  - name: Harbor tool {i:02d}\n"
        f"    description: A command-line tool number {i} for *tide* data.\n"
        f"    url: https://example.org/tools/{i}\n"
        for i in range(projects)
    )
    return (
        "basics: {name: Marisol Etxeberria, label: Data engineer}\n"
        "work:\n  - {name: Harbor Freight Analytics, position: Data engineer, "
        'startDate: "2021-03"}\n'
        f"projects:\n{items}"
    )


def test_a_long_project_list_is_reached_from_the_projects_page(tmp_path: Path) -> None:
    count = NAV_PROJECTS_MAX + 8
    site_dir = build_ok(make_site(tmp_path / "s", profile_with(count)))
    for page in ("index.html", "projects/index.html", "projects/harbor-tool-07.html"):
        assert nav_titles(site_dir / page) == ["Home", "Résumé", "Projects"], page
    index = (site_dir / "projects" / "index.html").read_text(encoding="utf-8")
    for i in range(count):
        assert (site_dir / "projects" / f"harbor-tool-{i:02d}.html").is_file()
        assert f'href="harbor-tool-{i:02d}.html"' in index, i
    project = (site_dir / "projects" / "harbor-tool-07.html").read_text(encoding="utf-8")
    assert "<em>tide</em>" in project
    assert '<a class="md-button" href="index.html">' in project  # back to the list


def test_a_short_project_list_stays_in_the_nav(tmp_path: Path) -> None:
    site_dir = build_ok(make_site(tmp_path / "s", profile_with(NAV_PROJECTS_MAX)))
    titles = nav_titles(site_dir / "projects" / "harbor-tool-03.html")
    assert titles[:3] == ["Home", "Résumé", "Projects"]
    assert titles[3:] == [f"Harbor tool {i:02d}" for i in range(NAV_PROJECTS_MAX)]
