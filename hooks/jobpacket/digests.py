"""The one home of a file's digest: SHA-256 of its bytes, read in chunks, remembered while the
file is unchanged.

Cache keys (PDFs, findings, PDF facts, packets) are digests of their inputs, and the same file
(a stylesheet, an enclosure) is an input of many documents in one build, so its digest is
computed once per version of the file. A file counts as unchanged while its path, inode, size,
modification time and change time are: the change time cannot be set back by a program, so a
rewrite in place is always seen. An enclosure may be tens of megabytes, so a file is never
held whole here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from hashlib import sha256
from pathlib import Path
from typing import Any

from .confined import inside

_CHUNK = 1 << 20
#: Files remembered at most; past it the memory starts again, as a file's digest is cheap to
#: compute once more.
_KEEP = 1024
_known: dict[tuple[str, int, int, int, int], bytes] = {}


def file_digest(path: Path) -> bytes:
    """SHA-256 of the file's bytes. Raises OSError when it cannot be read."""
    st = os.stat(path)
    stamp = (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    found = _known.get(stamp)
    if found is None:
        h = sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
        if len(_known) >= _KEEP:
            _known.clear()
        found = _known[stamp] = h.digest()
    return found


def add_text(h: Any, value: str) -> None:
    """One value into a key, length first, so that two values can never run into one."""
    data = value.encode("utf-8", "surrogatepass")
    h.update(len(data).to_bytes(8, "big") + data)


def add_file(
    h: Any, path: Path, roots: Sequence[Path], *, limit: int, look_outside: bool = False
) -> None:
    """What a key needs of a path the profile names: where it leads, whether it is there,
    its kind, size and time, and the bytes of a regular file inside `roots` of at most
    `limit` bytes.

    A path leading out of `roots` is keyed by where it leads only (with `look_outside`, by
    its kind, size and time too, for a finding that says whether it exists): what the
    documents may not read, a key does not read either.
    """
    real = Path(os.path.realpath(path))
    add_text(h, str(real))
    within = inside(real, roots)
    if not within and not look_outside:
        add_text(h, "outside")
        return
    try:
        st = os.stat(real)
    except OSError as exc:
        add_text(h, f"missing {exc.errno}")
        return
    add_text(h, f"{stat.S_IFMT(st.st_mode)} {st.st_size} {st.st_mtime_ns}")
    if within and stat.S_ISREG(st.st_mode) and st.st_size <= limit:
        try:
            h.update(file_digest(real))
        except OSError as exc:
            add_text(h, f"unreadable {exc.errno}")
