"""What jobpacket learns from a PDF with pypdf, kept by the digest of the PDF's bytes.

Importing pypdf costs about 0.1 s and parsing a PDF more; a build whose documents all come
from the PDF cache would pay that only to learn again what it learnt last time: how many
pages a letter prints on (rule `length`), whether an enclosure can be appended (rule `files`
and the packet), which inputs a packet on disk was made from (its /ID). Each answer is a
function of the file's bytes and of the code that reads them (jobpacket's files and pypdf's
version, checks/cache.py), so it is kept in ``pdf-facts/`` of the cache folder under a digest
of both, and read back instead of parsing the file again. The cache is an optimisation: an
entry that cannot be read or written is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from ..profile.validate import LoadedProfile
from .cache import code_fingerprint

FACTS_DIR = "pdf-facts"
#: Entries kept: a few per document, enclosure and packet, over many edits.
KEEP = 512
_CHUNK = 1 << 20
#: A file's digest while it is the same file, unmodified: (path, inode, size, mtime, ctime).
#: The change time cannot be set back by a program, so a rewrite in place is always seen.
_digests: dict[tuple[str, int, int, int, int], str] = {}


def facts_folder(loaded: LoadedProfile) -> Path:
    from ..settings import cache_folder

    return cache_folder(loaded.path) / FACTS_DIR


def page_count(pdf: bytes, folder: Path | None = None) -> int:
    """How many pages a PDF has; with `folder`, remembered by its bytes. The renderer's own
    count when this process rendered these bytes (print/pages.py), else pypdf's."""
    from ..print import pages

    sha = pages.digest(pdf)

    def count() -> str:
        rendered = pages.known(sha)
        if rendered is not None:
            return str(rendered)
        from pypdf import PdfReader

        return str(len(PdfReader(BytesIO(pdf)).pages))

    digest = _digest(sha)
    answer = _remembered(folder, "pages", digest, count)
    return int(answer if answer.isdigit() else count())


def enclosure_problem(loaded: LoadedProfile, path: Path) -> str | None:
    """Why a PDF cannot be enclosed in a packet, or None: print/enclosures' verdict,
    remembered by the file's bytes."""
    from ..print.enclosures import _pdf_problem

    def judge() -> str:
        st = path.stat()
        problem = _pdf_problem.__wrapped__(path, st.st_size, st.st_mtime_ns)
        return "ok" if problem is None else f"problem {problem}"

    answer = _remembered(facts_folder(loaded), "enclosure", _digest(_file_digest(path)), judge)
    if answer != "ok" and not answer.startswith("problem "):
        answer = judge()  # a damaged entry
    return None if answer == "ok" else answer.removeprefix("problem ")


def packet_identifier(path: Path, folder: Path | None) -> str | None:
    """The hex /ID of a packet on disk (print/packet.identifier_of), remembered by its bytes."""
    from ..print.packet import identifier_of

    def read() -> str:
        found = identifier_of(path)
        return "none" if found is None else f"id {found}"

    try:
        digest = _digest(_file_digest(path))
    except OSError:
        return None
    answer = _remembered(folder / FACTS_DIR if folder else None, "packet-id", digest, read)
    if answer != "none" and not answer.startswith("id "):
        answer = read()  # a damaged entry
    return None if answer == "none" else answer.removeprefix("id ")


def _digest(content: str) -> str:
    """The file's digest together with the code that reads it."""
    return hashlib.sha256(f"{code_fingerprint()}\n{content}".encode()).hexdigest()


def _file_digest(path: Path) -> str:
    st = os.stat(path)
    stamp = (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    found = _digests.get(stamp)
    if found is None:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
        if len(_digests) > 1024:
            _digests.clear()
        found = _digests[stamp] = h.hexdigest()
    return found


def _remembered(folder: Path | None, question: str, digest: str, answer: Callable[[], str]) -> str:
    if folder is None:
        return answer()
    entry = folder / f"{question}-{digest}.txt"
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    value = answer()
    from ..fsutil import write_cache_entry

    write_cache_entry(entry, value.encode("utf-8"), keep=KEEP, pattern="*.txt")
    return value
