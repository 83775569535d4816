"""The Zensical adapter (site/zensical.py): the project it writes for Zensical (its config,
its docs folder), the head tags it adds to Zensical's pages, and one real build that fails
and leaves the site as it was. That Zensical builds the same site as MkDocs is in
test_site_engines.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import run_cli
from .test_site_support import PDF_CACHE, site_files, zensical_built


@pytest.fixture
def zensical_site() -> Path:
    return zensical_built()


@pytest.mark.slow
def test_zensical_engine_failing_leaves_the_site_as_it_was(zensical_site: Path) -> None:
    """A profile that stops validating: the error located, exit 1, site/ untouched."""
    before = {p: p.read_bytes() for p in site_files(zensical_site / "site")}
    profile = zensical_site / "profiles" / "profile.yml"
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good.replace('startDate: "2023-04"', "startDate: soon", 1), "utf-8")
    try:
        result = run_cli(
            "site",
            "build",
            "--engine",
            "zensical",
            cwd=zensical_site,
            JOBPACKET_CACHE_DIR=str(PDF_CACHE),
        )
    finally:
        profile.write_text(good, encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"profiles/profile\.yml:41:\d+: .*startDate", result.stderr), result.stderr
    assert {p: p.read_bytes() for p in site_files(zensical_site / "site")} == before
