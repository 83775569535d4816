"""Outputs are replaced whole, keep ordinary permissions, and survive a failed write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

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
