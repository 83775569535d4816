"""The portfolio look of the site: landing page, tabs and monogram, project cards, BibTeX,
404, dates kept whole, and `mkdocs gh-deploy` into a local bare repository.

Real `mkdocs build` runs (shared with test_site.py through test_site_support) and assertions on
the generated HTML; the pure helpers are tested directly in test_site_bibtex.py,
test_site_monogram.py and test_site_icons.py.
"""

from __future__ import annotations

import html
import html.parser
import os
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

from jobpacket.site import icons

from .conftest import EXAMPLE
from .test_site_bibtex import _braces_balanced
from .test_site_support import HOSTILE, MKDOCS, build_ok, built, make_site, mkdocs_env

PNG = (HOSTILE / "content" / "images" / "photo (1) #1.png").read_bytes()

# A second, realistic profile: a researcher with project images and awkward publication text.
RESEARCHER = """
basics:
  name: Amara Okonkwo-Lindqvist
  label: Research Software Engineer
  image: images/amara.png
  email: amara@example.org
  summary: I write the software behind *ocean-climate* models and keep it reproducible.
  location: {city: Gothenburg, countryCode: SE}
  profiles:
    - {network: ORCID, url: "https://orcid.org/0000-0002-1825-0097"}
    - {network: Codeberg, username: amara, url: "https://codeberg.org/amara"}
    - {network: Personal wiki, url: "https://wiki.example.org/amara"}
work:  # not in date order: the home page picks the latest itself
  - {name: Oldest Job Ltd, position: Intern, startDate: "2016-06", endDate: "2016-08"}
  - {name: Chalmers HPC Centre, position: HPC Engineer, startDate: "2018-01",
     endDate: "2021-08"}
  - {name: Nordic Ocean Institute, position: Research Software Engineer, startDate: "2021-09"}
projects:
  - name: Tidewater
    description: Coupled sea-ice model in Julia.
    startDate: "2022-03"
    endDate: present
    roles: [Lead developer]
    keywords: [Julia, HPC, climate]
    images: [images/tidewater.png]
    url: https://codeberg.org/amara/tidewater
  - name: Buoyline
    description: Streaming QC for ocean buoys.
    startDate: "2020-05"
    endDate: "2021-01"
    roles: [Maintainer]
    keywords: [Python]
  - {name: Third, description: A third project., startDate: "2019"}
  - {name: Fourth, description: Not featured on the home page., startDate: "2018"}
publications:
  - name: "Fast & Fair: 100% Recall on {Noisy} Labels, $x_1$ #2 ~ ^ \\\\ done"
    publisher: "Journal of Ocean & Climate Software"
    releaseDate: "2024-03-05"
    url: "https://doi.example.org/10.1000/x y{1}"
    checks: {disable: [contact]}  # the space is on purpose: escaping is under test
  - name: "</code></pre><script>window.__pwned=1</script>"
    publisher: Workshop
    releaseDate: "2023"
"""


def researcher_site(tmp_path: Path) -> Path:
    content = {"images/amara.png": PNG, "images/tidewater.png": PNG}
    return build_ok(make_site(tmp_path / "s", RESEARCHER, content=content))


class Tree(html.parser.HTMLParser):
    """Start tags with their attributes, and the text inside elements of a given class."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


def tree(page: Path) -> Tree:
    parser = Tree()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def block(text: str, cls: str) -> str:
    """The HTML of the first element with class ``cls`` up to the next element of that kind
    (good enough for our own flat blocks)."""
    match = re.search(rf'<(\w+) class="{cls}"[^>]*>(.*?)</\1>', text, re.DOTALL)
    assert match, cls
    return match.group(2)


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# --- pure helpers -------------------------------------------------------------------------


# --- the example site ---------------------------------------------------------------------


def test_home_is_a_landing_page_without_sidebars() -> None:
    index = built("example") / "site" / "index.html"
    text = index.read_text()
    parsed = tree(index)
    # Material's front matter hide: both sidebars are hidden on the home page.
    sidebars = [a for t, a in parsed.tags if "md-sidebar" in (a.get("class") or "").split()]
    assert len(sidebars) == 2 and all("hidden" in a for a in sidebars)
    # One h1, the name, styled as the strongest text.
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", text) == ["Elena M. Vasquez"]
    assert '<h1 class="jp-hero__name">' in text
    hero = text[text.index('<div class="jp-hero">') : text.index('<h2 id="latest-work"')]
    assert '<img class="jp-hero__photo" src="images/elena-vasquez.png"' in hero
    assert words(block(hero, "jp-hero__label")) == "Senior Machine Learning Engineer"
    assert words(block(hero, "jp-hero__place")) == "Pittsburgh, PA, US"
    assert "eight years of experience" in block(hero, "jp-hero__summary")
    # Primary action first, then the secondary ones.
    buttons = re.findall(r'<a class="(md-button[^"]*)" href="([^"]+)"', hero)
    assert buttons == [
        ("md-button md-button--primary", "resume.pdf"),
        ("md-button", "contact.html"),
        ("md-button", "projects/index.html"),
    ]
    # Social links: a shipped inline SVG each (hidden from screen readers), the name as text.
    social = block(hero, "jp-social")
    assert re.findall(r"<span>([^<]+)</span>", social) == [
        "GitHub",
        "LinkedIn",
        "Mastodon",
        "Email",
    ]
    assert social.count('<svg class="jp-icon" aria-hidden="true"') == 4
    assert str(icons.icon("github")) in social and str(icons.icon("linkedin")) in social
    # Latest work and featured projects.
    assert re.findall(r'<h2 id="([^"]+)"', text) == ["latest-work", "featured-projects"]
    latest = text[text.index('<div class="jp-latest">') : text.index('<h2 id="featured-projects"')]
    assert latest.count('<article class="jp-entry">') == 2
    assert "Allegheny Health Analytics" in latest and "Three Rivers Freight" in latest
    assert text.count('<article class="jp-card">') == 3


def test_tabs_monogram_logo_and_favicon() -> None:
    site_dir = built("example") / "site"
    text = (site_dir / "index.html").read_text()
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*(.*?)\s*</a>', text, re.DOTALL)
    assert tabs[:3] == ["Home", "Résumé", "Projects"] and "Contact" in tabs
    assert '<link rel="icon" href="assets/jobpacket/monogram.svg">' in text
    assert '<img src="assets/jobpacket/monogram.svg"' in text
    assert "material/library" not in text and "md-logo" in text
    svg = ElementTree.fromstring((site_dir / "assets/jobpacket/monogram.svg").read_text())
    assert "".join(svg.itertext()) == "EV"


def test_project_cards_and_pages_of_the_example() -> None:
    site_dir = built("example") / "site"
    index = (site_dir / "projects" / "index.html").read_text()
    assert index.count('<article class="jp-card">') == 3
    first = index[index.index('<article class="jp-card">') :]
    first = first[: first.index("</article>")]
    assert '<a href="driftwatch.html">driftwatch</a>' in first
    assert '<span class="jp-date"><time datetime="2024-02">' in first
    assert "Creator, Maintainer" in first
    assert re.findall(r"<li>([^<]+)</li>", block(first, "jp-tags")) == [
        "Python",
        "statistics",
        "monitoring",
        "open source",
    ]
    page = (site_dir / "projects" / "driftwatch.html").read_text()
    actions = block(page, "jp-actions jp-project__actions")
    assert re.findall(r'<a class="([^"]+)" href="([^"]+)"', actions) == [
        ("md-button md-button--primary", "https://github.example.com/evasquez/driftwatch"),
        ("md-button", "index.html"),
    ]
    assert "Visit github.example.com" in actions
    # No bare URL as link text anywhere in the article.
    article = page[page.index("<article") : page.index("</article>")]
    assert not re.search(r">\s*https?://", article)


def test_publications_have_citations_and_a_copyable_bibtex_block() -> None:
    site_dir = built("example") / "site"
    text = (site_dir / "publications.html").read_text()
    blocks = re.findall(r'<pre><code class="language-bibtex">(.*?)</code></pre>', text, re.DOTALL)
    assert len(blocks) == 2
    first = html.unescape(blocks[0])
    assert first.startswith("@misc{vasquez2025catching,")
    assert "title        = {{Catching Label Shift Early in Hospital Readmission Models}}" in first
    assert "Vasquez, E. M. (2025). Catching Label Shift Early" in text
    assert '<article class="jp-entry jp-publication" id="vasquez2025catching">' in text
    assert "content.code.copy" in text  # Material's copy button is switched on


def test_404_page_is_clean_and_links_home() -> None:
    page = (built("example") / "site" / "404.html").read_text()
    assert "404 - Not found" not in page
    assert "<h1>Page not found</h1>" in page
    # site_url makes its links absolute paths, right from any missing address.
    assert '<a class="md-button md-button--primary" href="/index.html">' in page
    assert re.search(r'<li><a href="/resume.html">Résumé</a></li>', page)
    assert 'data-md-type="navigation" hidden' in page and 'data-md-type="toc"' not in page


def test_dates_are_kept_whole_by_the_stylesheet() -> None:
    css = (built("example") / "site" / "assets/jobpacket/site.css").read_text()
    rule = re.search(r"\.md-typeset time,\s*\.md-typeset \.jp-date \{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule.group(1)


# --- another profile ----------------------------------------------------------------------


def test_researcher_site_cards_images_icons_and_escaped_bibtex(tmp_path: Path) -> None:
    site_dir = researcher_site(tmp_path)
    home = (site_dir / "index.html").read_text()
    start = home.index('<h2 id="featured-projects"')
    featured = home[start : home.index('class="jp-more"', start)]
    assert featured.count('<article class="jp-card">') == 3 and "Fourth" not in featured
    latest = home[home.index('<div class="jp-latest">') : home.index('<h2 id="featured-projects"')]
    assert re.findall(r"</span>([^<]+)</h3>", latest) == [
        "Nordic Ocean Institute",
        "Chalmers HPC Centre",
    ]  # the two latest jobs, latest first
    social = block(home, "jp-social")
    assert str(icons.icon("orcid")) in social and str(icons.icon("codeberg")) in social
    assert str(icons.icon(icons.GENERIC)) in social  # the personal wiki
    monogram = (site_dir / "assets/jobpacket/monogram.svg").read_text()
    assert "".join(ElementTree.fromstring(monogram).itertext()) == "AO"

    cards = (site_dir / "projects" / "index.html").read_text()
    first = cards[cards.index('<article class="jp-card">') :]
    assert first.index('<img src="../images/tidewater.png" alt=""') < first.index("Tidewater")
    second = first[first.index("</article>") :]
    second = second[: second.index("</article>")]
    assert "<img" not in second  # no image, no empty frame
    page = (site_dir / "projects" / "tidewater.html").read_text()
    assert '<img src="../images/tidewater.png" alt="Tidewater, image 1"' in page

    pubs = (site_dir / "publications.html").read_text()
    assert "<script>window.__pwned" not in pubs
    codes = re.findall(r'<pre><code class="language-bibtex">(.*?)</code></pre>', pubs, re.DOTALL)
    assert len(codes) == 2
    first_entry = html.unescape(codes[0])
    assert (
        r"title        = {{Fast \& Fair: 100\% Recall on \{Noisy\} Labels, \$x\_1\$ \#2 "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{} done}}" in first_entry
    )
    assert _braces_balanced(first_entry)
    second_entry = html.unescape(codes[1])
    assert "{{</code></pre><script>window.\\_\\_pwned=1</script>}}" in second_entry
    assert "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;" in codes[1]


def test_hostile_name_in_the_monogram_stays_text() -> None:
    site_dir = built("hostile") / "site"
    svg = (site_dir / "assets/jobpacket/monogram.svg").read_text()
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert [el.tag.split("}")[1] for el in root.iter()] == ["svg", "circle", "text"]
    assert "<script" not in svg


# --- publishing -----------------------------------------------------------------------------


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


def test_gh_deploy_pushes_the_site_and_nothing_private(tmp_path: Path) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(bare)], check=True)
    folder = make_site(tmp_path / "s", EXAMPLE)
    env = mkdocs_env(
        GIT_AUTHOR_NAME="Test Deployer",
        GIT_AUTHOR_EMAIL="deployer@example.com",
        GIT_COMMITTER_NAME="Test Deployer",
        GIT_COMMITTER_EMAIL="deployer@example.com",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    _git("init", "-q", "-b", "main", cwd=folder, env=env)
    _git("remote", "add", "publish", str(bare), cwd=folder, env=env)
    _git("add", "-A", cwd=folder, env=env)
    _git("commit", "-q", "-m", "my site", cwd=folder, env=env)
    result = subprocess.run(
        [*MKDOCS, "gh-deploy", "--remote-name", "publish", "--remote-branch", "pages", "--force"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "build").is_dir()  # the private documents were made, next to the site

    listed = _git("ls-tree", "-r", "--name-only", "pages", cwd=bare, env=env).splitlines()
    assert ".nojekyll" in listed
    for page in ("index.html", "404.html", "resume.pdf", "projects/driftwatch.html"):
        assert page in listed, page
    assert "assets/jobpacket/monogram.svg" in listed
    # No private document is in the pushed tree, under any name (compared by content).
    pushed = {
        line.split()[2] for line in _git("ls-tree", "-r", "pages", cwd=bare, env=env).splitlines()
    }
    private = [p for p in (folder / "build").rglob("*") if p.is_file()]
    assert len(private) >= 2
    for path in private:
        digest = _git("hash-object", str(path), cwd=folder, env=env).strip()
        assert digest not in pushed, path
    assert not [p for p in listed if p.startswith(("build/", "profiles/", "content/", "hooks/"))]
    assert not [p for p in listed if p.endswith((".yml", ".yaml", ".md"))]
    # Nothing from the private side of the profile is in any pushed file.
    for needle in ("412-555-0147", "1820 Murray Avenue"):
        found = subprocess.run(
            ["git", "grep", "-I", "-F", "-l", needle, "pages"],
            cwd=bare,
            env=env,
            capture_output=True,
            text=True,
        )
        assert found.returncode == 1 and found.stdout == "", (needle, found.stdout)
    # The source branch is untouched by the deploy.
    assert _git("ls-tree", "--name-only", "main", cwd=folder, env=env).split() == [
        "content",
        "hooks",
        "mkdocs.yml",
        "profiles",
    ]


def test_own_custom_dir_and_logo_win_over_jobpacket_defaults(tmp_path: Path) -> None:
    mkdocs_yml = (EXAMPLE.parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs_yml = mkdocs_yml.replace(
        "  name: material\n",
        "  name: material\n  custom_dir: overrides\n  logo: images/elena-vasquez.png\n",
        1,
    )
    folder = make_site(tmp_path / "s", EXAMPLE, mkdocs_yml=mkdocs_yml)
    (folder / "overrides").mkdir()
    (folder / "overrides" / "404.html").write_text(
        '{% extends "main.html" %}{% block content %}<h1>My own 404</h1>{% endblock %}\n'
    )
    site_dir = build_ok(folder)
    assert "<h1>My own 404</h1>" in (site_dir / "404.html").read_text()
    index = (site_dir / "index.html").read_text()
    assert '<img src="images/elena-vasquez.png" alt="logo">' in index  # their logo
    assert '<link rel="icon" href="assets/jobpacket/monogram.svg">' in index  # our favicon
