"""File writes that never leave a half-written output behind (write, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: os.umask can only be read by setting it, which is not safe while threads write.
_UMASK = _read_umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one.

    mkstemp creates its file private (0600); the result gets the mode an ordinary write would
    have given it, so a web server running as another user can still read site files.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
