"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "profiles" / "example.yml"
JSONRESUME = Path(__file__).resolve().parent / "fixtures" / "jsonresume"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.png from the current print designs (review the diff)",
    )


@pytest.fixture
def write_profile(tmp_path: Path):
    """Write profile text (str or bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "profile.yml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def copy_example_files(site: Path) -> None:
    """The files the example profile names (its photo under content/, its enclosures next
    to the profile), so a copy of the example in ``site`` builds without warnings."""
    shutil.copytree(ROOT / "content" / "images", site / "content" / "images", dirs_exist_ok=True)
    shutil.copytree(
        EXAMPLE.parent / "documents", site / "profiles" / "documents", dirs_exist_ok=True
    )
