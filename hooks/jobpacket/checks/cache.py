"""Findings kept between runs: the proofreading rules run again only when an input changed.

Every `mkdocs build`, `mkdocs serve` rebuild and `jobpacket check` runs all the rules, and
most of their time is fixed cost that does not depend on what changed: opening each enclosed
PDF with pypdf (rule `files`), the spelling word list, the phone-number metadata. The
findings are a pure function of their inputs, so they are stored under a digest of every one
of them and read back while none has changed:

- the profile: its text, its path and the name messages show for it, the working folder
  (messages show paths relative to it) and ``SOURCE_DATE_EPOCH`` (it dates the letters; the
  other settings, such as the render time limit, change no finding);
- every file the profile names (photo, project images, letters, attachments, documents) at
  both places a rule looks for it, resolved through symbolic links: missing or not, its kind,
  size, modification time and, for a regular file inside the project, a digest of its bytes;
  the user's word list (profiles/dictionary.txt) the same way;
- the rules themselves: jobpacket's version and the size and modification time of every file
  of the package (code, word lists, labels), and the versions of the libraries the rules call;
- the day (rules `dates` and `follow-up` read it) and the rules the caller turned off.

A changed input gives another digest, so an entry is never updated, only added; the oldest
are dropped past `KEEP`. The cache is an optimisation: an entry that cannot be read or
written is a miss, never an error. It lives in ``.jobpacket-cache/checks/`` next to
mkdocs.yml, or under JOBPACKET_CACHE_DIR.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..caches import code_fingerprint, read_text_entry
from ..digests import add_file, add_text
from ..errors import Problem
from ..profile.paths import Folders, references
from ..profile.validate import LoadedProfile
from .vocabulary import DICTIONARY_FILE

_FORMAT = b"jobpacket-findings-1"
#: Entries kept: a few profiles, each over a few edits and days.
KEEP = 32
#: Files larger than this are rejected by size before any rule reads them (the packet's
#: limit, print/enclosures.MAX_ENCLOSURE_BYTES), so their size alone is their fingerprint.
_READ_LIMIT = 50 * 1024 * 1024


def cached_findings(
    loaded: LoadedProfile,
    run: Callable[[], list[Problem]],
    *,
    today: date,
    disable: Iterable[str],
    folder: Path | None = None,
) -> list[Problem]:
    """`run()`'s findings, from the cache when every input is as it was when they were
    stored; otherwise run, and keep the result."""
    entry = _entry(loaded, today=today, disable=disable, folder=folder)
    found = _recall(entry)
    if found is not None:
        return found
    found = run()
    _write(entry, found)
    return found


def stored_findings(
    loaded: LoadedProfile, *, today: date, disable: Iterable[str], folder: Path | None = None
) -> list[Problem] | None:
    """The findings `cached_findings` stored for these inputs, or None; nothing is run."""
    return _recall(_entry(loaded, today=today, disable=disable, folder=folder))


def _entry(
    loaded: LoadedProfile, *, today: date, disable: Iterable[str], folder: Path | None
) -> Path:
    from ..caches import cache_folder

    folder = folder or cache_folder(loaded.path) / "checks"
    return folder / f"{findings_key(loaded, today=today, disable=disable)}.json"


def _recall(entry: Path) -> list[Problem] | None:
    found = _read(entry)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(entry)  # kept as recently used
    return found


def findings_key(loaded: LoadedProfile, *, today: date, disable: Iterable[str]) -> str:
    """Digest of every input of the proofreading rules (see the module's docstring)."""
    from ..settings import current

    h = hashlib.sha256(_FORMAT)
    add_text(h, code_fingerprint())
    add_text(h, today.isoformat())
    add_text(h, "\n".join(sorted(set(disable))))
    add_text(h, os.getcwd())
    add_text(h, repr(current().source_date_epoch))  # dates the letters; no other setting counts
    add_text(h, str(loaded.path.resolve()))
    for source in (loaded.source, *loaded.source.overlays):  # the private overlay too
        add_text(h, source.file)
        add_text(h, source.text)
    folders = Folders.of(loaded)
    roots = (folders.profile_dir, folders.content_dir)
    add_text(h, "\n".join(str(r) for r in roots))
    add_file(h, loaded.path.parent / DICTIONARY_FILE, roots, limit=_READ_LIMIT, look_outside=True)
    for ref in references(loaded):
        add_text(h, ref.value)
        for base in roots:
            add_file(h, base / ref.value, roots, limit=_READ_LIMIT, look_outside=True)
    return h.hexdigest()


def _read(entry: Path) -> list[Problem] | None:
    text = read_text_entry(entry)
    if text is None:
        return None
    try:
        rows = json.loads(text)
        found = [
            Problem(
                file=str(r["file"]),
                line=int(r["line"]),
                col=int(r["col"]),
                path=tuple(p if isinstance(p, int) else str(p) for p in r["path"]),
                message=str(r["message"]),
                severity=r["severity"],
                rule=str(r["rule"]),
                hint=str(r["hint"]),
            )
            for r in rows
        ]
    except (ValueError, TypeError, KeyError):
        return None
    return found


def _write(entry: Path, found: list[Problem]) -> None:
    from ..caches import write_cache_entry

    rows = [
        {
            "file": p.file,
            "line": p.line,
            "col": p.col,
            "path": list(p.path),
            "message": p.message,
            "severity": p.severity,
            "rule": p.rule,
            "hint": p.hint,
        }
        for p in found
    ]
    data = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    write_cache_entry(entry, data, keep=KEEP, pattern="*.json")
