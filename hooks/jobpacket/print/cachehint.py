"""A guess, made before anything heavy is imported, whether a command's PDF is already cached.

`jobpacket pdf resume` starts its render worker first thing, so WeasyPrint loads on the
second core while this process loads the profile and builds the print HTML. When the PDF is
in the cache that worker is wasted: a process, half a second of CPU to import WeasyPrint,
and on a busy machine a slower command. Whether the PDF is cached is only known once the
HTML exists (its digest is the cache key), which is too late to start the worker in time.

So each one-shot render leaves a hint: for this request (the command's arguments, the
profile and the environment that changes the output), the cache key it rendered and the
size and modification time of every file the key digested. The next run of the same request
skips the worker when every file is unchanged and the key's PDF is still in the cache.

It is only a guess and never decides what is printed: a wrong "cached" costs one late worker
start (the template files of jobpacket itself, for example, are not in the hint; a new
version is), a wrong "not cached" one wasted worker, as before hints existed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import __version__

HINTS = "hints"
_KEEP = 64


def request(profile: Path, args: Sequence[str]) -> str:
    """An id for what is asked: the profile's resolved path, jobpacket's version, and `args`:
    whatever else selects or shapes the document (arguments, SOURCE_DATE_EPOCH)."""
    parts = [__version__, str(profile.resolve()), *args]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _stamp(path: Path) -> list[object]:
    st = path.stat()
    return [str(path), st.st_size, st.st_mtime_ns]


def likely_cached(cache_dir: Path, request_id: str) -> bool:
    """Whether the last render of this request is in the cache and its files are unchanged."""
    from ..caches import read_text_entry

    text = read_text_entry(cache_dir / HINTS / request_id)
    if text is None:
        return False
    try:
        hint = json.loads(text)
        if not (cache_dir / "pdf" / f"{hint['key']}.pdf").is_file():
            return False
        return all(_stamp(Path(str(entry[0]))) == entry for entry in hint["files"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False


def remember(cache_dir: Path, request_id: str, key: str, files: Iterable[Path]) -> None:
    """Leave the hint for the next run (best effort: the hint is only an optimisation)."""
    from ..caches import write_cache_entry

    try:
        stamps = [_stamp(Path(os.path.abspath(p))) for p in dict.fromkeys(files)]
    except OSError:
        return
    data = json.dumps({"key": key, "files": stamps}).encode()
    write_cache_entry(cache_dir / HINTS / request_id, data, keep=_KEEP)
