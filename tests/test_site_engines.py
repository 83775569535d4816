"""The site builds the same with ProperDocs (MkDocs 1.x continued) as with MkDocs.

MkDocs 2 drops plugins and hooks; ProperDocs keeps MkDocs 1.x alive and runs the same hooks
and theme, so a user whose MkDocs upgrade breaks can switch commands and keep their site. This
test builds the example with both and compares the pages, the links between them and the
privacy scan, so a ProperDocs release that diverges is seen here first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE
from .test_privacy import EXAMPLE_PRIVATE, leaks
from .test_site_support import built, make_site, mkdocs_env, site_files

pytestmark = pytest.mark.slow

PROPERDOCS = [sys.executable, "-m", "properdocs"]


def _pages(site_dir: Path) -> list[str]:
    return [
        str(p.relative_to(site_dir))
        for p in site_files(site_dir)
        if p.suffix in (".html", ".pdf", ".css", ".svg", ".js")
        and "assets/javascripts" not in str(p)
    ]


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_site(tmp_path_factory.mktemp("properdocs") / "s", EXAMPLE)
    result = subprocess.run(
        [*PROPERDOCS, "build", "--strict", "-f", "mkdocs.yml"],
        cwd=folder,
        env=mkdocs_env(DISABLE_MKDOCS_2_WARNING="true"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return folder


def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_site: Path) -> None:
    mkdocs_site = built("example") / "site"
    assert _pages(properdocs_site / "site") == _pages(mkdocs_site)
    for page in ("index.html", "resume.html", "projects/index.html"):
        ours = (properdocs_site / "site" / page).read_text(encoding="utf-8")
        assert "Elena M. Vasquez" in ours
        assert '<script type="application/ld+json">' in ours or page != "index.html"


def test_properdocs_publishes_nothing_private(properdocs_site: Path) -> None:
    assert leaks(properdocs_site / "site", EXAMPLE_PRIVATE) == {}
    assert (properdocs_site / "build" / "resume.pdf").is_file()  # the private PDFs: build/
    assert not list((properdocs_site / "site").rglob("*cover-letter*"))
