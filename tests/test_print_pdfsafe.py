"""print/pdfsafe.py: a PDF copied for a packet keeps its pages and web links and loses every
action, script, attachment and form; a public copy loses its metadata too. Packets binding
hostile enclosures are tested in test_safety_leaks.py."""

from __future__ import annotations

import io

from pypdf import PdfReader

from jobpacket.print.pdfsafe import public_copy, safe_copy

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
