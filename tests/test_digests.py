"""digests.py: a file's digest is its bytes', and a rewrite in place is always seen."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from jobpacket import digests
from jobpacket.digests import file_digest


def test_a_file_digest_is_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "enclosure.pdf"
    path.write_bytes(b"%PDF-1.7 one")
    assert file_digest(path) == hashlib.sha256(b"%PDF-1.7 one").digest()


def test_a_rewrite_in_place_with_the_same_size_and_time_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "enclosure.pdf"
    path.write_bytes(b"%PDF-1.7 one")
    first = file_digest(path)
    st = path.stat()
    path.write_bytes(b"%PDF-1.7 two")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same modification time
    assert file_digest(path) == hashlib.sha256(b"%PDF-1.7 two").digest() != first


def _key(path: Path, roots: list[Path], **options: Any) -> str:
    h = hashlib.sha256()
    digests.add_file(h, path, roots, **{"limit": 1024, **options})
    return h.hexdigest()


def test_a_key_reads_only_files_inside_its_roots_and_under_the_limit(tmp_path: Path) -> None:
    inside, outside = tmp_path / "project", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    mine, theirs = inside / "cv.pdf", outside / "secret.pdf"
    mine.write_bytes(b"%PDF one")
    theirs.write_bytes(b"%PDF secret")
    before = _key(mine, [inside])
    mine.write_bytes(b"%PDF two")
    os.utime(mine, ns=(0, 0))  # same size, another time and other bytes: another key
    assert _key(mine, [inside]) != before

    far = _key(theirs, [inside])
    theirs.write_bytes(b"%PDF secret, longer now")
    assert _key(theirs, [inside]) == far  # never looked at
    seen = _key(theirs, [inside], look_outside=True)
    theirs.write_bytes(b"%PDF")
    assert _key(theirs, [inside], look_outside=True) != seen  # its size, never its bytes

    big = inside / "big.pdf"
    big.write_bytes(b"x" * 2048)
    stamp = os.stat(big)
    first = _key(big, [inside])
    big.write_bytes(b"y" * 2048)
    os.utime(big, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert _key(big, [inside]) == first  # past the limit: size and time only, no bytes read
    assert _key(inside / "missing.pdf", [inside]) != _key(big, [inside])
