"""What pypdf tells about a PDF, kept by the digest of its bytes (print/pdffacts.py): a page
count, an enclosure's verdict, a packet's /ID. A changed file is always read again, even one
rewritten in place with the same size and time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.print import pdffacts
from jobpacket.profile.validate import load_profile

from .test_checks_cache import TEXT
from .test_checks_files import PDF, project


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose profile encloses documents/sample.pdf, with its own cache folder."""
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(tmp_path / "cache"))
    profiles = project(tmp_path)
    (profiles / "profile.yml").write_text(TEXT, encoding="utf-8")
    return profiles


def _pages(n: int) -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_page_counts_are_kept_by_the_bytes_of_the_pdf(tmp_path: Path) -> None:
    counts = tmp_path / "facts"
    assert pdffacts.page_count(PDF, counts) == 1
    (entry,) = counts.glob("pages-*.txt")
    assert entry.read_text(encoding="utf-8") == "1"
    entry.write_text("7", encoding="utf-8")  # what the cache says is what is used
    assert pdffacts.page_count(PDF, counts) == 7
    entry.write_text("seven", encoding="utf-8")  # a damaged entry is counted again
    assert pdffacts.page_count(PDF, counts) == 1
    assert pdffacts.page_count(_pages(3), counts) == 3  # other bytes, counted afresh
    assert pdffacts.page_count(_pages(2)) == 2  # without a folder: counted, nothing kept
    assert len(list(counts.glob("*.txt"))) == 2


def test_an_enclosure_verdict_follows_the_bytes_even_in_one_process(
    folder: Path, tmp_path: Path
) -> None:
    loaded = load_profile(folder / "profile.yml", "profiles/profile.yml")
    enclosure = folder / "documents" / "sample.pdf"
    assert pdffacts.enclosure_problem(loaded, enclosure) is None
    stamp = enclosure.stat()
    enclosure.write_bytes(PDF[:8] + b"#" * (len(PDF) - 8))
    os.utime(enclosure, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time
    problem = pdffacts.enclosure_problem(loaded, enclosure)
    assert problem is not None and problem.startswith("is not a readable PDF")
    assert len(list((tmp_path / "cache" / "pdf-facts").glob("enclosure-*.txt"))) == 2
    enclosure.write_bytes(PDF)
    assert pdffacts.enclosure_problem(loaded, enclosure) is None  # read back: the first entry
    assert len(list((tmp_path / "cache" / "pdf-facts").glob("enclosure-*.txt"))) == 2


def test_a_packet_identifier_is_read_once_per_content(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from jobpacket.print.pdffacts import identifier_of

    path = tmp_path / "packet.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.generate_file_identifiers()  # a random /ID, as any PDF may carry
    with path.open("wb") as fh:
        writer.write(fh)
    expected = identifier_of(path)
    assert expected is not None
    assert pdffacts.packet_identifier(path, tmp_path) == expected
    (entry,) = (tmp_path / pdffacts.FACTS_DIR).glob("packet-id-*.txt")
    assert entry.read_text(encoding="utf-8") == f"id {expected}"
    path.write_bytes(b"%PDF-1.7 broken")
    assert pdffacts.packet_identifier(path, tmp_path) is None
    path.unlink()
    assert pdffacts.packet_identifier(path, tmp_path) is None
