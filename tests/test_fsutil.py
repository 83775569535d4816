"""fsutil.py: outputs are replaced whole, keep ordinary permissions and survive a failed
write; a staged tree is published whole (the file operations behind 'nothing lost when a
build fails')."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from jobpacket import fsutil
from jobpacket.fsutil import write_atomic


def test_write_atomic_uses_ordinary_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("jobpacket.fsutil._UMASK", 0o022)
    target = tmp_path / "site" / "resume.pdf"
    write_atomic(target, b"%PDF-1.7")
    assert target.read_bytes() == b"%PDF-1.7"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_failed_write_keeps_the_last_good_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "resume.pdf"
    target.write_bytes(b"good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["resume.pdf"]  # no temp file left behind


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_publish_tree_makes_the_target_hold_exactly_the_staged_files(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / ".site.jobpacket-new"
    for rel, data in {
        "index.html": b"old",
        "gone.html": b"x",
        "old/a.css": b"a",
        "p": b"f",
    }.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    new = {"index.html": b"new", "p/index.html": b"page", "assets/x.js": b"js"}
    for rel, data in new.items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_bytes(data)
    fsutil.publish_tree(staging, site)
    assert _tree(site) == new  # "p" was a file where a folder now goes
    assert not staging.exists()
    assert not (site / "old").exists()


def test_publish_tree_copies_when_the_site_is_another_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    (staging / "a").mkdir(parents=True)
    (staging / "a" / "b.html").write_bytes(b"b")
    real = os.replace

    def cross_device(src: str | Path, dst: str | Path) -> None:
        if str(src).startswith(str(staging)):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", cross_device)
    fsutil.publish_tree(staging, site)
    assert _tree(site) == {"a/b.html": b"b"}
    assert [p.name for p in site.rglob("*") if p.name.endswith(".tmp")] == []


def test_write_many_keeps_temporary_files_out_of_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build, tmp = tmp_path / "build", tmp_path / ".build.jobpacket-new"
    (build / "app").mkdir(parents=True)
    (build / "resume.pdf").write_bytes(b"%PDF-same")
    before = (build / "resume.pdf").stat().st_mtime_ns
    seen: list[str] = []
    real = os.replace

    def watching(src: str | Path, dst: str | Path) -> None:
        seen.append(str(Path(src).parent))
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", watching)
    fsutil.write_many(
        [(build / "resume.pdf", b"%PDF-same"), (build / "app" / "letter.pdf", b"%PDF-new")],
        tmp_dir=tmp,
    )
    assert seen == [str(tmp)]  # one write, staged outside build/
    assert (build / "resume.pdf").stat().st_mtime_ns == before  # unchanged: not rewritten
    assert (build / "app" / "letter.pdf").read_bytes() == b"%PDF-new"
    assert not tmp.exists()


def test_a_hard_link_at_the_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    """What swap's staged copy of build/ relies on: its files are hard links to today's, and
    writing one must leave today's file (its other name) as it was."""
    live, staged = tmp_path / "live.pdf", tmp_path / "staged.pdf"
    live.write_bytes(b"%PDF-old")
    os.link(live, staged)
    write_atomic(staged, b"%PDF-new")
    fsutil.write_many([(staged, b"%PDF-newer")], tmp_dir=tmp_path / ".tmp")
    assert live.read_bytes() == b"%PDF-old" and live.stat().st_nlink == 1
    assert staged.read_bytes() == b"%PDF-newer"


def test_a_failed_write_many_keeps_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build, tmp = tmp_path / "build", tmp_path / ".build.jobpacket-new"
    build.mkdir()
    (build / "resume.pdf").write_bytes(b"%PDF-good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", broken_replace)
    with pytest.raises(OSError):
        fsutil.write_many([(build / "resume.pdf", b"%PDF-new")], tmp_dir=tmp)
    assert (build / "resume.pdf").read_bytes() == b"%PDF-good"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["build", "resume.pdf"]


def test_unwritable_names_a_file_where_a_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "app").write_text("a file", encoding="utf-8")
    (tmp_path / "build" / "resume.pdf").mkdir()
    problems = fsutil.unwritable(
        [tmp_path / "build" / "app" / "letter.pdf", tmp_path / "build" / "resume.pdf"]
    )
    assert problems == [
        (tmp_path / "build" / "app", "is a file where a folder should be; move or remove it"),
        (
            tmp_path / "build" / "resume.pdf",
            "is a folder where a file should be; move or remove it",
        ),
    ]
    assert fsutil.unwritable([tmp_path / "build" / "new" / "x.pdf"]) == []
