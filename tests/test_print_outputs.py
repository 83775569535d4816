"""Where the PDFs go and when they are re-rendered: the interface the MkDocs hook and the CLI
call, with its digest-keyed cache (in memory and in .jobpacket-cache/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.print import documents, outputs
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, example_site
from .pdf_support import flat, reader, text

EXAMPLE_PHOTO = "images/elena-vasquez.png"

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with a copy of the example profile."""
    return example_site(tmp_path)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the documents WeasyPrint actually renders; the memo starts empty."""
    monkeypatch.setattr(outputs, "_memo", type(outputs._memo)())
    calls: list[str] = []
    real = outputs._job  # every document sent to the render worker becomes a job

    def counting(doc: documents.PrintDocument, key: str) -> object:
        calls.append(doc.name)
        return real(doc, key)

    monkeypatch.setattr(outputs, "_job", counting)
    monkeypatch.delenv(outputs.CACHE_ENV, raising=False)
    return calls


def test_site_documents_is_the_public_resume_and_is_cached(site: Path, renders: list[str]) -> None:
    loaded = load_profile(site / "profiles" / "example.yml")
    files = outputs.site_documents(loaded)
    assert list(files) == ["resume.pdf"]
    body = flat(text(files["resume.pdf"]))
    assert "Elena M. Vasquez" in body and "412-555-0147" not in body
    assert renders == ["resume-public"]

    # same process, unchanged inputs: from memory
    assert outputs.site_documents(load_profile(site / "profiles" / "example.yml")) == files
    assert renders == ["resume-public"]
    # a new process (empty memo), unchanged inputs: from .jobpacket-cache/ next to mkdocs.yml
    outputs._memo.clear()
    assert outputs.site_documents(load_profile(site / "profiles" / "example.yml")) == files
    assert renders == ["resume-public"]
    assert len(list((site / ".jobpacket-cache" / "pdf").glob("*.pdf"))) == 1

    # a changed profile is a changed digest: rendered again
    path = site / "profiles" / "example.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Senior Machine", "Principal Machine", 1),
        encoding="utf-8",
    )
    changed = outputs.site_documents(load_profile(path))
    assert renders == ["resume-public", "resume-public"]
    assert "Principal Machine Learning Engineer" in text(changed["resume.pdf"])


def test_cache_key_covers_design_files_and_date(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_profile(site / "profiles" / "example.yml")
    base = outputs.cache_key(documents.resume(loaded, public=False))
    assert base == outputs.cache_key(documents.resume(loaded, public=False))
    assert base != outputs.cache_key(documents.resume(loaded, public=False, design="modern"))
    assert base != outputs.cache_key(documents.resume(loaded, public=True))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert base != outputs.cache_key(documents.resume(loaded, public=False))


def test_private_documents_go_to_build_and_are_not_rewritten_when_unchanged(
    site: Path, renders: list[str]
) -> None:
    loaded = load_profile(site / "profiles" / "example.yml")
    notes: list[str] = []
    out = site / "build"
    written = outputs.private_documents(loaded, out, report=lambda p: notes.append(str(p)))
    assert [p.relative_to(out).as_posix() for p in written] == [
        "resume.pdf",
        "references.pdf",
        "keystone-genomics-staff-mle/cover-letter.pdf",
        "lakefront-clinical-ai-rse/reconsideration-letter.pdf",
    ]
    assert all(reader(p.read_bytes()).pages for p in written)
    assert "412-555-0147" in text((out / "resume.pdf").read_bytes())  # the owner's full copy
    assert notes == []  # the example's enclosures are there (missing ones: test_documents)
    stamps = {p: p.stat().st_mtime_ns for p in written}
    assert len(renders) == 4

    again = outputs.private_documents(load_profile(site / "profiles" / "example.yml"), out)
    assert again == written and len(renders) == 4
    assert {p: p.stat().st_mtime_ns for p in again} == stamps
    assert not list(out.rglob("*.tmp"))


def test_modern_design_prints_a_local_photo_from_content(site: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 40), (30, 90, 140)).save(site / "content" / "me.png")
    path = site / "profiles" / "example.yml"
    source = path.read_text(encoding="utf-8")
    path.write_text(
        source.replace(f"  image: {EXAMPLE_PHOTO}", "  image: me.png", 1).replace(
            "  pageSize: Letter", "  pageSize: Letter\n  design: modern"
        ),
        encoding="utf-8",
    )
    loaded = load_profile(path)
    doc = documents.resume(loaded, public=True)
    assert doc.files == ((site / "content" / "me.png").resolve(),)
    data = outputs.render_uncached(doc)
    xobjects = reader(data).pages[0]["/Resources"].get("/XObject", {})
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    assert len(reader(data).pages) == 1
    # the photo's bytes are part of the digest
    key = outputs.cache_key(doc)
    Image.new("RGB", (40, 40), (200, 10, 10)).save(site / "content" / "me.png")
    assert outputs.cache_key(documents.resume(loaded, public=True)) != key


def test_the_same_profile_in_another_folder_gives_the_same_bytes(tmp_path: Path) -> None:
    """Reproducible across checkouts: no absolute path reaches the PDF or its /ID."""
    from PIL import Image

    data = []
    for name in ("one", "two-longer-path"):
        folder = tmp_path / name / "profiles"
        folder.mkdir(parents=True)
        (tmp_path / name / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
        (tmp_path / name / "content").mkdir()
        Image.new("RGB", (8, 8), (30, 90, 140)).save(tmp_path / name / "content" / "me.png")
        source = EXAMPLE.read_text(encoding="utf-8")
        (folder / "example.yml").write_text(
            source.replace(f"  image: {EXAMPLE_PHOTO}", "  image: me.png", 1),
            encoding="utf-8",
        )
        loaded = load_profile(folder / "example.yml")
        doc = documents.resume(loaded, public=True, design="modern")
        assert doc.files  # the photo is printed
        data.append(outputs.render_uncached(doc))
    assert data[0] == data[1]
    assert str(tmp_path).encode() not in data[0]
