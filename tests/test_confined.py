"""confined.py: a file is read only if the file actually opened is a regular file inside the
allowed folders, whatever links are swapped in around the read; output folders that are
links are found. The builds that rely on it are tested in test_safety_leaks.py."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from jobpacket.confined import Refused, inside, linked_folders, read_inside

SECRET = "zqleak-secret-value"


def test_inside_compares_paths_not_strings(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert inside(root, [root]) and inside(root / "a" / "b.pdf", [tmp_path / "x", root])
    assert not inside(tmp_path / "site-other" / "a.pdf", [root])  # a prefix is not inside
    assert not inside(tmp_path, [root])


def test_a_regular_file_inside_is_read_with_its_real_path(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cv.pdf").write_bytes(b"%PDF-1.7 cv")
    (tmp_path / "cv-link.pdf").symlink_to(tmp_path / "docs" / "cv.pdf")
    real, data = read_inside(tmp_path / "cv-link.pdf", (tmp_path.resolve(),), limit=100)
    assert (real, data) == ((tmp_path / "docs" / "cv.pdf").resolve(), b"%PDF-1.7 cv")


def test_a_link_out_of_the_folders_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(Refused, match="leaves the project folder") as caught:
        read_inside(root / "leak.txt", (root.resolve(),), limit=100)
    assert caught.value.outside
    with pytest.raises(Refused, match="cannot be read") as missing:
        read_inside(root / "nothing.txt", (root.resolve(),), limit=100)
    assert not missing.value.outside


def test_linked_folders_finds_every_folder_that_is_a_link(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "a" / "b").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    (build / "packets").symlink_to(tmp_path / "content")
    (build / "a" / "b" / "deep").symlink_to(tmp_path / "content")
    assert linked_folders(build) == [build / "a" / "b" / "deep", build / "packets"]
    assert linked_folders(build / "packets") == [build / "packets"]
    assert linked_folders(tmp_path / "none") == []


def test_a_file_swapped_for_an_outside_link_while_read_is_refused(tmp_path: Path) -> None:
    """The check is made on the file that was opened, so a link flipping between an inside
    and an outside file as fast as it can never gets the outside bytes through."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "good.txt").write_text("good", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    link = root / "file.txt"
    link.symlink_to(root / "good.txt")
    stop = threading.Event()

    def flip() -> None:
        targets = (secret, root / "good.txt")
        n = 0
        while not stop.is_set():
            tmp = root / f".tmp{n % 2}"
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(targets[n % 2])
            os.replace(tmp, link)
            n += 1

    flipper = threading.Thread(target=flip)
    flipper.start()
    seen: set[bytes] = set()
    refused = 0
    try:
        for _ in range(3000):
            try:
                seen.add(read_inside(link, (root.resolve(),), limit=1024)[1])
            except Refused:
                refused += 1
    finally:
        stop.set()
        flipper.join()
    assert seen <= {b"good"}, seen
    assert refused > 0  # the flipping did reach the reader


def test_fifo_and_oversized_files_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(Refused, match="not a regular file"):
        read_inside(tmp_path / "fifo", (tmp_path,), limit=10)
    (tmp_path / "big").write_bytes(b"x" * 11)
    with pytest.raises(Refused, match="larger than"):
        read_inside(tmp_path / "big", (tmp_path,), limit=10)
