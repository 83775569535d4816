"""The on-disk caches: where they live, and how an entry is read and kept.

Everything jobpacket caches (PDFs, findings, PDF facts, word lists, cleaned images, hints)
is a pure function of its inputs, so each entry is stored under a digest of them and never
updated, only added; the oldest are dropped past a limit each cache sets. Each owner builds
its own key; this module knows only where the folder is and how to read and write an entry
so that a reader never sees half of one. A cache only saves time: an entry that cannot be
read or written is a miss, never an error.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from . import __version__
from .fsutil import write_atomic
from .settings import CACHE_DIR_NAME, current, site_folder


def cache_folder(profile: Path) -> Path:
    """Where jobpacket keeps what it can make again (PDFs, findings, word lists, hints):
    JOBPACKET_CACHE_DIR, or ``.jobpacket-cache`` in the profile's site folder."""
    return current().cache_dir or site_folder(profile) / CACHE_DIR_NAME


def read_entry(path: Path | None) -> bytes | None:
    """An entry's bytes, or None when there is none or it cannot be read (a miss)."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_text_entry(path: Path | None) -> str | None:
    """An entry's UTF-8 text, or None on a miss (absent, unreadable or not UTF-8)."""
    data = read_entry(path)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write_cache_entry(path: Path, data: bytes, *, keep: int | None, pattern: str = "*") -> None:
    """Keep `data` at `path`, written whole or not at all, and only the `keep` most recently
    written entries matching `pattern` beside it (all, when None). Failing to write is no
    error: the next run makes the entry again."""
    try:
        write_atomic(path, data)
        if keep is None:
            return
        entries = sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


#: Distributions whose behaviour cached answers depend on: the dictionary, phone metadata,
#: the PDF and image readers that judge enclosures, the calendar writer.
_LIBRARIES = ("pyspellchecker", "phonenumbers", "pypdf", "pillow", "icalendar")


@lru_cache(maxsize=1)
def installed_versions() -> dict[str, str]:
    """Every installed distribution's version by its normalized name; once per process.
    Read from the names of the `*.dist-info` folders (one directory listing per path entry),
    which is several times cheaper than asking importlib.metadata for each distribution."""
    import sys

    installed: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, found = name.removesuffix(".dist-info").partition("-")
                installed.setdefault(dist.lower().replace("-", "_"), found)
    return installed


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version of the code behind a cached answer: jobpacket's files (size and time) and
    the libraries' versions, so that an upgrade or an edit is never answered from old entries.

    Once per process: code does not change under a running interpreter.
    """
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent
    lines = [__version__]
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            st = os.stat(path)
            lines.append(f"{os.path.relpath(path, package)} {st.st_size} {st.st_mtime_ns}")
    for dist in _LIBRARIES:
        try:
            lines.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            lines.append(f"{dist} absent")
    return "\n".join(lines)
