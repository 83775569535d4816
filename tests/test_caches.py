"""caches.py: where a cache lives, and entries read whole or missed, kept whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.caches import (
    cache_folder,
    code_fingerprint,
    read_entry,
    read_text_entry,
    write_cache_entry,
)
from jobpacket.settings import CACHE_DIR_NAME, ENV_CACHE_DIR


def test_a_cache_entry_keeps_only_the_newest_of_its_kind(tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text("not a cache entry", encoding="utf-8")
    for i in range(5):
        write_cache_entry(tmp_path / f"{i}.pdf", b"%PDF", keep=3, pattern="*.pdf")
        os.utime(tmp_path / f"{i}.pdf", ns=(i * 10**9, i * 10**9))  # written in this order
    write_cache_entry(tmp_path / "5.pdf", b"%PDF", keep=3, pattern="*.pdf")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["3.pdf", "4.pdf", "5.pdf"]
    assert (tmp_path / "other.txt").exists(), "only entries matching the pattern are pruned"
    blocked = tmp_path / "other.txt" / "x.pdf"  # a file where the folder would be
    write_cache_entry(blocked, b"%PDF", keep=3)  # no error: a cache only saves time
    assert not blocked.exists()


def test_a_cache_entry_that_cannot_be_read_is_a_miss(tmp_path: Path) -> None:
    assert read_entry(None) is None
    assert read_entry(tmp_path / "absent.txt") is None
    assert read_entry(tmp_path) is None  # a folder where the entry would be
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    assert read_entry(tmp_path / "latin1.txt") == b"caf\xe9"
    assert read_text_entry(tmp_path / "latin1.txt") is None
    write_cache_entry(tmp_path / "words.txt", "mot\ncafé".encode(), keep=None)
    assert read_text_entry(tmp_path / "words.txt") == "mot\ncafé"


def test_keep_none_prunes_nothing(tmp_path: Path) -> None:
    for i in range(4):
        write_cache_entry(tmp_path / f"{i}.txt", b"x", keep=None, pattern="*.txt")
    assert len(list(tmp_path.glob("*.txt"))) == 4


def test_the_cache_folder_is_beside_mkdocs_yml_unless_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "profiles").mkdir()
    profile = tmp_path / "profiles" / "me.yml"
    monkeypatch.delenv(ENV_CACHE_DIR, raising=False)
    assert cache_folder(profile) == tmp_path.resolve() / CACHE_DIR_NAME
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "elsewhere"))
    assert cache_folder(profile) == tmp_path / "elsewhere"


def test_the_code_fingerprint_names_the_package_and_the_libraries() -> None:
    lines = code_fingerprint().splitlines()
    assert any(line.startswith("caches.py ") for line in lines)
    assert any(line.startswith("pypdf ") for line in lines)
    assert os.sep not in lines[0]  # the version first, no absolute path anywhere
    assert not any(str(Path(__file__).parent.parent) in line for line in lines)
