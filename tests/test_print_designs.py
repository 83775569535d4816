"""The designs are offered by name everywhere a user picks one, each with its phrase."""

from __future__ import annotations

from pathlib import Path

from jobpacket.print import designs, documents
from jobpacket.profile.validate import load_profile

from .conftest import run_cli


def test_pdf_and_letter_help_list_every_design_with_its_phrase() -> None:
    for command in ("pdf", "letter"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        flat = " ".join(result.stdout.split())
        assert f"[{'|'.join(designs.DESIGNS)}]" in flat
        for name, phrase in designs.DESIGN_PHRASES.items():
            assert f"{name}: {phrase}" in flat, (command, name)


def test_meta_design_accepts_sidebar_and_pages_defaults_to_one(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\nmeta:\n  design: sidebar\n", encoding="utf-8")
    loaded = load_profile(path)
    assert loaded.profile.meta.pages == 1
    doc = documents.resume(loaded, public=True)
    assert doc.stylesheets[-1].name == "sidebar.css"
    assert '<aside class="side">' in doc.html and '<div class="main">' in doc.html


def test_a_page_budget_below_one_is_a_located_error(tmp_path: Path) -> None:
    import pytest

    from jobpacket.errors import ProfileError

    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\nmeta:\n  pages: 0\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert "p.yml:4:10" in message and "meta.pages" in message, message
