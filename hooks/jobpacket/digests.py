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
from hashlib import sha256
from pathlib import Path

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
