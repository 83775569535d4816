"""Which files stay out of the site and which public ones it adds (site/files.py): the
profile's private files, links out of build/, public documents as clean copies, and the gate
every file of content/ passes. Whole builds that try to leak: test_safety_leaks.py."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.site.files import (
    output_links,
    private_paths,
    private_project_images,
    public_documents,
    read_for_site,
)

from .conftest import EXAMPLE, copy_example_files

DOCS = EXAMPLE.parent / "documents"


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def test_the_profile_its_enclosures_and_private_documents_are_private(
    example: LoadedProfile, tmp_path: Path
) -> None:
    private = private_paths(example, folders=(tmp_path / "build",))
    assert private.covers(EXAMPLE)
    assert private.covers(DOCS / "evaluation-2025.pdf")  # visibility: private
    assert private.covers(DOCS / "letters" / "hartman-2026.pdf")  # a recommendation letter
    # an attachment that is also the public work sample: enclosed, so private here too
    assert private.covers(DOCS / "ledgerline-case-study.pdf")
    assert private.covers(tmp_path / "build" / "packets" / "x.pdf")
    assert not private.covers(EXAMPLE.parent.parent / "content" / "images" / "elena-vasquez.png")


def test_a_link_under_build_is_named_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "content" / "packets").mkdir(parents=True)
    (tmp_path / "build").mkdir()
    assert output_links(tmp_path, tmp_path / "build") == []
    (tmp_path / "build" / "packets").symlink_to(tmp_path / "content" / "packets")
    assert output_links(tmp_path, tmp_path / "build") == [
        "build/packets: is a link to content/packets; private documents are written only "
        "into real folders under build/; remove the link (rm build/packets) and build again"
    ]


def test_the_public_work_sample_is_published_as_a_clean_copy(example: LoadedProfile) -> None:
    files, problems = public_documents(example, "https://elenavasquez.example.com/")
    assert problems == []
    assert list(files) == ["work/ledgerline-case-study.pdf"]
    original = PdfReader(DOCS / "ledgerline-case-study.pdf")
    copy = PdfReader(io.BytesIO(files["work/ledgerline-case-study.pdf"]))
    assert len(copy.pages) == len(original.pages) and copy.metadata is None
    # under another site address the url is someone else's page: nothing to publish
    assert public_documents(example, "https://other.example.org/")[0] == {}


def test_a_public_document_that_is_missing_is_a_note_not_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann\ndocuments:\n  - title: Sample\n    path: docs/sample.pdf\n"
        "    url: work/sample.pdf\n    visibility: public\n",
        encoding="utf-8",
    )
    files, [note] = public_documents(load_profile(path, "p.yml"), None)
    assert files == {} and note.severity == "info" and note.path == ("documents", 0, "path")
    assert "is not a file next to the profile" in note.message


def test_images_only_private_projects_show_are_not_published(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann\n  image: images/me.png\nprojects:\n"
        "  - name: Secret\n    visibility: private\n    images: [images/s.png, images/me.png]\n"
        "  - name: Open\n    images: [images/o.png]\n",
        encoding="utf-8",
    )
    assert private_project_images(load_profile(path)) == {"images/s.png"}


def _png_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "zqcamera-maker"  # Make
    out = io.BytesIO()
    image.save(out, format="PNG", exif=exif)
    return out.getvalue()


def test_content_files_pass_the_gate_cleaned_or_are_left_out_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "site"
    docs = root / "content"
    (docs / "images").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(EXAMPLE, docs / "profile.yml")  # a profile kept in content/ by mistake
    copy_example_files(root)
    loaded = load_profile(docs / "profile.yml")
    (docs / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (docs / "images" / "chart.png").write_bytes(_png_with_exif())
    (root / ".env").write_text("TOKEN=zqsecret\n", encoding="utf-8")
    (docs / "env.txt").symlink_to(root / ".env")
    os.mkfifo(docs / "pipe.txt")
    names = ["notes.md", "images/chart.png", "profile.yml", "env.txt", "pipe.txt"]
    admitted = read_for_site(
        {n: docs / n for n in names},
        loaded=loaded,
        root=root,
        docs_dir=docs,
        shown="content",
        private=private_paths(loaded),
    )
    assert sorted(admitted.publish) == ["images/chart.png", "notes.md"]
    assert admitted.publish["notes.md"] == b"# Notes\n"
    assert b"zqcamera-maker" in _png_with_exif()
    assert b"zqcamera-maker" not in admitted.publish["images/chart.png"]
    levels = {message.split(" ")[0].split(":")[0]: level for level, message in admitted.notes}
    assert levels == {
        "content/profile.yml": "info",
        "content/env.txt": "warning",
        "content/pipe.txt": "warning",
    }
    assert any("is a link to a hidden file" in m for _, m in admitted.notes)
