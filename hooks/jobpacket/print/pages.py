"""Page counts the renderer reported, kept by the PDF's bytes for the rest of the run.

WeasyPrint knows how many pages it laid out; reading that back from the finished file means
importing pypdf and parsing the PDF's object streams, which costs a one-shot `jobpacket pdf`
more than the check it serves (a résumé within `meta.pages`, a letter on one page). So the
render hands the count back with the bytes and it is remembered here, in this process, keyed
by a digest of the bytes: whoever later asks about the same bytes gets the renderer's
answer, and bytes it never rendered (a PDF from the cache) are still read with pypdf.
"""

from __future__ import annotations

import hashlib

#: Counts kept: every document of a large cohort run, and far fewer bytes than one PDF.
_KEEP = 4096
_known: dict[str, int] = {}


def digest(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def remember(pdf: bytes, pages: int) -> None:
    """Record what the renderer said about these bytes."""
    if len(_known) >= _KEEP:
        _known.clear()
    _known[digest(pdf)] = pages


def known(pdf_digest: str) -> int | None:
    """The page count the renderer reported for the PDF with this digest, if it rendered it
    in this process's run."""
    return _known.get(pdf_digest)
