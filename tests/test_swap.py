"""swap.py on its own: recovery after a kill, undo of a half-done swap, the build lock.
The builds that use it are tested in test_safety_publish.py."""

from __future__ import annotations

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
