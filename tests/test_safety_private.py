"""Private files never published: real `mkdocs build --strict` runs of the example.

The example keeps its enclosures, a recommendation letter and a private evaluation next to
the profile; here the whole lot (and the PDF cache) is moved under content/, MkDocs'
docs_dir, where MkDocs would copy every file into site/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobpacket.profile.validate import load_profile
from jobpacket.views import public_view

from .conftest import EXAMPLE, ROOT, copy_example_files
from .pdf_support import reader
from .test_site_support import build, mkdocs_env, site_files

pytestmark = pytest.mark.slow


def _site_with_profile_in_content(tmp_path: Path) -> Path:
    site = tmp_path / "s"
    (site / "hooks").mkdir(parents=True)
    shutil.copy(ROOT / "hooks" / "site.py", site / "hooks" / "site.py")
    copy_example_files(site)
    content = site / "content"
    shutil.move(site / "profiles" / "documents", content / "documents")
    shutil.copy(EXAMPLE, content / "profile.yml")
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = yml.replace("profile: profiles/example.yml", "profile: content/profile.yml")
    yml = yml.replace("watch:\n  - profiles\n", "")
    (site / "mkdocs.yml").write_text(yml, encoding="utf-8")
    return site


def test_private_inputs_and_outputs_under_content_are_never_published(tmp_path: Path) -> None:
    site = _site_with_profile_in_content(tmp_path)
    env = {**mkdocs_env(), "JOBPACKET_CACHE_DIR": str(site / "content" / "cache")}
    result = build(site, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert list((site / "content" / "cache" / "pdf").glob("*.pdf")), "the cache was used"
    published = {p.relative_to(site / "site").as_posix() for p in site_files(site / "site")}
    for private in (
        "profile.yml",
        "documents/evaluation-2025.pdf",
        "documents/letters/hartman-2026.pdf",
        "documents/ledgerline-case-study.pdf",  # an enclosure too: published only via its url
    ):
        assert private not in published, private
    assert not any(p.startswith("cache/") for p in published), published
    leaked = [p for p in site_files(site / "site") if b"412-555-0147" in p.read_bytes()]
    assert leaked == []
    assert "content/profile.yml is private" in result.stderr


def test_the_public_work_sample_the_site_links_is_published(tmp_path: Path) -> None:
    site = _site_with_profile_in_content(tmp_path)
    result = build(site)
    assert result.returncode == 0, result.stderr
    # documents[0]: visibility public, url https://elenavasquez.example.com/work/...pdf
    sample = site / "site" / "work" / "ledgerline-case-study.pdf"
    original = site / "content" / "documents" / "ledgerline-case-study.pdf"
    published, source = reader(sample.read_bytes()), reader(original.read_bytes())
    assert source.metadata and source.metadata.get("/Producer")  # the original says who made it
    assert published.metadata is None and published.xmp_metadata is None  # the copy does not
    assert [p.extract_text() for p in published.pages] == [p.extract_text() for p in source.pages]
    projects = (site / "site" / "projects" / "index.html").read_text(encoding="utf-8")
    assert "https://elenavasquez.example.com/work/ledgerline-case-study.pdf" in projects


def test_applications_marked_public_stay_private(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  - id: keystone-genomics-staff-mle\n",
        "  - id: keystone-genomics-staff-mle\n    visibility: public\n",
    )
    path = tmp_path / "profiles" / "p.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    loaded = load_profile(path)
    assert loaded.profile.applications[0].visibility == "public"
    assert public_view(loaded.profile).applications == []
