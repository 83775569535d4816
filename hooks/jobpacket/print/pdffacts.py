"""What jobpacket learns from a PDF with pypdf, kept by the digest of the PDF's bytes.

Importing pypdf and parsing a PDF are slow next to reading a small text file, and a build
whose documents all come from the PDF cache would pay that only to learn again what it learnt
last time: how many pages a letter prints on (rule `length`), whether an enclosure can be
appended (rule `files` and the packet), which inputs a packet on disk was made from (its
/ID). Each answer is a function of the file's bytes and of the code that reads them
(`caches.code_fingerprint`), so it is kept in ``pdf-facts/`` of the cache folder under a
digest of both, and read back instead of parsing the file again. The readers themselves live
here too, below both the packet and the rules that ask.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

from ..caches import code_fingerprint, read_text_entry, write_cache_entry
from ..digests import file_digest
from ..profile.bounds import MAX_ENCLOSURE_PAGES
from ..profile.validate import LoadedProfile

FACTS_DIR = "pdf-facts"
#: Entries kept: a few per document, enclosure and packet, over many edits.
KEEP = 512


def facts_folder(loaded: LoadedProfile) -> Path:
    from ..caches import cache_folder

    return cache_folder(loaded.path) / FACTS_DIR


def page_count(pdf: bytes, folder: Path | None = None) -> int:
    """How many pages a PDF has; with `folder`, remembered by its bytes. The renderer's own
    count when this process rendered these bytes (pages.py), else pypdf's."""
    from . import pages

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
    """Why a PDF cannot be enclosed in a packet (`pdf_problem`), or None, remembered by the
    file's bytes: every packet of a build may enclose the same file."""

    def judge() -> str:
        problem = pdf_problem(path)
        return "ok" if problem is None else f"problem {problem}"

    answer = _remembered(facts_folder(loaded), "enclosure", _digest(file_digest(path).hex()), judge)
    if answer != "ok" and not answer.startswith("problem "):
        answer = judge()  # a damaged entry
    return None if answer == "ok" else answer.removeprefix("problem ")


def packet_identifier(path: Path, folder: Path | None) -> str | None:
    """The hex /ID of a packet on disk (`identifier_of`), remembered by its bytes."""

    def read() -> str:
        found = identifier_of(path)
        return "none" if found is None else f"id {found}"

    try:
        digest = _digest(file_digest(path).hex())
    except OSError:
        return None
    answer = _remembered(folder / FACTS_DIR if folder else None, "packet-id", digest, read)
    if answer != "none" and not answer.startswith("id "):
        answer = read()  # a damaged entry
    return None if answer == "none" else answer.removeprefix("id ")


def _digest(content: str) -> str:
    """The file's digest together with the code that reads it."""
    return hashlib.sha256(f"{code_fingerprint()}\n{content}".encode()).hexdigest()


def _remembered(folder: Path | None, question: str, digest: str, answer: Callable[[], str]) -> str:
    if folder is None:
        return answer()
    entry = folder / f"{question}-{digest}.txt"
    found = read_text_entry(entry)
    if found is not None:
        return found
    value = answer()
    write_cache_entry(entry, value.encode("utf-8"), keep=KEEP, pattern="*.txt")
    return value


# --- what pypdf reads -------------------------------------------------------------------


def pdf_problem(path: Path) -> str | None:
    """Why pypdf cannot append this PDF to a packet, or None when it can."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with quiet_pypdf(), path.open("rb") as fh:
            reader = PdfReader(fh)
            if reader.is_encrypted:
                return (
                    "is encrypted (password-protected); enclose an unprotected copy (print it "
                    "to PDF again, or remove the password in the program that made it)"
                )
            pages = count_pages(reader, MAX_ENCLOSURE_PAGES)
            if pages is None:
                return "has a damaged page tree (a loop, or no pages list); export it to PDF again"
            if pages > MAX_ENCLOSURE_PAGES:
                return (
                    f"has more than {MAX_ENCLOSURE_PAGES} pages, more than a packet encloses; "
                    "enclose the pages that matter (print them to a new PDF)"
                )
            if len(reader.pages) == 0:
                return "has no pages"
            for page in reader.pages:
                _ = page.mediabox
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
    ) as exc:
        return f"is not a readable PDF ({pdf_error(exc)}); export it to PDF again"
    return None


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf's log lines kept off the user's screen while jobpacket reads a PDF.

    pypdf logs what it repairs or refuses ("EOF marker not found") as bare lines with no
    file name; the verdict of `pdf_problem` says the same, located and with what to do.
    """
    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        logger.setLevel(before)


#: pypdf's terse complaints, as the user can act on them.
_CUT_SHORT = "the file is cut short, an unfinished download or copy?"
_PDF_ERRORS = {
    "EOF marker not found": _CUT_SHORT,
    "Stream has ended unexpectedly": _CUT_SHORT,
    "startxref not found": _CUT_SHORT,
}


def pdf_error(exc: BaseException) -> str:
    """What pypdf's exception says, in words a user can act on: pypdf's own messages
    ("EOF marker not found") name the symptom in PDF terms."""
    text = str(exc).strip()
    for known, said in _PDF_ERRORS.items():
        if known in text:
            return said
    if isinstance(exc, RecursionError):
        return "its objects nest too deeply"
    return text or type(exc).__name__


def count_pages(reader: Any, cap: int) -> int | None:
    """The pages of a PDF counted from its page tree, stopping past `cap`; None when the
    tree is damaged (a loop, a node that is not a dictionary).

    pypdf's own count (`len(reader.pages)`) first flattens the whole tree, and binding reads
    every page, so a small file claiming a huge number of pages would take minutes and
    gigabytes. This walk
    visits at most `cap` + 1 pages and as many inner nodes, whatever the tree claims
    (`/Count` is written by whoever made the file, so it is not trusted)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        root = reader.root_object["/Pages"]
        stack: list[Any] = [root]
        seen: set[tuple[int, int]] = set()
        pages = nodes = 0
        while stack and pages <= cap:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                if (item.idnum, item.generation) in seen:
                    return None
                seen.add((item.idnum, item.generation))
                item = item.get_object()
            nodes += 1
            if not isinstance(item, DictionaryObject) or nodes > 2 * cap + 2:
                return None  # not a tree of pages, or one far bushier than its pages
            kids = item.get("/Kids")
            if item.get("/Type") == "/Pages" or kids is not None:
                kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
                if not isinstance(kids, ArrayObject):
                    return None
                stack.extend(reversed(kids))
            else:
                pages += 1
        return pages
    except (KeyError, TypeError, AttributeError, ValueError, RecursionError):
        return None


def identifier_of(path: Path) -> str | None:
    """The hex /ID of a packet on disk (its inputs' digest, truncated), or None if unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with path.open("rb") as fh:
            ids = PdfReader(fh).trailer.get("/ID")
            return bytes(getattr(ids[0], "original_bytes", ids[0])).hex() if ids else None
    except (OSError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
