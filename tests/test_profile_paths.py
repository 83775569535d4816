"""Where a profile path leads (profile/paths.py): every path the profile names, each resolved
inside the project or refused with the reason, and a file's kind read from its bytes. The
`files` rule that reports these in `check` is tested in test_checks_files.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.profile.paths import (
    LOCAL_FILE_LIMIT,
    Folders,
    project_root,
    references,
    resolve_local,
    sniff,
    sniff_bytes,
)
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, ROOT
from .test_checks_files import FILES, PDF, PNG, project

BASE = "basics:\n  name: Ann Lee\n  image: images/ann.png\n"


def _loaded(tmp_path: Path) -> LoadedProfile:
    folder = project(tmp_path)
    (tmp_path / "content" / "images" / "ann.png").write_bytes(PNG)
    path = folder / "profile.yml"
    path.write_text(BASE + FILES, encoding="utf-8")
    return load_profile(path, "profiles/profile.yml")


def test_every_path_the_profile_names_is_listed_with_its_kind(tmp_path: Path) -> None:
    found = [(r.where, r.value, r.kinds, r.under_content) for r in references(_loaded(tmp_path))]
    assert found == [
        (("basics", "image"), "images/ann.png", ("image",), True),
        (("projects", 0, "images", 0), "images/chart.png", ("image",), True),
        (("references", 0, "letter", "file"), "documents/hale.pdf", ("pdf", "image"), False),
        (
            ("applications", 0, "attachments", 0, "path"),
            "documents/sample.pdf",
            ("pdf", "image"),
            False,
        ),
        (("documents", 0, "path"), "documents/tableau.png", ("pdf", "image"), False),
    ]


def test_the_example_names_its_photo_and_its_enclosures() -> None:
    loaded = load_profile(EXAMPLE)
    assert project_root(loaded) == ROOT
    values = {r.value for r in references(loaded)}
    assert "images/elena-vasquez.png" in values
    folders = Folders.of(loaded)
    for ref in references(loaded):
        resolved, problems = resolve_local(
            loaded, folders, ref.where, ref.value, used=True, under_content=ref.under_content
        )
        assert problems == [] and resolved is not None and resolved.is_file(), ref


def test_files_resolve_next_to_the_profile_or_under_content(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path)
    folders = Folders.of(loaded)
    assert folders.profile_dir == Path(os.path.realpath(tmp_path / "profiles"))
    assert folders.content_dir == Path(os.path.realpath(tmp_path / "content"))
    photo, none = resolve_local(
        loaded, folders, ("basics", "image"), "images/ann.png", used=True, under_content=True
    )
    assert none == [] and photo == folders.content_dir / "images" / "ann.png"
    pdf, none = resolve_local(
        loaded, folders, ("documents", 0, "path"), "documents/hale.pdf", used=True
    )
    assert none == [] and pdf == folders.profile_dir / "documents" / "hale.pdf"


def _refused(loaded: LoadedProfile, value: str, *, used: bool = True) -> list[tuple[str, str]]:
    resolved, problems = resolve_local(
        loaded, Folders.of(loaded), ("documents", 0, "path"), value, used=used
    )
    assert resolved is None
    for p in problems:
        assert p.rule == "files" and p.file == "profiles/profile.yml"
        assert p.path == ("documents", 0, "path") and p.hint
    return [(p.severity, p.message) for p in problems]


@pytest.mark.parametrize(
    ("value", "severity", "words"),
    [
        ("../../secrets.pdf", "error", "points outside the project"),
        ("/etc/passwd", "error", "is an absolute path"),
        ("C:\\Users\\ann\\cv.pdf", "error", "is an absolute path"),  # not read as a scheme
        ("file:///etc/passwd", "error", "is not a relative path"),
        ("https://ann.example.org/cv.pdf", "warning", "jobpacket never downloads files"),
        ("documents/missing.pdf", "warning", "file 'documents/missing.pdf' not found"),
    ],
)
def test_paths_that_lead_nowhere_readable_say_why(
    tmp_path: Path, value: str, severity: str, words: str
) -> None:
    [(level, message)] = _refused(_loaded(tmp_path), value)
    assert level == severity and words in message


def test_a_link_out_of_the_project_is_refused_even_unused(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.pdf"
    outside.write_bytes(PDF)
    loaded = _loaded(tmp_path)
    (tmp_path / "profiles" / "documents" / "link.pdf").symlink_to(outside)
    [(level, message)] = _refused(loaded, "documents/link.pdf", used=False)
    assert level == "error" and "points outside the project" in message
    # a missing file or a web address nothing reads is no finding
    assert _refused(loaded, "documents/missing.pdf", used=False) == []
    assert _refused(loaded, "https://ann.example.org/cv.pdf", used=False) == []


def test_a_file_over_the_limit_is_refused_only_when_used(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path)
    big = tmp_path / "profiles" / "documents" / "big.pdf"
    with big.open("wb") as fh:
        fh.truncate(LOCAL_FILE_LIMIT + 1)
    folders = Folders.of(loaded)
    [problem] = resolve_local(
        loaded, folders, ("documents", 0, "path"), "documents/big.pdf", used=True
    )[1]
    assert "is larger than 20 MB" in problem.message
    assert resolve_local(
        loaded, folders, ("documents", 0, "path"), "documents/big.pdf", used=False
    ) == (
        big.resolve(),
        [],
    )


def test_a_file_kind_is_read_from_its_bytes(tmp_path: Path) -> None:
    assert sniff_bytes(PDF[:512]) == "pdf"
    assert sniff_bytes(PNG) == "raster"
    assert sniff_bytes(b"\xff\xd8\xff\xe0\0\x10JFIF") == "raster"
    assert sniff_bytes(b"RIFF\0\0\0\0WEBPVP8 ") == "raster"
    assert sniff_bytes(b"\0\0\0\x1cftypavif") == "raster"
    assert sniff_bytes(b'\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"/>') == "svg"
    assert sniff_bytes(b'<?xml version="1.0"?>\n<svg/>') == "svg"
    assert sniff_bytes(b"<?xml version='1.0'?><html/>") == "other"
    assert sniff_bytes(b"PK\x03\x04 a Word file") == "other"
    renamed = tmp_path / "photo.png"
    renamed.write_bytes(PDF)
    assert sniff(renamed) == "pdf"  # a PDF renamed to .png is still a PDF
    (tmp_path / "chart.pdf").write_bytes(PNG)
    assert sniff(tmp_path / "chart.pdf") == "image"
    assert sniff(tmp_path / "missing.png") == "other"
