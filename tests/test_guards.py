"""Guards on jobpacket's reaches into other libraries' internals, and on reading files safely.

Each reach into a library's private names lives in one place, falls back to the supported
path when the name is gone, and has a test here that fails when an upgrade renames it, so
a silent fallback (here: temporary font folders piling up) is seen in CI, not by users.
The others: MkDocs' LiveReloadServer attributes (site/preview.py), guarded in
tests/test_site_preview.py, tests/test_site_mkdocs.py and tests/test_site_serve.py.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

FONTS = Path(__file__).resolve().parent.parent / "hooks" / "jobpacket" / "assets" / "fonts"


def _weasy_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("weasyprint-*")}


@pytest.fixture(autouse=True)
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's temporary folders go to this test's own folder: other processes on the
    machine (a parallel test run) make theirs in /tmp too."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.mark.slow
def test_weasyprint_font_folders_are_removed_when_their_styles_are_dropped() -> None:
    """print/pdf.py removes FontConfiguration._folder itself (WeasyPrint only does so in
    __del__, which reference cycles put off until exit)."""
    from jobpacket.print import pdf

    font = next(FONTS.rglob("*.woff2"), None) or next(FONTS.rglob("*.ttf"))
    css = f"@font-face {{ font-family: Guard; src: url({font.as_uri()}) }}"
    before = _weasy_folders()
    font_config, _ = pdf._styles(
        [(css, FONTS.as_uri() + "/")], [FONTS], pdf.ConfinedFetcher([FONTS])
    )
    folder = getattr(font_config, "_folder", None)
    # The guard: WeasyPrint still keeps its copied fonts in `_folder`, a temporary folder.
    assert isinstance(folder, (str, os.PathLike)), "WeasyPrint renamed FontConfiguration._folder"
    assert Path(folder).is_dir() and Path(folder).name.startswith("weasyprint-")
    assert _weasy_folders() - before == {Path(folder).name}
    pdf._drop_fonts(font_config)
    assert not Path(folder).exists()
    assert _weasy_folders() - before == set()


@pytest.mark.slow
def test_many_stylesheet_sets_leave_no_font_folders_behind() -> None:
    from jobpacket.print import pdf

    font = next(FONTS.rglob("*.woff2"), None) or next(FONTS.rglob("*.ttf"))
    before = _weasy_folders()
    for n in range(pdf._STYLE_SETS + 6):
        css = f"@font-face {{ font-family: G{n}; src: url({font.as_uri()}) }}"
        pdf._styles([(css, FONTS.as_uri() + "/")], [FONTS], pdf.ConfinedFetcher([FONTS]))
    # only the kept sets hold a folder; every evicted one was removed at once
    assert len(_weasy_folders() - before) <= pdf._STYLE_SETS


def test_weasyprint_reads_a_file_swapped_for_an_outside_link_never(tmp_path: Path) -> None:
    """The swap race, on WeasyPrint's side: the file was inside when it was checked, then its
    folder became a link to /etc. What is opened is checked (confined.read_inside)."""
    from jobpacket.print import pdf

    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    checked = root / "docs" / "passwd"
    checked.write_text("inside", encoding="utf-8")
    fetcher = pdf.ConfinedFetcher([root])
    fetcher.fetch(checked.as_uri())  # inside: read
    assert fetcher.read == [checked] and not fetcher.refused
    checked.unlink()
    (root / "docs").rmdir()
    (root / "docs").symlink_to("/etc")  # the swap
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(checked.as_uri())
    assert fetcher.refused


@pytest.mark.slow
def test_a_render_leaves_no_temporary_folder_behind(tmp_path: Path) -> None:
    """Each `jobpacket pdf` left a 2 MB copy of the fonts in /tmp (1,222 of them after one
    test run): WeasyPrint removes it only when its font configuration is collected, which a
    worker that is stopped at exit never does."""
    from .conftest import run_cli

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "resume.pdf"
    result = run_cli(
        "pdf",
        "resume",
        "-o",
        str(out),
        TMPDIR=str(tmp),
        JOBPACKET_CACHE_DIR=str(tmp_path / "c"),
        process=True,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    left = [p.name for p in tmp.iterdir() if p.name.startswith(("weasyprint-", "jobpacket-"))]
    assert left == []
