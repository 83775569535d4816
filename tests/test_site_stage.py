"""The site stage as a value, made with no engine at all (site/stage.py, site/nav.py).

Every engine builds from this value, so what it holds is what any engine can publish: the
pages and their nav for the example and for a large profile, nothing private, hostile text
inert. No test here starts MkDocs, ProperDocs or Zensical.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import yaml

from jobpacket.profile.validate import load_profile
from jobpacket.site.nav import nav_paths, page_url
from jobpacket.site.pages import NAV_PROJECTS_MAX
from jobpacket.site.stage import FILE_WORKER, MONOGRAM, STYLESHEET, StageSettings, make_stage

from .conftest import EXAMPLE, ROOT, copy_example_files, run_python
from .test_privacy import EXAMPLE_PRIVATE, leaks
from .test_site import Elements
from .test_site_support import HOSTILE

EXAMPLE_PAGES = [
    "certificates.md",
    "contact.md",
    "index.md",
    "projects/driftwatch.md",
    "projects/index.md",
    "projects/ledgerline.md",
    "projects/pittsburgh-transit-delay-forecaster.md",
    "publications.md",
    "recommendations.md",
    "resume.md",
]

LARGE_PROJECTS = 60


HOSTILE_TITLE = "</title><script>window.__pwned=1</script>"


def large_profile_text() -> str:
    """The example's person with 40 more jobs, 60 projects, 100 publications and 30
    references (the scale benchmarks/bench_scale.py calls x1), and one project whose name
    tries to end the page's <title>."""
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["work"] += [
        {
            "name": f"Harbor Analytics {i}",
            "position": "Data Engineer",
            "startDate": f"{1970 + i}-01",  # one after the other: no overlap to warn of
            "endDate": f"{1970 + i}-12",
            "summary": f"Engineer number {i} for **risk models**.",
            "highlights": [f"Shipped model {i}.{j}" for j in range(3)],
        }
        for i in range(40)
    ]
    data["projects"] += [
        {"name": f"Tide tool {i:02d}", "description": f"A *tide* tool number {i}."}
        for i in range(LARGE_PROJECTS - 1)
    ]
    data["projects"].append(
        {"name": HOSTILE_TITLE, "description": "<img src=x onerror=window.__pwned=1> text"}
    )
    data["publications"] += [
        {"name": f"On drift, part {i}", "publisher": "Journal of Drift", "releaseDate": "2024-05"}
        for i in range(100)
    ]
    data.setdefault("meta", {})["pages"] = 10  # the résumé's budget: it is long, knowingly
    data["references"] += [
        {"name": f"Reviewer {i}", "reference": f"Elena is careful ({i})."} for i in range(30)
    ]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def large_profile(target: Path) -> Path:
    """`large_profile_text` as profiles/profile.yml in `target`, with the files it names."""
    profile = target / "profiles" / "profile.yml"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(large_profile_text(), "utf-8")
    copy_example_files(target)
    return profile


def _stage(root: Path, profile: Path, content: Path | None = None, *, dir_urls: bool = False):
    docs = root / "content"
    docs.mkdir(parents=True, exist_ok=True)
    if content is not None:
        shutil.copytree(content, docs, dirs_exist_ok=True)
    loaded = load_profile(profile)
    settings = StageSettings(
        root=root,
        docs_dir=docs,
        site_name=loaded.profile.basics.name or "Portfolio",
        site_url="https://example.org/",
        use_directory_urls=dir_urls,
    )
    return make_stage(loaded, settings)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("example")
    shutil.copy(EXAMPLE, root / "profile.yml")
    copy_example_files(root)
    shutil.copytree(EXAMPLE.parent / "documents", root / "documents")
    return _stage(root, root / "profile.yml")


def test_the_example_makes_every_page_and_its_nav(example) -> None:
    assert example.page_paths == EXAMPLE_PAGES
    assert [p.path for p in example.pages][:2] == ["index.md", "resume.md"]  # reading order
    assert example.nav is not None
    assert nav_paths(example.nav) == [p.path for p in example.pages]
    assert example.nav[0] == {"Home": "index.md"}
    projects = next(e for e in example.nav if isinstance(e, dict) and "Projects" in e)
    assert projects["Projects"][0] == {"Projects": "projects/index.md"}
    assert set(example.assets) == {STYLESHEET, FILE_WORKER, MONOGRAM}
    assert example.content == {
        "images/elena-vasquez.png": example.content["images/elena-vasquez.png"]
    }
    assert example.problems == () and example.replaced == frozenset()


def _links(markdown: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"#:]+)"', markdown) + re.findall(
        r"\]\(([^)#:\s]+)\)", markdown
    )


def test_every_link_between_generated_pages_lands_on_a_file_of_the_stage(example) -> None:
    """Relative links as the engine lays URLs out (no directory URLs: the offline plugin)."""
    urls = {page_url(p, False) for p in example.files()}
    checked = 0
    for page in example.pages:
        folder = posixpath.dirname(page_url(page.path, False))
        for href in _links(page.markdown):
            target = posixpath.normpath(posixpath.join(folder, unquote(href)))
            assert quote(target) in urls, (page.path, href)
            checked += 1
    assert checked > 10


def test_a_large_profile_keeps_its_projects_out_of_the_nav(tmp_path: Path) -> None:
    stage = _stage(tmp_path, large_profile(tmp_path))
    assert HOSTILE_TITLE in [p.title for p in stage.pages]
    projects = [
        p for p in stage.page_paths if p.startswith("projects/") and p != "projects/index.md"
    ]
    assert len(projects) == 3 + LARGE_PROJECTS
    assert LARGE_PROJECTS > NAV_PROJECTS_MAX
    assert stage.nav is not None
    listed = nav_paths(stage.nav)
    assert "projects/index.md" in listed and not set(projects) & set(listed)
    index = next(p for p in stage.pages if p.path == "projects/index.md").markdown
    assert all(
        f'href="{p.removeprefix("projects/").replace(".md", ".html")}"' in index for p in projects
    )


def test_the_stage_holds_nothing_private(example, tmp_path: Path) -> None:
    for rel, data in example.files().items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    text = " ".join(p.markdown for p in example.pages)
    assert "Elena M. Vasquez" in text and "driftwatch" in text  # the scan reads these pages
    assert leaks(tmp_path, EXAMPLE_PRIVATE) == {}


def test_a_private_file_in_content_stays_out_of_the_stage(tmp_path: Path) -> None:
    """The profile and its enclosures kept in content/ are never among the stage's files."""
    root = tmp_path / "site"
    docs = root / "content"
    docs.mkdir(parents=True)
    shutil.copy(EXAMPLE, docs / "profile.yml")
    shutil.copytree(EXAMPLE.parent / "documents", docs / "documents")
    shutil.copytree(ROOT / "content" / "images", docs / "images")
    stage = _stage(root, docs / "profile.yml")
    assert "profile.yml" not in stage.content
    assert not [p for p in stage.content if "hartman" in p or "evaluation" in p]
    assert any("left out of the site" in message for _, message in stage.notes)


def test_hostile_text_is_inert_in_pages_and_nav(tmp_path: Path) -> None:
    stage = _stage(tmp_path, HOSTILE / "profile.yml", HOSTILE / "content")
    page = next(
        p for p in stage.pages if p.path == "projects/title-script-window-pwned-1-script.md"
    )
    assert page.title == "</title><script>window.__pwned=1</script>"  # plain text, as typed
    for p in stage.pages:  # the Markdown's HTML as a browser's parser would read it
        parser = Elements()
        parser.feed(p.markdown)
        for tag, attrs in parser.tags:
            assert tag != "script", p.path
            assert not [a for a in attrs if a.startswith("on")], (p.path, tag, attrs)
    assert stage.nav is not None
    titles = [k for e in stage.nav if isinstance(e, dict) for k in e] + [
        k
        for e in stage.nav
        if isinstance(e, dict)
        for v in e.values()
        if isinstance(v, list)
        for item in v
        if isinstance(item, dict)
        for k in item
    ]
    assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in titles
    assert not [t for t in titles if "<" in t]


def test_the_stage_never_imports_an_engine() -> None:
    code = (
        "import sys, jobpacket.site.stage, jobpacket.site.zensical, jobpacket.site.publish;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs', 'zensical')]"
        ";print(bad); sys.exit(1 if bad else 0)"
    )
    result = run_python("-c", code, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stdout + result.stderr
