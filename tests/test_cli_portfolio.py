"""`jobpacket site build|serve --engine ...` (cli/portfolio.py): the engine's own command for
MkDocs and ProperDocs, jobpacket's adapter for Zensical, one located line when something is
missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli
from .test_site_support import engine_build, make_site, urls_in


def test_site_build_names_a_missing_config(tmp_path: Path) -> None:
    result = run_cli("site", "build", "--engine", "zensical", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml: no such file" in result.stderr


@pytest.mark.slow
def test_the_mkdocs_engine_is_the_hook_run_by_mkdocs(tmp_path: Path) -> None:
    """`--engine mkdocs` is `mkdocs build` on the project's mkdocs.yml: the same site."""
    folder = make_site(tmp_path / "s", "basics: {name: Ada Quill}\n", content={"a.md": "# A\n"})
    site_dir = engine_build(folder, "mkdocs")
    assert (site_dir / "index.html").is_file() and (site_dir / "a.html").is_file()
    assert any("a.html" in url for _, _, url in urls_in(site_dir / "index.html"))


def test_an_unknown_engine_is_a_usage_error_naming_the_three(tmp_path: Path) -> None:
    result = run_cli("site", "build", "--engine", "hugo", cwd=tmp_path)
    assert result.returncode == 2
    assert "'mkdocs', 'properdocs', 'zensical'" in result.stderr


def test_serve_names_a_missing_config_too(tmp_path: Path) -> None:
    result = run_cli("site", "serve", "-f", "elsewhere/mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: elsewhere/mkdocs.yml: no such file; run this in")


def test_a_zensical_build_that_cannot_start_says_why_and_writes_nothing(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", "basics:\n  name: Ada Quill\nwork:\n  - startDate: soon\n")
    result = run_cli("site", "build", "--engine", "zensical", cwd=folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "profiles/profile.yml:4:16: work[0].startDate: 'soon' is not a date; "
        "use YYYY-MM-DD, YYYY-MM or YYYY",
        "1 problem found in the profile",
    ]
    assert not (folder / "site").exists() and not (folder / "build").exists()
