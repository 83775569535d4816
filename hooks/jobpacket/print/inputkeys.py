"""The keys of printed outputs: by their print HTML (`cache_key`, which names a PDF in the
cache and becomes its /ID), and by their inputs (`input_key`), before any HTML is made.

A PDF's cache key (`cache_key`) is a digest of its print HTML, so finding an unchanged
PDF used to mean making the HTML of every document of a build first. This module keys each
output on what that HTML is made from instead, so an unchanged build makes no print HTML:

- the parts of the validated profile the document reads: everything but `applications`,
  plus the one application a letter or packet is about (an edit to another application
  changes neither its letter nor its packet);
- every file the profile names in those parts, wherever a document may look for it (next to
  the profile and under content/): where it leads, whether it is there, its kind, size, time
  and, for a regular file, its bytes;
- what the document is (its kind, design and application) and the profile's folder (the
  roots files are read from);
- jobpacket's own files (code, templates, CSS, fonts, labels: `code_fingerprint`), the
  versions of Python and of the libraries that make the HTML or the PDF, and
  SOURCE_DATE_EPOCH (it dates the documents).

An input key leads to what the last making of that document found: its PDF's cache key and
its name. Only a document made without a single note (warning) is remembered: a warning
names a line of the profile, which an edit elsewhere can move, and a file it complains
about can appear without any key changing; such a document is made every time, so its
warning is always current. Errors are never remembered (nothing is stored when making
fails), and a remembered PDF that is gone from the cache is a miss.

Entries live in ``.jobpacket-cache/inputs/`` (or under JOBPACKET_CACHE_DIR), one small JSON
file per key. The index is an optimisation: an entry that cannot be read or written is a miss.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..caches import code_fingerprint, installed_versions, write_cache_entry
from ..digests import add_file, add_text
from ..digests import file_digest as contents_digest
from ..profile.paths import LOCAL_FILE_LIMIT, Folders, references
from ..profile.validate import LoadedProfile
from .printkit import ASSETS_DIR, PrintDocument

_FORMAT = b"jobpacket-inputs-1"
_CACHE_FORMAT = b"jobpacket-pdf-1"
#: Entries kept on disk: the documents of a few profiles over a few edits.
KEEP = 256
_MEMO_SIZE = 64
_memo: OrderedDict[str, Known] = OrderedDict()
_memo_lock = threading.Lock()  # `mkdocs serve` looks outputs up on a background thread too


@dataclass
class Tally:
    """What the print side did in this process since `reset`: documents whose print HTML was
    made, documents rendered by WeasyPrint, packets bound. The adapters log it (at debug
    level), which is also how the tests see that an unchanged build makes and renders nothing.
    """

    made: int = 0
    rendered: int = 0
    bound: int = 0

    def reset(self) -> None:
        self.made = self.rendered = self.bound = 0


tally = Tally()


@dataclass(frozen=True)
class Known:
    """What the last making of a document found: its name and its PDF's cache key."""

    name: str
    key: str


#: Distributions whose version can change a document's print HTML or its PDF.
_LIBRARIES = (
    "weasyprint",
    "pydyf",
    "jinja2",
    "markupsafe",
    "markdown",
    "nh3",
    "babel",
    "pillow",
    "fonttools",
    "pypdf",
    "pydantic",
)


@lru_cache(maxsize=1)
def weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


@lru_cache(maxsize=1)
def library_versions() -> str:
    """Python's and the libraries' versions; once per process. One installed without a
    dist-info folder is asked for the usual way."""
    import sys
    from importlib.metadata import PackageNotFoundError, version

    installed = installed_versions()
    lines = [sys.version]
    for dist in _LIBRARIES:
        known = installed.get(dist.replace("-", "_"))
        if known is None:
            try:
                known = version(dist)
            except PackageNotFoundError:
                known = "absent"
        lines.append(f"{dist} {known}")
    return "\n".join(lines)


def _part(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


_shared: tuple[Any, str] | None = None


def _shared_part(profile: Any) -> str:
    """The profile without its applications, as text: the part every output reads, dumped
    once per validated profile (a build keys all its outputs on the same one)."""
    global _shared
    if _shared is None or _shared[0] is not profile:
        _shared = (profile, _part(profile.model_dump(mode="json", exclude={"applications"})))
    return _shared[1]


def input_key(loaded: LoadedProfile, what: tuple[str | None, ...], app: int | None) -> str:
    """Digest of every input of one printed output (see the module's docstring).

    `what` names the output and its options (kind, design, letter choice); `app` is the index
    of the application it is about, or None for one that reads no application.
    """
    from ..settings import current

    h = hashlib.sha256(_FORMAT)
    add_text(h, code_fingerprint())
    add_text(h, library_versions())
    add_text(h, repr(current().source_date_epoch))
    add_text(h, repr(what))
    add_text(h, str(loaded.path.resolve()))
    profile = loaded.profile
    add_text(h, _shared_part(profile))
    if app is not None:
        add_text(h, _part(profile.applications[app].model_dump(mode="json")))
    folders = Folders.of(loaded)
    roots = (folders.profile_dir, folders.content_dir)
    for ref in references(loaded):
        if ref.where[0] == "applications" and ref.where[1] != app:
            continue
        add_text(h, repr(ref.where) + ref.value)
        for base in roots:
            add_file(h, base / ref.value, roots, limit=LOCAL_FILE_LIMIT)
    return h.hexdigest()


def _entry(folder: Path | None, key: str) -> Path | None:
    return folder / "inputs" / f"{key}.json" if folder is not None else None


def recall(key: str, folder: Path | None) -> Known | None:
    """What the last making of the output with this input key found, if it was remembered."""
    with _memo_lock:
        known = _memo.get(key)
        if known is not None:
            _memo.move_to_end(key)
            return known
    path = _entry(folder, key)
    if path is None:
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = Known(name=str(raw["name"]), key=str(raw["key"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    _keep(key, known)
    return known


def remember(key: str, folder: Path | None, known: Known) -> None:
    """Keep what making this output found, for the next build with the same inputs."""
    _keep(key, known)
    path = _entry(folder, key)
    if path is not None:
        data = json.dumps({"name": known.name, "key": known.key}).encode("utf-8")
        write_cache_entry(path, data, keep=KEEP, pattern="*.json")


def _keep(key: str, known: Known) -> None:
    with _memo_lock:
        _memo[key] = known
        _memo.move_to_end(key)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)


def file_digest(path: Path) -> bytes:
    """A file's name and contents, digested (digests.py remembers each file's bytes)."""
    h = hashlib.sha256()
    _digest_file(h, path)
    return h.digest()


def _digest_file(h: hashlib._Hash, path: Path) -> None:
    """A file's name and contents; never its absolute path, which differs between machines
    and would make the PDF's /ID (taken from this digest) differ with it."""
    h.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
    h.update(contents_digest(path))


def cache_key(doc: PrintDocument) -> str:
    """Digest of every input of a document's PDF."""
    h = hashlib.sha256(_CACHE_FORMAT)
    html = doc.html
    for i, root in enumerate(doc.roots):  # a file: URL in the HTML would name the folder
        html = html.replace(root.as_uri(), f"root{i}:")
    for part in (__version__, weasyprint_version(), html):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in doc.stylesheets:
        _digest_file(h, path)
    for path in sorted(p for p in (ASSETS_DIR / "fonts").rglob("*") if p.is_file()):
        _digest_file(h, path)
    for path in doc.files:
        _digest_file(h, path)
    return h.hexdigest()
