"""Where each page lives and how the nav lists it (site/nav.py), engine-free: the URL layout
all three engines share, relative links between pages, and the nav's order and sections."""

from __future__ import annotations

from jobpacket.site.nav import (
    auto_nav,
    is_page,
    nav_paths,
    nav_title,
    page_url,
    relative_linker,
    relative_url,
)
from jobpacket.site.pages import SitePage


def test_links_follow_the_engine_url_layout() -> None:
    flat, folders = relative_linker(False), relative_linker(True)
    assert flat("index.md", "resume.md") == "resume.html"
    assert flat("projects/a.md", "projects/index.md") == "index.html"
    assert flat("projects/a.md", "resume.pdf") == "../resume.pdf"
    assert folders("index.md", "resume.md") == "resume/"
    assert folders("projects/a.md", "projects/index.md") == "../"
    assert folders("resume.md", "images/p.png") == "../images/p.png"


def test_pages_are_markdown_files_whatever_the_case_of_the_suffix() -> None:
    assert is_page("resume.md") and is_page("notes/Talk.MARKDOWN")
    assert not is_page("resume.pdf") and not is_page("images/photo.png")


def test_page_urls_follow_the_engines_layout() -> None:
    assert page_url("index.md", True) == "./"
    assert page_url("resume.md", True) == "resume/"
    assert page_url("resume.md", False) == "resume.html"
    assert page_url("projects/index.md", True) == "projects/"
    assert page_url("projects/README.md", False) == "projects/index.html"
    assert page_url("projects/open-data.md", True) == "projects/open-data/"
    # files that are not pages keep their path, quoted for a URL
    assert (
        page_url("documents/Ann Lee résumé.pdf", True)
        == "documents/Ann%20Lee%20r%C3%A9sum%C3%A9.pdf"
    )


def test_relative_urls_climb_out_of_the_page_folder() -> None:
    assert relative_url("resume/", "projects/a/") == "../../resume/"
    assert relative_url("projects/", "projects/a/") == "../"
    assert relative_url("./", "resume/") == "../"
    assert relative_url("index.html", "index.html") == "index.html"
    assert relative_url("./", "./") == "./"
    assert relative_url("images/p.png", "projects/a.html") == "../images/p.png"


def test_nav_titles_are_escaped_once_and_plain() -> None:
    assert nav_title("R&D <lead>") == "R&amp;D &lt;lead&gt;"
    assert nav_title('Say "hi"') == "Say &quot;hi&quot;"


def _page(path: str, title: str, section: str | None = None, **more: object) -> SitePage:
    return SitePage(path=path, title=title, markdown=f"# {title}\n", section=section, **more)


def test_auto_nav_lists_generated_pages_then_handwritten_ones_by_folder() -> None:
    generated = [
        _page("index.md", "Ann Lee"),
        _page("resume.md", "Résumé"),
        _page("projects/index.md", "Projects", "Projects"),
        _page("projects/open-data.md", "Open data & maps", "Projects"),
        _page("projects/hidden.md", "Hidden", "Projects", in_nav=False),
    ]
    handwritten = ["talks/berlin.md", "about.md", "projects/extra.md", "talks/lisbon.md"]
    nav = auto_nav(generated, handwritten, replaced={"resume.md"})
    assert nav == [
        {"Home": "index.md"},
        "resume.md",  # replaced by a hand-written page: the engine titles it from its heading
        {
            "Projects": [
                {"Projects": "projects/index.md"},
                {"Open data &amp; maps": "projects/open-data.md"},
                "projects/extra.md",
            ]
        },
        "about.md",
        {"Talks": ["talks/berlin.md", "talks/lisbon.md"]},
    ]
    assert nav_paths(nav) == [
        "index.md",
        "resume.md",
        "projects/index.md",
        "projects/open-data.md",
        "projects/extra.md",
        "about.md",
        "talks/berlin.md",
        "talks/lisbon.md",
    ]
