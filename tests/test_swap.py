"""swap.py on its own: recovery after a kill, undo of a half-done swap, the build lock.
The builds that use it are tested in test_safety_publish.py."""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest

from jobpacket import swap

from .conftest import ROOT


def test_recover_puts_back_a_folder_caught_between_the_two_renames(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old = tmp_path / ".site.jobpacket-old-123-456"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    staged = tmp_path / ".site.jobpacket-new-abc"
    staged.mkdir()
    (staged / "index.html").write_text("half", encoding="utf-8")
    swap.recover(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_swap_that_fails_at_the_second_folder_undoes_the_first(tmp_path: Path) -> None:
    first, second = tmp_path / "site", tmp_path / "build"
    for folder in (first, second):
        folder.mkdir()
        (folder / "f").write_text(f"old {folder.name}", encoding="utf-8")
    staged_first = swap.staging_dir(first)
    (staged_first / "f").write_text("new site", encoding="utf-8")
    done = swap.Swap()
    done.replace(first, staged_first)
    with pytest.raises(OSError):
        done.replace(second, tmp_path / "missing-staging")
    done.undo()
    assert (first / "f").read_text(encoding="utf-8") == "old site"
    assert (second / "f").read_text(encoding="utf-8") == "old build"


def _live_build(tmp_path: Path) -> Path:
    build = tmp_path / "build"
    (build / "letters").mkdir(parents=True)
    (build / "letters" / "acme.pdf").write_bytes(b"%PDF-old letter")
    (build / "resume.pdf").write_bytes(b"%PDF-same")
    return build


def test_writing_into_the_staged_copy_leaves_the_live_folder_as_it_was(tmp_path: Path) -> None:
    """The staged copy holds hard links to today's files: a new file replaces its link, an
    unchanged one keeps it (and its time stamp), and today's build/ is untouched until the
    swap."""
    build = _live_build(tmp_path)
    staged = swap.stage_copy(build)
    swap.write_into(
        staged,
        [
            (build / "letters" / "acme.pdf", b"%PDF-new letter"),
            (build / "resume.pdf", b"%PDF-same"),
        ],
        build,
    )
    assert (build / "letters" / "acme.pdf").read_bytes() == b"%PDF-old letter"
    assert (staged / "letters" / "acme.pdf").read_bytes() == b"%PDF-new letter"
    assert (staged / "resume.pdf").stat().st_ino == (build / "resume.pdf").stat().st_ino


def test_writing_into_the_staged_copy_refuses_a_folder_that_is_a_link(tmp_path: Path) -> None:
    build = _live_build(tmp_path)
    elsewhere = tmp_path / "content" / "published"
    elsewhere.mkdir(parents=True)
    (build / "packets").symlink_to(elsewhere)
    staged = swap.stage_copy(build)
    with pytest.raises(swap.FolderError) as caught:
        swap.write_into(staged, [(build / "packets" / "acme.pdf", b"%PDF-")], build)
    assert caught.value.errno == errno.ELOOP
    assert caught.value.filename == str(build / "packets")  # named as the user knows it
    assert "is a symbolic link" in str(caught.value.strerror)
    assert list(elsewhere.iterdir()) == []


def test_writing_into_the_staged_copy_refuses_what_is_not_a_regular_file(
    tmp_path: Path,
) -> None:
    build = _live_build(tmp_path)
    (build / "notes.txt").symlink_to(tmp_path / "outside.txt")
    (build / "letters" / "old.pdf").mkdir()
    staged = swap.stage_copy(build)
    for rel in ("notes.txt", "letters/old.pdf"):
        with pytest.raises(swap.FolderError, match="is not a regular file") as caught:
            swap.write_into(staged, [(build / rel, b"x")], build)
        assert caught.value.filename == str(build / rel)
    assert not (tmp_path / "outside.txt").exists()


def test_the_lock_is_released_when_its_process_dies(tmp_path: Path) -> None:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from jobpacket.swap import ProjectLock\n"
        "ProjectLock(Path(sys.argv[2])).acquire(); print('held', flush=True); time.sleep(60)\n"
    )
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(ROOT / "hooks"), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waited: list[str] = []
        lock = swap.ProjectLock(tmp_path)

        def kill_holder(pid: str) -> None:
            waited.append(pid)
            holder.kill()  # the kernel releases a dead process's lock

        lock.acquire(kill_holder)
        assert waited == [str(holder.pid)]
        lock.release()
    finally:
        holder.kill()
        holder.wait()
