"""The pypdf side of binding a packet (print/binding.py): pages turned upright, stamped at their
foot as a pagination artifact, parts read once by digest, enclosures only as safe copies. How
a whole packet reads is in test_print_packet.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfWriter

from jobpacket.print import binding

from .pdf_support import active_content, hostile_pdf
from .print_layout import MM, pages


def _pdf(html: str, size: str = "A4") -> bytes:
    css = weasyprint.CSS(string=f"@page {{ size: {size}; margin: 0 }} body {{ margin: 0 }}")
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[css])


@pytest.fixture(autouse=True)
def fresh_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binding, "_readers", type(binding._readers)())


def test_a_rotated_page_is_turned_upright_and_reports_its_visible_width() -> None:
    writer = PdfWriter()
    portrait = writer.add_blank_page(width=595, height=842)
    assert binding.upright(portrait) == 595
    turned = writer.add_blank_page(width=595, height=842)
    turned.rotate(90)
    assert binding.upright(turned) == pytest.approx(842)
    assert turned.rotation % 360 == 0


def test_a_stamp_lands_at_the_foot_of_the_page_marked_as_an_artifact() -> None:
    body = _pdf("<p style='margin-top:40mm'>Dear Dr. Marsh, zqbody</p>")
    stamp_pdf = _pdf(
        "<p style='margin:0 0 0 13mm; font-size:8pt'>Ann Lee, page 2 of 5 zqstamp</p>",
        size="210mm 5mm",
    )
    stamps = PdfWriter(clone_from=io.BytesIO(stamp_pdf))
    [stamp] = [binding.as_artifact(p) for p in stamps.pages]
    assert (
        stamp.get_contents()
        .get_data()
        .startswith(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    )
    writer = PdfWriter(clone_from=io.BytesIO(body))
    page = writer.pages[0]
    binding.stamp(page, stamp)
    out = io.BytesIO()
    writer.write(out)
    [page_one] = pages(out.getvalue())
    words = {w.text: w for w in page_one.words}
    assert "zqbody" in words
    # the footer strip: 5 mm high, starting 3.5 mm above the page's bottom edge
    from_bottom = page_one.height - words["zqstamp"].y1
    assert 3.5 * MM - 1 <= from_bottom <= 8.5 * MM, from_bottom
    assert 13 * MM - 1 <= words["Ann"].x0 <= 14 * MM


def test_rendered_parts_are_read_once_by_their_bytes() -> None:
    one, two = _pdf("<p>Résumé</p>"), _pdf("<p>Index</p>")
    first = binding.reader(one, None)
    assert binding.reader(bytes(one), None) is first
    assert binding.reader(two, None) is not first
    assert len(first.pages) == 1


def test_an_enclosure_is_bound_only_as_its_safe_copy_kept_in_the_cache(tmp_path: Path) -> None:
    enclosure = tmp_path / "transcript.pdf"
    enclosure.write_bytes(hostile_pdf())
    assert active_content(enclosure.read_bytes()) != []
    cache = tmp_path / "cache"
    read = binding.reader(enclosure, cache)
    out = io.BytesIO()
    PdfWriter(clone_from=read).write(out)
    assert active_content(out.getvalue()) == []
    [kept] = (cache / "enclosures").glob("*.pdf")
    assert active_content(kept.read_bytes()) == []
    # the same bytes as a rendered part are another reader: never the unsafe one reused
    assert binding.reader(enclosure.read_bytes(), None) is not read
    assert binding.safe_enclosure(enclosure.read_bytes(), cache) == kept.read_bytes()
