"""The portfolio site: real `mkdocs build` runs of the repository's mkdocs.yml and hook."""

from __future__ import annotations

import html
import html.parser
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from .conftest import EXAMPLE, ROOT, run_python
from .test_site_support import (
    HOSTILE,
    build,
    build_ok,
    built,
    make_site,
    mkdocs_env,
    site_files,
)

EXAMPLE_PAGES = [
    "index.html",
    "resume.html",
    "projects/index.html",
    "projects/driftwatch.html",
    "projects/pittsburgh-transit-delay-forecaster.html",
    "projects/ledgerline.html",
    "publications.html",
    "certificates.html",
    "recommendations.html",
    "contact.html",
]


class NavTitles(html.parser.HTMLParser):
    """Titles of the primary nav's links, in order, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.toc_depth = 0  # the current page's table of contents, nested in the nav
        self.in_link = False
        self.titles: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "nav" and "md-nav--primary" in classes:
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
            if "md-nav--secondary" in classes and not self.toc_depth:
                self.toc_depth = self.depth
        if self.depth and not self.toc_depth and tag == "a" and "md-nav__link" in classes:
            self.in_link, self._text = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            if self.toc_depth == self.depth:
                self.toc_depth = 0
            self.depth -= 1
        if tag == "a" and self.in_link:
            self.in_link = False
            self.titles.append(" ".join("".join(self._text).split()))

    def handle_data(self, data: str) -> None:
        if self.in_link:
            self._text.append(data)


def nav_titles(page: Path) -> list[str]:
    parser = NavTitles()
    parser.feed(page.read_text(encoding="utf-8"))
    return [t for t in parser.titles if t]


def head_of(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def meta_content(page: Path, key: str) -> str | None:
    match = re.search(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', head_of(page)
    )
    return html.unescape(match.group(1)) if match else None


def json_ld(page: Path) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.DOTALL
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


# --- the example ---------------------------------------------------------------------------


def test_example_builds_every_page_in_nav_order() -> None:
    site_dir = built("example") / "site"  # built with --strict; a warning fails it
    for page in EXAMPLE_PAGES:
        assert (site_dir / page).is_file(), page
    assert nav_titles(site_dir / "index.html") == [
        "Home",
        "Résumé",
        "Projects",
        "driftwatch",
        "Pittsburgh Transit Delay Forecaster",
        "ledgerline",
        "Publications",
        "Certificates and awards",
        "Recommendations",
        "Contact",
    ]
    home = (site_dir / "index.html").read_text()
    assert "Senior Machine Learning Engineer" in home
    resume = (site_dir / "resume.html").read_text()
    for heading in ("Experience", "Education", "Skills", "Languages", "Certificates", "Awards"):
        assert f">{heading}<" in resume
    assert "Three Rivers Freight" in resume
    project = (site_dir / "projects" / "driftwatch.html").read_text()
    assert "1,300 GitHub stars" in project and "monitoring" in project
    recommendations = (site_dir / "recommendations.html").read_text()
    assert "Direct manager since 2023" in recommendations
    assert "the engineer I trust" in recommendations


def test_example_build_writes_nothing_into_content_or_the_profile() -> None:
    folder = built("example")
    content = folder / "content"
    laid_out = ["images", "images/elena-vasquez.png"]  # what make_site copied for the example
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == laid_out
    assert (folder / "profiles" / "profile.yml").read_bytes() == EXAMPLE.read_bytes()


def test_home_has_pdf_button_previews_canonical_and_json_ld() -> None:
    site_dir = built("example") / "site"
    index = site_dir / "index.html"
    head = head_of(index)
    assert '<link rel="canonical" href="https://elenavasquez.example.com/">' in head
    assert meta_content(index, "og:title") == "Elena M. Vasquez – Senior Machine Learning Engineer"
    assert meta_content(index, "og:url") == "https://elenavasquez.example.com/"
    assert meta_content(index, "og:description").startswith("Machine learning engineer")
    assert meta_content(index, "twitter:card") == "summary"
    person = json_ld(index)
    assert person["@type"] == "Person" and person["name"] == "Elena M. Vasquez"
    assert person["jobTitle"] == "Senior Machine Learning Engineer"
    assert "https://github.example.com/evasquez" in person["sameAs"]
    assert "telephone" not in person and "streetAddress" not in person["address"]
    # The résumé PDF is in the site and the button points at it.
    assert (site_dir / "resume.pdf").read_bytes().startswith(b"%PDF-")
    assert (
        '<a class="md-button md-button--primary" href="resume.pdf" download>' in index.read_text()
    )
    # Other pages have previews too, but the Person only once.
    project = site_dir / "projects" / "ledgerline.html"
    assert meta_content(project, "og:title") == "ledgerline"
    assert "application/ld+json" not in project.read_text()


def test_no_page_loads_anything_from_another_host() -> None:
    site_dir = built("example") / "site"
    navigation_only = {"canonical", "alternate", "next", "prev"}
    for page in site_dir.rglob("*.html"):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            if tag == "a" or (tag == "link" and attrs.get("rel") in navigation_only):
                continue  # links a reader may follow, not something the page loads
            for name in ("src", "href", "srcset", "data", "poster"):
                url = attrs.get(name) or ""
                assert not re.match(r"^\s*(?:[a-z]+:)?//", url, re.I), (page.name, tag, url)
    for sheet in site_dir.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?(?:[a-z]+:)?//|@import", text, re.I), sheet
    polyfills = re.findall(r'<script src="([^"]+)"', (site_dir / "index.html").read_text())
    assert "assets/jobpacket/iframe-worker.js" in polyfills  # not unpkg.com's iframe-worker


def test_scaffold_from_jobpacket_new_builds_strict(tmp_path: Path) -> None:
    run_python(
        "-m", "jobpacket.cli", "new", str(tmp_path / "mine"), "--name", "Mine",
        check=True, env=mkdocs_env(), binary=True,
    )  # fmt: skip
    from .test_new import fill_in

    fill_in(tmp_path / "mine")  # the starter's text stops a build until it is replaced
    site_dir = build_ok(tmp_path / "mine")
    assert (site_dir / "index.html").is_file() and (site_dir / "resume.html").is_file()
    assert "<title>Mine</title>" in (site_dir / "index.html").read_text(encoding="utf-8")
    assert (site_dir / "resume.pdf").read_bytes().startswith(b"%PDF-")
    scaffold = (ROOT / "hooks/jobpacket/scaffold/mkdocs.yml").read_text()
    repo = (ROOT / "mkdocs.yml").read_text()

    def drop(text: str) -> list[str]:
        return [
            line
            for line in text.splitlines()
            if not re.match(r"^#? ?site_(name|url):|^\s+profile:", line)
        ]

    assert drop(scaffold) == drop(repo), "scaffold mkdocs.yml drifted from the repo's"


# --- what makes pages ----------------------------------------------------------------------


def test_empty_sections_make_no_page_and_no_nav_entry(tmp_path: Path) -> None:
    profile = """
basics: {name: Solo Person}
work:
  - {name: Acme, position: Engineer, startDate: "2021"}
projects:
  - {name: Hidden, visibility: private}
references:
  - {name: Secret Ref, visibility: private}
"""
    site_dir = build_ok(make_site(tmp_path / "s", profile))
    pages = sorted(str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html"))
    assert pages == ["404.html", "index.html", "resume.html"]
    assert nav_titles(site_dir / "index.html") == ["Home", "Résumé"]
    assert "Get in touch" not in (site_dir / "index.html").read_text()


def test_hand_written_pages_join_the_nav_and_replace_generated_ones(tmp_path: Path) -> None:
    content = {
        "resume.md": "# My own résumé\n\nWritten by hand.\n",
        "about.md": "# About this site\n\nHello.\n",
        "projects/extra.md": "# Extra project\n\nBy hand.\n",
    }
    site_dir = build_ok(make_site(tmp_path / "s", EXAMPLE, content=content))
    resume = (site_dir / "resume.html").read_text()
    assert "Written by hand." in resume and "Three Rivers Freight" not in resume
    titles = nav_titles(site_dir / "index.html")
    assert titles[:2] == ["Home", "My own résumé"]
    assert "About this site" in titles and "Extra project" in titles
    # A hand-written page in projects/ joins the Projects section, after the generated ones.
    assert titles.index("ledgerline") < titles.index("Extra project") < titles.index("Publications")
    assert (site_dir / "projects" / "extra.html").is_file()
    assert not (tmp_path / "s" / "content" / "index.md").exists()


def test_photo_and_project_images_come_from_content(tmp_path: Path) -> None:
    profile = EXAMPLE.read_text().replace(
        "    roles: [Creator, Maintainer]\n",
        "    roles: [Creator, Maintainer]\n    images: [images/drift chart.png]\n",
    )
    profile = profile.replace("  image: images/elena-vasquez.png", "  image: images/me.png", 1)
    png = (HOSTILE / "content" / "images" / "photo (1) #1.png").read_bytes()
    content = {"images/drift chart.png": png, "images/me.png": png}
    folder = make_site(tmp_path / "s", profile, content=content)
    # the files its application packets enclose
    shutil.copytree(EXAMPLE.parent / "documents", folder / "profiles" / "documents")
    site_dir = build_ok(folder)
    page = (site_dir / "projects" / "driftwatch.html").read_text()
    assert '<img src="../images/drift%20chart.png" alt="driftwatch, image 1"' in page
    published = Image.open(site_dir / "images" / "drift chart.png")  # re-encoded, same pixels
    with Image.open(io.BytesIO(png)) as original:
        assert published.tobytes() == original.convert(published.mode).tobytes()
    index = site_dir / "index.html"
    assert '<img class="jp-hero__photo" src="images/me.png" alt="Photo of Elena M. Vasquez"' in (
        index.read_text()
    )
    photo = "https://elenavasquez.example.com/images/me.png"
    assert meta_content(index, "og:image") == photo
    assert meta_content(index, "twitter:image") == photo
    assert json_ld(index)["image"] == photo


def test_jobpacket_profile_variable_wins_over_mkdocs_yml(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    (folder / "other.yml").write_text("basics:\n  name: Other Person\n", encoding="utf-8")
    result = build(folder, env=mkdocs_env(JOBPACKET_PROFILE="other.yml"))
    assert result.returncode == 0, result.stderr
    home = (folder / "site" / "index.html").read_text()
    assert "Other Person" in home and "Senior Machine Learning Engineer" not in home


def test_site_dir_may_not_overlap_the_private_build_folder(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    result = build(folder, "-d", str(folder / "build" / "site"))
    assert result.returncode == 1
    assert "the private documents would be published" in result.stderr
    assert not (folder / "build").exists()


# --- errors --------------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_broken_profile_fails_with_located_lines_and_keeps_the_last_site(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    site_dir = build_ok(folder)
    before = (site_dir / "index.html").read_bytes()
    profile = folder / "profiles" / "profile.yml"
    broken = EXAMPLE.read_text().replace('startDate: "2023-04"', "startDate: Fall 2023", 1)
    profile.write_text(broken)
    result = build(folder)
    assert result.returncode == 1
    line = _line_of(broken, "startDate: Fall 2023")
    assert f"profiles/profile.yml:{line}:16: work[0].startDate: 'Fall 2023' is not a date" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (site_dir / "index.html").read_bytes() == before  # invariant 6
    assert profile.read_text() == broken  # invariant 7: never rewritten


def test_javascript_url_is_a_located_error(tmp_path: Path) -> None:
    profile = "basics:\n  name: A\n  url: javascript:alert(1)\n"
    result = build(make_site(tmp_path / "s", profile))
    assert result.returncode == 1
    assert "profiles/profile.yml:3:8: basics.url: 'javascript:' links are not allowed" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s" / "site").exists()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("images/missing.png", "content/images/missing.png not found"),
        ("https://cdn.example.com/me.png", "remote images are not shown"),
    ],
)
def test_unusable_image_is_a_located_warning(tmp_path: Path, image: str, message: str) -> None:
    profile = f"basics:\n  name: A\n  image: {image}\n"
    result = build(make_site(tmp_path / "s", profile))
    assert result.returncode == 1  # --strict: a warning fails the build
    assert f"profiles/profile.yml:3:10: warning: basics.image: {message}" in result.stderr
    assert not (tmp_path / "s" / "site").exists()  # a failed build publishes nothing
    assert build(tmp_path / "s", strict=False).returncode == 0
    assert "cdn.example.com" not in (tmp_path / "s" / "site" / "index.html").read_text()


# --- hostile text --------------------------------------------------------------------------


class Elements(html.parser.HTMLParser):
    """Tags and attributes as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


LOCAL_SCRIPTS = ("assets/javascripts/bundle.", "assets/jobpacket/iframe-worker.js")


def inline_scripts(site_dir: Path) -> set[str]:
    found = set()
    for page in site_dir.rglob("*.html"):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        found |= {text.strip() for attrs, text in parser.scripts if not attrs}
    return found


def test_hostile_profile_is_inert_in_every_page() -> None:
    site_dir = built("hostile") / "site"
    theme_scripts = inline_scripts(built("example") / "site")
    for page in site_dir.rglob("*.html"):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        where = str(page.relative_to(site_dir))
        for tag, attrs in parser.tags:
            assert tag not in ("iframe", "object", "embed", "base", "style", "marquee"), where
            assert not [a for a in attrs if a.startswith("on")], (where, tag, attrs)
            for name in ("href", "src", "action"):
                value = re.sub(r"[\x00-\x20]", "", attrs.get(name) or "").lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, attrs)
            if tag == "meta":
                assert attrs.get("http-equiv") is None, where
        for attrs, text in parser.scripts:
            src, kind = attrs.get("src"), attrs.get("type")
            if src:
                assert any(s in src for s in LOCAL_SCRIPTS), (where, src)
            elif kind == "application/ld+json":
                assert "<" not in text and json.loads(text)["@type"] == "Person", where
            elif kind == "application/json":
                assert "pwned" not in text, where
            else:  # the theme's own inline scripts, the same as on the example site
                assert text.strip() in theme_scripts, (where, text[:80])


def test_hostile_titles_stay_text_in_title_nav_and_search() -> None:
    site_dir = built("hostile") / "site"
    page = site_dir / "projects" / "title-script-window-pwned-1-script.html"
    text = page.read_text()
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL).group(1)
    # The site's name is the profile's (not the example's that mkdocs.yml carries): as text.
    name = "Mallory <script>window.__pwned=1</script> \"'><img src=x onerror=window.__pwned=1> "
    name += "&amp; </title><script>alert(1)</script>"
    assert html.unescape(title) == "</title><script>window.__pwned=1</script> - " + name
    assert "</title><script>window.__pwned=1</script>" in nav_titles(page)  # as text
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        tags = set(re.findall(r"</?([a-zA-Z0-9]+)", doc["title"] + doc["text"]))
        # Material renders these as HTML; only its own kept tags may be in them.
        assert tags <= {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}, doc


def test_template_syntax_and_markdown_in_profile_text_show_literally() -> None:
    site_dir = built("hostile") / "site"
    page = (site_dir / "projects" / "7-7.html").read_text()
    h1 = re.search(r"<h1[^>]*>(.*?)<a", page).group(1)
    assert html.unescape(h1) == "{{ 7*7 }}"
    assert "Template syntax shows literally: {{ 7*7 }} {% raw %}x{% endraw %}" in html.unescape(
        page
    )
    assert ">49<" not in page
    named = (site_dir / "projects" / "click-javascript-window-pwned-1-em.html").read_text()
    h1 = re.search(r"<h1[^>]*>(.*?)<a", named).group(1)
    assert html.unescape(h1) == "[click](javascript:window.__pwned=1) *em*"


def test_bidi_overrides_are_dropped_everywhere() -> None:
    site_dir = built("hostile") / "site"
    for path in site_files(site_dir):
        if path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search("[\u202a-\u202e\u2066-\u2069]", text), path
            assert not re.search(r"\\u202[a-e]|\\u206[6-9]", text, re.I), path
    assert "evil" in (site_dir / "projects" / "evil.html").read_text()
