"""Invariant 4: WeasyPrint reads only allowed local files and never the network.

A profile whose photo, enclosures, recommendation letter, links and Markdown point at
/etc/hostname, at `../` paths and at a loopback HTTP server must make nothing be read or
requested, and the user must get a located message naming each bad field.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import FIXTURES, ROOT, run_python
from .pdf_support import Server, flat, loopback_server, reader, text, weasyprint_log

pytestmark = pytest.mark.slow

SECRET = Path("/etc/hostname")
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every file path the process opens while the test runs (a Python audit hook)."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.fixture
def server() -> Iterator[Server]:
    with loopback_server() as srv:
        yield srv


def _hostile(tmp_path: Path, server: Server, edit=lambda s: s) -> LoadedProfile:
    folder = tmp_path / "site" / "profiles"
    folder.mkdir(parents=True)
    (tmp_path / "site" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    source = (FIXTURES / "hostile-print" / "profile.yml.in").read_text(encoding="utf-8")
    path = folder / "profile.yml"
    path.write_text(edit(source.replace("@SERVER@", server.url)), encoding="utf-8")
    return load_profile(path, "profile.yml")


def _render_here(doc: documents.PrintDocument) -> bytes:
    """The render worker's own entry point, called in this process."""
    return pdf.render_job(outputs._job(doc, outputs.cache_key(doc)))


def _problems(exc: pytest.ExceptionInfo[ProfileError]) -> dict[str, str]:
    from jobpacket.errors import format_path

    return {format_path(p.path): str(p) for p in exc.value.problems}


def test_photo_outside_the_project_is_refused_with_a_located_message(
    tmp_path: Path, server: Server, opened: list[str]
) -> None:
    loaded = _hostile(tmp_path, server)
    with pytest.raises(ProfileError) as exc:
        documents.resume(loaded, public=False)
    problems = _problems(exc)
    assert set(problems) == {"basics.image"}
    line = next(n for n, t in enumerate(loaded.path.read_text().splitlines(), 1) if "image:" in t)
    assert problems["basics.image"].startswith(
        f"profile.yml:{line}:10: error files: basics.image: "
    )
    assert "points outside the project" in problems["basics.image"]
    assert server.hits == [] and str(SECRET) not in opened


def test_photo_as_file_url_is_refused_when_the_profile_loads(
    tmp_path: Path, server: Server
) -> None:
    with pytest.raises(ProfileError) as exc:
        _hostile(
            tmp_path,
            server,
            lambda s: s.replace("image: ../../../../../../../..", "image: file://"),
        )
    assert ": basics.image: 'file:' links are not allowed" in str(exc.value)


def test_enclosure_and_letter_paths_outside_the_project_are_refused(
    tmp_path: Path, server: Server, opened: list[str]
) -> None:
    loaded = _hostile(tmp_path, server)
    with pytest.raises(ProfileError) as exc:
        documents.letter(loaded, "hostile")
    problems = _problems(exc)
    assert set(problems) == {
        "references[0].letter.file",
        "applications[0].attachments[1].path",
    }
    # attachments[0] names the same file as the enclosed recommendation letter: enclosed
    # (and reported) once, where it first appears.
    assert "points outside the project" in problems["references[0].letter.file"]
    assert "not a relative path" in problems["applications[0].attachments[1].path"]
    with pytest.raises(ProfileError) as exc:
        documents.reference_index(loaded)
    assert set(_problems(exc)) == {"references[0].letter.file"}
    with pytest.raises(ProfileError):
        outputs.private_documents(loaded, tmp_path / "build", cache_dir=tmp_path / "cache")
    assert not (tmp_path / "build").exists()  # nothing written when any document fails
    assert server.hits == [] and str(SECRET) not in opened


def test_relative_escape_and_symlink_out_of_the_project_are_refused(
    tmp_path: Path, server: Server
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours", encoding="utf-8")
    image = "image: ../../../../../../../../etc/hostname\n"
    loaded = _hostile(tmp_path, server, lambda s: s.replace(image, "image: ../../outside.txt\n"))
    with pytest.raises(ProfileError) as exc:
        documents.resume(loaded, public=True)
    assert "points outside the project" in _problems(exc)["basics.image"]

    loaded = _hostile(tmp_path / "again", server, lambda s: s.replace(image, "image: photo.png\n"))
    content = loaded.path.parent.parent / "content"
    content.mkdir()
    (content / "photo.png").symlink_to(outside)
    with pytest.raises(ProfileError) as exc:
        documents.resume(loaded, public=False)
    assert "points outside the project" in _problems(exc)["basics.image"]
    assert server.hits == []


def _defused(source: str) -> str:
    """The hostile profile with its path fields removed: only links and Markdown attack."""
    lines = []
    for line in source.splitlines():
        if "image: ../" in line or "file: ../" in line:
            continue
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return text.replace(
        "      - path: ../../../../../../../../etc/hostname\n        title: Host name\n"
        "      - path: file:/etc/hostname\n        title: Host name by URL\n",
        "      - path: enclosure.pdf\n        title: Case study\n",
    )


def test_links_and_markdown_reach_nothing_and_render_safely(
    tmp_path: Path, server: Server, opened: list[str]
) -> None:
    loaded = _hostile(tmp_path, server, _defused)
    (loaded.path.parent / "enclosure.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    with weasyprint_log() as log:
        out = {  # in this process, so the audit hook sees every file WeasyPrint opens
            "resume": _render_here(documents.resume(loaded, public=False)),
            "public": _render_here(documents.resume(loaded, public=True)),
            "letter": _render_here(documents.letter(loaded, "hostile")),
            "references": _render_here(documents.reference_index(loaded)),
        }
    assert server.hits == []
    assert str(SECRET) not in opened
    assert log.messages == []
    letter = flat(text(out["letter"]))
    assert "Dear reader, this letter tries to load things." in letter
    assert "a local file" in letter and "the server" in letter  # link text kept
    assert "Enclosures: Résumé; References; Case study" in letter
    if SECRET.exists():  # its content, whatever it is, must appear nowhere
        assert SECRET.read_text().strip() not in flat(text(out["resume"])) + letter
    for data in out.values():
        pdf_file = reader(data)
        assert "/EmbeddedFiles" not in pdf_file.trailer["/Root"].get("/Names", {})
        for page in pdf_file.pages:
            for annot in page.get("/Annots", []):
                uri = str(annot.get_object().get("/A", {}).get("/URI", ""))
                assert not uri.startswith("file:"), uri
    # profile text that looks like HTML is printed as text, never obeyed
    assert '<img src="file:///etc/hostname">' in flat(text(out["resume"]))


def test_cli_reports_bad_fields_without_a_traceback(tmp_path: Path, server: Server) -> None:
    loaded = _hostile(tmp_path, server)
    for args, field in (
        (["letter", "-a", "hostile"], "applications[0].attachments[1].path"),
        (["resume"], "basics.image"),
        (["references"], "references[0].letter.file"),
    ):
        result = run_python(
            "-m",
            "jobpacket.cli",
            "pdf",
            *args,
            "--profile",
            str(loaded.path),
            cwd=loaded.path.parent,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "profile.yml:" in result.stderr and f": {field}: " in result.stderr
    assert server.hits == []


# --- the confined fetcher itself ------------------------------------------------------------


def test_fetcher_allows_data_and_files_inside_its_roots_only(
    tmp_path: Path, server: Server, opened: list[str]
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }", encoding="utf-8")
    (root / "escape.css").symlink_to(SECRET)
    fetcher = pdf.ConfinedFetcher([root])
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p { color: red }"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    for url in (
        SECRET.as_uri(),
        f"file://{root}/../../../../../../etc/hostname",
        (root / "escape.css").as_uri(),
        "file://example.org/etc/hostname",
        f"{server.url}/fetch",
        f"{server.url.replace('http', 'https')}/fetch",
        "ftp://127.0.0.1/x",
        root.as_uri(),
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert server.hits == [] and str(SECRET) not in opened


@pytest.mark.parametrize(
    "html",
    [
        '<img src="{server}/img.png">',
        '<link rel="stylesheet" href="{server}/style.css">',
        '<style>@import url("{server}/import.css");</style>',
        '<img src="file:///etc/hostname">',
        "<style>@font-face {{ font-family: x; src: url(file:///etc/hostname) }}"
        " p {{ font-family: x }}</style><p>x</p>",
    ],
)
def test_render_stops_on_any_request_outside_the_roots(
    tmp_path: Path, server: Server, opened: list[str], html: str
) -> None:
    with pytest.raises(pdf.RefusedFetch, match="was not read"):
        pdf.render_pdf(
            f"<html><body>{html.format(server=server.url)}</body></html>", roots=[tmp_path]
        )
    assert server.hits == [] and str(SECRET) not in opened


def test_core_modules_never_import_mkdocs() -> None:
    code = (
        "import sys, jobpacket.cli, jobpacket.print.outputs, jobpacket.print.documents,"
        " jobpacket.print.pdf;"
        "sys.exit(1 if any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules) else 0)"
    )
    result = run_python("-c", code, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
