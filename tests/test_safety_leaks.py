"""Nothing leaks (issue 17, "Leaks" 1-5 and the publish half of 15), through real builds.

- a link under content/ that leaves the project (to /proc/self/environ, /etc/passwd, an
  outside folder) is never published, plain or --strict, and is named in a warning; a link
  swapped in after the check is never followed (MkDocs gets the bytes that were checked);
- a public document whose file is private (the profile, a letter, a private document) or
  not a PDF/image is an error in `check` and never copied;
- images reach the site and the PDFs without EXIF, text chunks, comments or XMP, upright;
  images of private projects are not published; public PDFs lose /Info and XMP;
- an enclosure bound into a packet keeps no action, script, attachment, form or non-web
  link (every object of the packet is walked);
- an output folder under build/ that is a link is refused before anything is written.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from .conftest import EXAMPLE, run_cli
from .pdf_support import active_content, hostile_pdf
from .test_site_support import blank_pdf, build, make_site, mkdocs_env, site_files

SECRET = "zqleak-secret-value"
PROFILE = "basics:\n  name: Pat Example\n"


def _published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site_files(site)}


def _leaks(site: Path, *secrets: str) -> list[str]:
    return [
        path
        for path, data in _published(site).items()
        for secret in secrets
        if secret.encode() in data
    ]


# --- 1. links out of the project ------------------------------------------------------------


@pytest.fixture
def linked_site(tmp_path: Path) -> Path:
    """A site whose content/ links out of the project four ways, and once inside it."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "folder" / "a.txt").write_text(SECRET, encoding="utf-8")
    (outside / "folder" / "b.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "notes.md").write_text(f"# Notes\n\n{SECRET}\n", encoding="utf-8")
    site = make_site(tmp_path / "s", PROFILE, content={"about.md": "# About\n"})
    content = site / "content"
    (content / "env.txt").symlink_to("/proc/self/environ")
    (content / "passwd.txt").symlink_to("/etc/passwd")
    (content / "secret.txt").symlink_to(outside / "secret.txt")
    (content / "linked").symlink_to(outside / "folder")
    (content / "notes.md").symlink_to(outside / "notes.md")
    (site / "shared").mkdir()
    (site / "shared" / "inside.txt").write_text("zqinside-ok", encoding="utf-8")
    (content / "inside.txt").symlink_to(site / "shared" / "inside.txt")
    (site / ".env").write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    (content / "dotenv.txt").symlink_to(site / ".env")
    return site


@pytest.mark.slow
def test_links_out_of_the_project_are_never_published(linked_site: Path) -> None:
    env = mkdocs_env(ZQ_BUILD_TOKEN=SECRET)
    result = build(linked_site, strict=False, env=env)
    assert result.returncode == 0, result.stderr
    published = _published(linked_site / "site")
    for name in ("env.txt", "passwd.txt", "secret.txt", "linked/a.txt", "notes.html", "dotenv.txt"):
        assert name not in published, name
    assert _leaks(linked_site / "site", SECRET, "root:x:0:0") == []
    assert published["inside.txt"] == b"zqinside-ok"  # a link that stays inside is fine
    for shown in ("env.txt", "passwd.txt", "secret.txt", "notes.md"):
        assert (
            f"WARNING -  jobpacket: content/{shown}: is a link to a file outside the project"
            in (result.stderr)
        ), result.stderr
    assert "content/linked/: is a link to a folder outside the project; its 2 files" in (
        result.stderr
    )
    assert "content/dotenv.txt: is a link to a hidden file; it is not published" in result.stderr
    assert "inside.txt" not in result.stderr


@pytest.mark.slow
def test_links_out_of_the_project_fail_a_strict_build(linked_site: Path) -> None:
    result = build(linked_site, env=mkdocs_env(ZQ_BUILD_TOKEN=SECRET))
    assert result.returncode != 0
    assert "content/env.txt: is a link to a file outside the project" in result.stderr
    assert not (linked_site / "site").exists() or _leaks(linked_site / "site", SECRET) == []


SWAP_HOOK = """
import os
from pathlib import Path
from mkdocs.plugins import event_priority


@event_priority(-100)  # after jobpacket has checked and read every file
def on_files(files, config):
    docs = Path(config.docs_dir)
    for name, target in (("swap.txt", "/etc/passwd"), ("page.md", os.environ["ZQ_OUTSIDE"])):
        os.unlink(docs / name)
        os.symlink(target, docs / name)
    return files
"""


@pytest.mark.slow
def test_a_link_swapped_in_after_the_check_is_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(f"# {SECRET}\n", encoding="utf-8")
    site = make_site(
        tmp_path / "s",
        PROFILE,
        content={"swap.txt": "zqchecked-bytes", "page.md": "# Page\n\nzqchecked-page\n"},
    )
    (site / "hooks" / "swap.py").write_text(SWAP_HOOK, encoding="utf-8")
    yml = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        yml.replace("  - hooks/site.py\n", "  - hooks/site.py\n  - hooks/swap.py\n"),
        encoding="utf-8",
    )
    result = build(site, env=mkdocs_env(ZQ_OUTSIDE=str(outside)))
    assert result.returncode == 0, result.stderr
    assert (site / "content" / "swap.txt").is_symlink(), "the hook swapped the file"
    published = _published(site / "site")
    assert published["swap.txt"] == b"zqchecked-bytes"
    assert b"zqchecked-page" in published["page.html"]
    assert _leaks(site / "site", SECRET, "root:x:0:0") == []


# --- 2. public documents that must never be published ------------------------------------------


@pytest.mark.slow
def test_a_public_document_that_is_private_or_not_a_pdf_is_an_error_and_never_copied(
    tmp_path: Path,
) -> None:
    profile = PROFILE + (
        "references:\n"
        "  - name: Dr. R\n"
        "    letter: {delivery: enclosed, file: letter.pdf, confidential: true}\n"
        "documents:\n"
        "  - {title: Me, path: profile.yml, url: files/me.yml, visibility: public}\n"
        "  - {title: Letter, path: letter.pdf, url: files/letter.pdf, visibility: public}\n"
        "  - {title: Notes, path: notes.txt, url: files/notes.txt, visibility: public}\n"
        "  - {title: Sample, path: sample.pdf, url: files/sample.pdf, visibility: public}\n"
    )
    site = make_site(tmp_path / "s", profile)
    folder = site / "profiles"
    (folder / "letter.pdf").write_bytes(blank_pdf())
    (folder / "notes.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "sample.pdf").write_bytes(blank_pdf())
    text = (folder / "profile.yml").read_text(encoding="utf-8")
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, t in enumerate(lines, 1) if fragment in t)

    result = run_cli("check", str(folder / "profile.yml"), cwd=site)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert f"profile.yml:{line_of('title: Me')}:" in out
    assert "'profile.yml' is the profile itself" in out
    assert "'letter.pdf' is a recommendation letter" in out
    assert "'notes.txt' is not a PDF or an image (by its content)" in out
    assert "Traceback" not in out
    built = build(site, strict=False)
    assert built.returncode != 0  # the build stops on the same errors
    published = _published(site / "site") if (site / "site").exists() else {}
    assert not any(p.startswith("files/") for p in published)


# --- 3. images and documents without metadata -------------------------------------------------


def _photo_with_metadata() -> bytes:
    """A JPEG 40 wide, 20 high, turned by its EXIF orientation, carrying a GPS position,
    an artist, a description, a comment and XMP."""
    exif = Image.Exif()
    exif[0x013B] = "zqmeta-artist"
    exif[0x010E] = "zqmeta-description 12 Main St, +1 555 0100"
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    exif.get_ifd(0x8825)[2] = (40.0, 26.0, 46.0)
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(
        out,
        "JPEG",
        exif=exif,
        comment=b"zqmeta-comment",
        xmp=b"<x:xmpmeta>zqmeta-xmp</x:xmpmeta>",
    )
    return out.getvalue()


def _png_with_text(color: tuple[int, int, int]) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "zqmeta-png-author")
    info.add_itxt("XML:com.adobe.xmp", "zqmeta-png-xmp")
    out = io.BytesIO()
    Image.new("RGB", (30, 30), color).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _pdf_with_metadata() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(blank_pdf()))
    writer.add_metadata({"/Author": "zqmeta-pdf-author", "/Title": "C:/Users/zqmeta-user/cv"})
    writer.xmp_metadata = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">zqmeta-pdf-xmp</x:xmpmeta>'
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


META = ("zqmeta",)


@pytest.mark.slow
def test_images_and_documents_are_published_without_their_metadata(tmp_path: Path) -> None:
    profile = PROFILE + (
        "  url: https://pat.example.com/\n"
        "  image: images/photo.jpg\n"
        "projects:\n"
        "  - {name: Open, description: Shown., images: [images/open.png]}\n"
        "  - {name: Hidden, description: Not shown., images: [images/hidden.png],"
        " visibility: private}\n"
        "meta: {design: modern}\n"
        "documents:\n"
        "  - {title: Sample, path: sample.pdf, visibility: public,"
        " url: 'https://pat.example.com/files/sample.pdf'}\n"
    )
    site = make_site(
        tmp_path / "s",
        profile,
        content={
            "images/photo.jpg": _photo_with_metadata(),
            "images/open.png": _png_with_text((10, 120, 10)),
            "images/hidden.png": _png_with_text((10, 10, 120)),
            "images/by-hand.png": _png_with_text((90, 90, 90)),
            "by-hand.pdf": _pdf_with_metadata(),
        },
    )
    (site / "profiles" / "sample.pdf").write_bytes(_pdf_with_metadata())
    result = build(site)
    assert result.returncode == 0, result.stderr
    out = site / "site"
    published = _published(out)
    assert "images/hidden.png" not in published  # only a private project shows it
    assert _leaks(out, *META) == [], _leaks(out, *META)
    photo = Image.open(io.BytesIO(published["images/photo.jpg"]))
    assert photo.size == (20, 40)  # turned upright, so no orientation tag is needed
    assert dict(photo.getexif()) == {}
    assert photo.getpixel((10, 20))[0] > 150  # the pixels are the photo's
    for name in ("images/open.png", "images/by-hand.png"):
        png = Image.open(io.BytesIO(published[name]))
        assert png.size == (30, 30) and not {"Author", "XML:com.adobe.xmp"} & set(png.info)
    for name in ("files/sample.pdf", "by-hand.pdf"):
        pdf = PdfReader(io.BytesIO(published[name]))
        assert len(pdf.pages) == 1
        assert pdf.metadata is None or "/Author" not in pdf.metadata
        assert pdf.xmp_metadata is None
    resume = next(
        data
        for path, data in published.items()
        if path.endswith(".pdf") and (path not in ("files/sample.pdf", "by-hand.pdf"))
    )
    images = [img for page in PdfReader(io.BytesIO(resume)).pages for img in page.images]
    assert images, "the résumé shows the photo"
    assert all(b"zqmeta" not in img.data for img in images)


# --- 4. enclosures without active content -----------------------------------------------------


@pytest.mark.slow
def test_an_enclosed_pdf_is_bound_without_active_content(tmp_path: Path) -> None:
    site = tmp_path / "s"
    (site / "profiles" / "documents").mkdir(parents=True)
    (site / "content").mkdir()
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    hostile = hostile_pdf()
    assert len(active_content(hostile)) > 10  # the walk finds what is there
    (site / "profiles" / "documents" / "form.pdf").write_bytes(hostile)
    profile = PROFILE + (
        "  email: pat@example.com\n"
        "applications:\n"
        "  - id: acme\n"
        "    organization: Acme\n"
        "    position: Engineer\n"
        "    attachments: [{path: documents/form.pdf, title: Filled form}]\n"
        "    letter: {kind: cover, date: '2026-10-20', greeting: Dear team,"
        " body: I would like to apply., closing: Regards}\n"
    )
    (site / "profiles" / "p.yml").write_text(profile, encoding="utf-8")
    result = run_cli(
        "packet",
        "--profile",
        "profiles/p.yml",
        "acme",
        cwd=site,
        JOBPACKET_CACHE_DIR=str(tmp_path / "c"),
        process=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    packet = next((site / "build" / "packets").glob("*.pdf")).read_bytes()
    assert active_content(packet) == []
    pdf = PdfReader(io.BytesIO(packet))
    form_page = pdf.pages[-1]
    assert "zqfield" in form_page.extract_text()  # the filled-in field, flattened
    links = [a.get_object().get("/A", {}).get("/URI") for a in form_page.get("/Annots", [])]
    assert "https://example.com/kept" in links


# --- 5. output folders that are links ---------------------------------------------------------


@pytest.mark.slow
def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", PROFILE, content={"about.md": "# About\n"})
    (site / "content" / "packets").mkdir()
    (site / "content" / "packets" / "acme.pdf").write_bytes(blank_pdf())
    (site / "build").mkdir()
    (site / "build" / "packets").symlink_to(site / "content" / "packets")
    result = build(site, strict=False)
    assert result.returncode == 1
    assert "build/packets: is a link to content/packets" in result.stderr
    assert "remove the link (rm build/packets)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()
    cli = run_cli("pdf", "resume", "--profile", "profiles/profile.yml", cwd=site, process=True)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "error: build/packets: is a link to content/packets" in cli.stderr
    assert [p.name for p in (site / "content" / "packets").iterdir()] == ["acme.pdf"]
    assert not (site / "build" / "resume.pdf").exists()  # nothing was written


def test_outputs_reached_through_a_linked_folder_are_private(tmp_path: Path) -> None:
    from jobpacket.profile.validate import load_profile
    from jobpacket.site.files import private_paths

    (tmp_path / "content" / "packets").mkdir(parents=True)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "packets").symlink_to(tmp_path / "content" / "packets")
    (tmp_path / "p.yml").write_text(PROFILE, encoding="utf-8")
    private = private_paths(load_profile(tmp_path / "p.yml"), folders=(tmp_path / "build",))
    assert private.covers(tmp_path / "content" / "packets" / "acme.pdf")
    assert not private.covers(tmp_path / "content" / "about.md")


def test_example_still_publishes_its_work_sample() -> None:
    """The example's public document is also an attachment: sending a public sample is
    usual, so it stays published (as a clean copy)."""
    from jobpacket.checks.files import public_document_problems
    from jobpacket.profile.validate import load_profile

    assert public_document_problems(load_profile(EXAMPLE)) == {}


# --- the cleaners on their own ------------------------------------------------------------------


def test_a_docs_dir_that_is_a_link_out_of_the_project_publishes_nothing_of_it(
    tmp_path: Path,
) -> None:
    from jobpacket.profile.validate import load_profile
    from jobpacket.site.files import PrivatePaths, read_for_site

    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "elsewhere" / "b.txt").write_text(SECRET, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "content").symlink_to(tmp_path / "elsewhere")
    (project / "p.yml").write_text(PROFILE, encoding="utf-8")
    docs = project / "content"
    admitted = read_for_site(
        {"a.txt": docs / "a.txt", "b.txt": docs / "b.txt"},
        loaded=load_profile(project / "p.yml"),
        root=project,
        docs_dir=docs,
        shown="content",
        private=PrivatePaths(frozenset(), ()),
    )
    assert admitted.publish == {}
    assert admitted.notes == [
        (
            "warning",
            "content/: is a link to a folder outside the project; its 2 files are not "
            "published (the site publishes only files inside the project folder); copy what "
            "should be public into content/ instead of linking to it",
        )
    ]
