"""Reading a profile file: a regular file, no larger than the cap, in UTF-8.

Every failure is the user's to fix (a wrong path, a folder, a pipe, another encoding), so
each is one located problem, never a traceback or a hang.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Problem, ProfileError
from .load import parse_text
from .source import Loaded

#: The largest profile read; a profile is text a person writes, far below it.
MAX_BYTES = 5 * 1024 * 1024


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ProfileError(
            [
                Problem(
                    file,
                    line,
                    col,
                    (),
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
                    "(most editors: File > Save with Encoding > UTF-8)",
                )
            ]
        ) from None


def _read_capped(path: Path, file: str) -> bytes:
    """The file's bytes, refusing anything but a regular file and reading no more than the cap.

    Checked on the open file, not the path, so a path swapped for a pipe or a device
    between the check and the read is refused too: /dev/zero would otherwise be read
    until memory runs out and a named pipe would wait forever for a writer.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            message = "is a device, pipe or socket, not a file; give the path of a .yml profile"
            raise ProfileError([Problem(file, 1, 1, (), message)])
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ProfileError(
            [Problem(file, 1, 1, (), f"file is larger than {MAX_BYTES // 1024 // 1024} MB")]
        )
    return raw


def read_file(path: Path, display: str | None = None) -> Loaded:
    """Read and parse a profile file; the display name is what messages show."""
    file = display or str(path)
    try:
        raw = _read_capped(path, file)
    except FileNotFoundError:
        raise ProfileError(
            [Problem(file, 1, 1, (), "file not found; check the path or run `jobpacket new`")]
        ) from None
    except IsADirectoryError:
        raise ProfileError(
            [Problem(file, 1, 1, (), "is a folder; give the path of a .yml or .json profile")]
        ) from None
    except OSError as exc:
        raise ProfileError([Problem(file, 1, 1, (), f"cannot read: {exc.strerror}")]) from None
    if not raw.strip():
        raise ProfileError(
            [Problem(file, 1, 1, (), "the profile is empty; start from `jobpacket new`")]
        )
    return parse_text(_decode(raw, file), file)
