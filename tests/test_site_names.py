"""The names the site's code shares (site/names.py): what an engine renders as a page, and
where jobpacket's template overrides are."""

from __future__ import annotations

from jobpacket.site.names import PRIVATE_DIR, is_page, overrides_dir

from .conftest import ROOT, run_python


def test_pages_are_markdown_sources_whatever_the_case() -> None:
    assert is_page("index.md") and is_page("projects/A.MD") and is_page("notes.markdown")
    assert not is_page("resume.pdf") and not is_page("images/md.png") and not is_page("md")


def test_the_overrides_folder_holds_the_templates_the_theme_is_given() -> None:
    folder = overrides_dir()
    assert (folder / "main.html").is_file() and (folder / "404.html").is_file()
    assert PRIVATE_DIR == "build"  # beside site/, never published (test_privacy.py)


def test_the_names_and_the_stage_values_import_no_profile_model() -> None:
    """What a replayed build (site/replay.py) needs must not pull in the validation."""
    probe = (
        "import sys, jobpacket.site.names, jobpacket.site.values, jobpacket.site.publish; "
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'jobpacket.profile'))))"
    )
    out = run_python("-c", probe, env={"PYTHONPATH": str(ROOT / "hooks")}, check=True).stdout
    assert out.strip() == "[]"
