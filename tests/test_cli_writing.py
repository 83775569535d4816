"""Where a command may write, and how (cli/writing.py): write then rename, only over a regular
file, never over the profile's own files, never a private document where the site publishes,
and a record in build/'s manifest. Through real commands: test_safety_outputs.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.cli.writing import (
    refuse_linked_outputs,
    refuse_output,
    write_atomic,
    write_output,
)
from jobpacket.errors import UserError
from jobpacket.print import documents, manifest
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, copy_example_files


@pytest.fixture
def site(tmp_path: Path) -> LoadedProfile:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "profile.yml").write_bytes(EXAMPLE.read_bytes())
    copy_example_files(tmp_path)
    return load_profile(tmp_path / "profiles" / "profile.yml")


def _refused(path: Path, loaded: LoadedProfile | None, private: bool = True) -> str:
    with pytest.raises(UserError) as caught:
        write_atomic(path, b"%PDF- new", loaded, private=private)
    return str(caught.value)


def test_a_regular_file_is_replaced_whole(site: LoadedProfile, tmp_path: Path) -> None:
    target = tmp_path / "out" / "letter.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF- old")
    write_atomic(target, b"%PDF- new", site)
    assert target.read_bytes() == b"%PDF- new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["letter.pdf"]  # no temp file


def test_the_profiles_own_files_are_never_written_over(site: LoadedProfile) -> None:
    root = site.path.parent.parent
    for own in (
        site.path,
        root / "profiles" / "documents" / "ledgerline-case-study.pdf",
        root / "profiles" / "documents" / "letters" / "hartman-2026.pdf",
    ):
        before = own.read_bytes()
        assert "is one of the profile's own files" in _refused(own, site)
        assert own.read_bytes() == before


def test_private_documents_stay_out_of_what_the_site_publishes(
    site: LoadedProfile,
) -> None:
    root = site.path.parent.parent
    for folder in ("content", "site"):
        target = root / folder / "letters" / "cover.pdf"
        assert "is inside content/ or site/, which the site publishes" in _refused(target, site)
        assert not target.exists()
    public = root / "site" / "resume.pdf"
    public.parent.mkdir()
    write_atomic(public, b"%PDF- public", site, private=False)  # the public résumé may
    assert public.read_bytes() == b"%PDF- public"
    assert refuse_output(root / "build" / "x.pdf", site, private=True) == root
    assert refuse_output(root / "content" / "x.pdf", None, private=True) is None


def test_a_fifo_or_a_link_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    assert _refused(fifo, None).endswith("; nothing was written")
    assert fifo.is_fifo()
    real = tmp_path / "real.pdf"
    real.write_bytes(b"keep")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert "nothing was written" in _refused(link, None)
    assert link.is_symlink() and real.read_bytes() == b"keep"


def test_a_linked_build_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content" / "packets").mkdir(parents=True)
    (tmp_path / "build").mkdir()
    refuse_linked_outputs(tmp_path / "build")  # real folders: fine
    (tmp_path / "build" / "packets").symlink_to(tmp_path / "content" / "packets")
    with pytest.raises(UserError, match="packets"):
        refuse_linked_outputs(tmp_path / "build")


def test_a_document_written_into_build_is_recorded_in_its_manifest(
    site: LoadedProfile, tmp_path: Path
) -> None:
    root = site.path.parent.parent
    doc = documents.resume(site, public=False)
    build = root / "build"
    build.mkdir()
    write_output(site, build / "resume.pdf", b"%PDF- resume", doc, build, "modern")
    [(name, record)] = manifest.read(build).items()
    assert name == "resume.pdf" and record.design == "modern"
    assert record.profile == manifest.profile_digest(site)
    elsewhere = tmp_path / "mine.pdf"
    write_output(site, elsewhere, b"%PDF- resume", doc, build, None)
    assert elsewhere.read_bytes() == b"%PDF- resume"
    assert list(manifest.read(build)) == ["resume.pdf"]  # -o elsewhere: only the file
