"""The MkDocs adapter records a `mkdocs build` and replays an unchanged one (site/replaying.py
over site/replay.py): the same site and build/ folder, the same findings, without loading the
profile; any changed input makes the build again.

The builds are real `mkdocs build -v` runs in a subprocess; whether one was replayed is read
from the debug line the adapter logs for it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from .conftest import EXAMPLE, copy_example_files
from .test_site_support import build, make_site, mkdocs_env

pytestmark = pytest.mark.slow

REPLAYED = "nothing changed since the last build: its recording is replayed"


def _build(site: Path, *args: str, **env: str) -> tuple[bool, str]:
    """`mkdocs build -v`: whether it was replayed, and its log."""
    result = build(site, "-v", *args, strict=False, env=mkdocs_env() | env)
    assert result.returncode == 0, result.stderr
    return REPLAYED in result.stderr, result.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes by path; gzip files uncompressed (their header holds a time)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            out[p.relative_to(folder).as_posix()] = (
                gzip.decompress(data) if p.suffix == ".gz" else data
            )
    return out


def _findings(log: str) -> list[str]:
    return [line for line in log.splitlines() if "jobpacket: profiles/" in line]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", EXAMPLE)


def test_an_unchanged_build_is_replayed_and_publishes_the_same_files(site: Path) -> None:
    replayed, first = _build(site)
    assert not replayed
    made = {name: _tree(site / name) for name in ("site", "build")}
    assert made["build"] and "index.html" in made["site"]

    replayed, second = _build(site)
    assert replayed, second
    assert {name: _tree(site / name) for name in ("site", "build")} == made
    # what the build said about the profile is said again, in the same order
    assert _findings(second) == _findings(first) and _findings(first)
    assert "print outputs: 0 print HTML made, 0 rendered, 0 packets bound" in second
    # the packets are in build/ already: none is said to be rebuilt
    assert "2 application packets in build/packets/ (0 rebuilt; never deployed)" in second

    assert _build(site)[0]  # and again: a replay keeps build/ as the recording found it


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_kind_of_input_makes_the_build_again(site: Path) -> None:
    """Each input in turn: the build after the change is made, the one after that replayed."""
    profile = site / "profiles" / "profile.yml"
    assert not _build(site)[0]

    def changed(what: str, **env: str) -> str:
        replayed, log = _build(site, **env)
        assert not replayed, f"{what}: replayed a build whose input changed"
        assert _build(site, **env)[0], f"{what}: the build after it was not replayed"
        return log

    _edit(profile, "Machine learning engineer", "Machine-learning engineer")
    changed("the profile")
    assert "Machine-learning engineer" in (site / "site" / "resume.html").read_text()

    (site / "profiles" / "private.yml").write_text("{}\n")
    changed("a private overlay created beside the profile")

    enclosure = sorted((site / "profiles" / "documents").rglob("*.pdf"))[0]
    enclosure.write_bytes(enclosure.read_bytes() + b"\n%")
    changed("a file the profile names")

    (site / "content" / "notes.md").write_text("# Notes\n\nA page of my own.\n")
    changed("a page in content/")
    assert (site / "site" / "notes.html").is_file()

    _edit(site / "mkdocs.yml", "site_name:", "site_description: Portfolio\nsite_name:")
    changed("mkdocs.yml")

    packet = sorted((site / "build" / "packets").glob("*.pdf"))[0]
    packet.unlink()
    changed("a file removed from build/")
    assert packet.is_file()  # made again, as a build that replays nothing would

    changed("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH="1767225600")


def test_a_strict_build_fails_again_on_the_warnings_it_replays(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    image = "image: images/elena-vasquez.png"
    assert image in text
    site = make_site(tmp_path / "site", text.replace(image, "image: https://example.com/me.png", 1))
    copy_example_files(site)
    replayed, first = _build(site)
    assert not replayed and "remote images are not shown" in first
    before = _tree(site / "site")

    result = build(site, "-v", strict=True)
    assert REPLAYED in result.stderr
    assert result.returncode != 0
    assert "remote images are not shown" in result.stderr
    assert _tree(site / "site") == before  # an aborted build publishes nothing


def test_a_recording_that_cannot_be_read_is_no_error(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert not _build(site, JOBPACKET_CACHE_DIR=str(cache))[0]
    recordings = list((cache / "replay").glob("*.bin"))
    assert len(recordings) == 1
    data = recordings[0].read_bytes()
    recordings[0].write_bytes(data[: len(data) // 2])
    replayed, log = _build(site, JOBPACKET_CACHE_DIR=str(cache))
    assert not replayed
    assert "Traceback" not in log
    assert _build(site, JOBPACKET_CACHE_DIR=str(cache))[0]


def test_a_replayed_build_does_not_load_the_profile_model(site: Path) -> None:
    """The point of a replay: no validation, so not even the import of the model and of
    pydantic, the largest part of what the hooks cost an unchanged build."""
    import subprocess
    import sys

    assert not _build(site)[0]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "-v"],
        cwd=site,
        capture_output=True,
        text=True,
        env=mkdocs_env(),
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert REPLAYED in result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "jobpacket.site.mkdocs" in imported  # the hooks ran
    assert not {"pydantic", "jobpacket.profile.model", "jobpacket.profile.validate"} & imported
