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

#: Distributions whose behaviour cached answers depend on: the dictionary, phone metadata,
#: the PDF and image readers that judge enclosures.
_LIBRARIES = ("pyspellchecker", "phonenumbers", "pypdf", "pillow")


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
