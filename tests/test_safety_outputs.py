"""`-o` writes only a regular file, never one of the profile's own files, and never puts a
private document where the site would publish it (issue 17, item 13), through the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import EXAMPLE, copy_example_files, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outputs")
    (folder / "profiles").mkdir()
    (folder / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    (folder / "profiles" / "profile.yml").write_bytes(EXAMPLE.read_bytes())
    copy_example_files(folder)
    return folder


def _letter(site: Path, target: str) -> tuple[int, str]:
    app = "keystone-genomics-staff-mle"
    result = run_cli(
        "letter",
        app,
        "-o",
        target,
        "--profile",
        "profiles/profile.yml",
        cwd=site,
        timeout=240,
        process=True,
    )
    return result.returncode, result.stderr


def test_a_fifo_is_refused_and_stays_a_fifo(site: Path) -> None:
    fifo = site / "pipe"
    os.mkfifo(fifo)
    code, err = _letter(site, "pipe")
    assert code == 1 and "Traceback" not in err
    assert "pipe: is not a regular file" in err
    assert fifo.is_fifo()


def test_a_symlink_is_refused_and_left_alone(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "important.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    (site / "link.pdf").symlink_to(elsewhere)
    code, err = _letter(site, "link.pdf")
    assert code == 1 and "link.pdf: is a symbolic link" in err
    assert (site / "link.pdf").is_symlink() and elsewhere.read_text(encoding="utf-8") == "keep me"


def test_the_profile_and_its_enclosures_are_never_overwritten(site: Path) -> None:
    profile = site / "profiles" / "profile.yml"
    before = profile.read_bytes()
    code, err = _letter(site, "profiles/profile.yml")
    assert code == 1 and "one of the profile's own files" in err
    assert profile.read_bytes() == before
    enclosure = next((site / "profiles" / "documents").glob("*.pdf"))
    kept = enclosure.read_bytes()
    code, err = _letter(site, str(enclosure.relative_to(site)))
    assert code == 1 and "one of the profile's own files" in err
    assert enclosure.read_bytes() == kept


def test_a_private_document_is_not_written_where_the_site_publishes(site: Path) -> None:
    code, err = _letter(site, "content/letter.pdf")
    assert code == 1 and "which the site publishes" in err
    assert not (site / "content" / "letter.pdf").exists()
    result = run_cli(
        "packet", "keystone-genomics-staff-mle", "-o", "site/packets", "--profile",
        "profiles/profile.yml", cwd=site, timeout=240, process=True,
    )  # fmt: skip
    assert result.returncode == 1 and "which the site publishes" in result.stderr
    assert not (site / "site").exists()


def test_a_regular_file_is_replaced(site: Path) -> None:
    (site / "letter.pdf").write_bytes(b"old")
    code, err = _letter(site, "letter.pdf")
    assert code == 0, err
    assert (site / "letter.pdf").read_bytes().startswith(b"%PDF-")
