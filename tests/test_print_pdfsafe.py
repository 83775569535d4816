"""print/pdfsafe.py: a PDF copied for a packet keeps its pages and web links and loses every
action, script, attachment and form; a public copy loses its metadata too. Packets binding
hostile enclosures are tested in test_safety_leaks.py."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from jobpacket.print.pdfsafe import public_copy, safe_copy

from .conftest import EXAMPLE
from .pdf_support import active_content, hostile_pdf
from .test_safety_leaks import _pdf_with_metadata


def test_pdf_copies_keep_pages_and_web_links_and_lose_metadata_only_when_public() -> None:
    hostile = hostile_pdf()
    for copy in (safe_copy(hostile), public_copy(hostile)):
        assert active_content(copy) == []
        pdf = PdfReader(io.BytesIO(copy))
        assert len(pdf.pages) == 1 and "zqfield" in pdf.pages[0].extract_text()
    assert PdfReader(io.BytesIO(public_copy(_pdf_with_metadata()))).metadata is None
    kept = PdfReader(io.BytesIO(safe_copy(_pdf_with_metadata()))).metadata
    assert kept is not None and kept.get("/Author") == "zqmeta-pdf-author"


def test_a_published_pdf_is_copied_once_and_kept_by_its_digest(tmp_path: Path) -> None:
    """An unchanged build publishes the profile's public PDFs from the cache (no pypdf)."""
    from jobpacket.print import pdfsafe

    data = (EXAMPLE.parent / "documents" / "ledgerline-case-study.pdf").read_bytes()
    folder = tmp_path / "public-pdfs"
    clean = pdfsafe.public_copy(data, folder)
    kept = list(folder.glob("*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == clean
    assert clean.startswith(b"%PDF-") and clean != data  # its clean copy, not the input
    pdfsafe._public.clear()  # a new process: from the folder
    kept[0].write_bytes(clean + b"%kept\n")
    assert pdfsafe.public_copy(data, folder) == clean + b"%kept\n"
    pdfsafe._public.clear()
    kept[0].write_bytes(b"not a pdf")  # a damaged entry is made again
    assert pdfsafe.public_copy(data, folder) == clean
