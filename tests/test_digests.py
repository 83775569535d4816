"""digests.py: a file's digest is its bytes', and a rewrite in place is always seen."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

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
