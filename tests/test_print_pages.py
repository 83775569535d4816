"""Page counts the renderer reported (print/pages.py): the render worker hands WeasyPrint's
count back with the PDF, and the page budget then needs no pypdf. Real renders in a real
worker process; the count checked against pypdf's."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from jobpacket.print import pages, pdffacts


def test_a_count_is_known_only_for_the_bytes_it_was_given() -> None:
    pages.remember(b"%PDF-one", 3)
    assert pages.known(pages.digest(b"%PDF-one")) == 3
    assert pages.known(pages.digest(b"%PDF-two")) is None


def test_a_pdf_this_process_rendered_is_counted_by_the_renderer_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The render worker hands back WeasyPrint's page count with the bytes (print/pages.py),
    so the page budget needs no pypdf; the count is the one pypdf reads from the file."""
    from jobpacket.print import worker

    html = "<p style='break-after: page'>one</p><p>two</p>"
    job = worker.RenderJob(html=html, stylesheets=(), roots=(), identifier=b"0" * 16)
    pool = worker.RenderPool(size=1, method="spawn")
    try:
        data = pool.render(job)
    finally:
        pool.close()
    assert pages.known(pages.digest(data)) == 2
    import pypdf

    assert len(pypdf.PdfReader(BytesIO(data)).pages) == 2  # pypdf's count agrees

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("pypdf parsed a PDF the renderer had counted")

    monkeypatch.setattr(pypdf, "PdfReader", unread)
    assert pdffacts.page_count(data, tmp_path / "facts") == 2
