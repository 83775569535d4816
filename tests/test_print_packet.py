"""Application packets: one PDF per application, read back with pypdf.

Real WeasyPrint renders and real enclosures (the example's PDFs, a PNG made with Pillow, an
encrypted PDF made with pypdf); the CLI and `mkdocs build` run in subprocesses.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from jobpacket.errors import ProfileError
from jobpacket.print import binding, documents, enclosures, outputs, packet, packets
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, copy_example_files, run_cli
from .pdf_support import flat, reader
from .test_site_support import blank_pdf, build, make_site

pytestmark = pytest.mark.slow

KEYSTONE = "keystone-genomics-staff-mle"
LAKEFRONT = "lakefront-clinical-ai-rse"
HARTMAN = "Letter of recommendation from Dr. Marcus Hartman"
CASE_STUDY = "Work sample: ledgerline case study"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder with a copy of the example profile and its enclosures."""
    (tmp_path / "profiles").mkdir()
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "profiles" / "example.yml")
    copy_example_files(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.setenv(outputs.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path


def _profile(site: Path) -> Path:
    return site / "profiles" / "example.yml"


def _edit(site: Path, old: str, new: str) -> None:
    path = _profile(site)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line(site: Path, fragment: str) -> int:
    lines = _profile(site).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if fragment in text)


def _attach(site: Path, path: str, title: str) -> None:
    """Add an attachment to the Keystone application (its only one is the case study)."""
    existing = '        title: "Work sample: ledgerline case study"\n    notes: Referred'
    added = f'      - path: {path}\n        title: "{title}"\n'
    _edit(site, existing, existing.replace("    notes: Referred", added + "    notes: Referred"))


def _write(loaded: LoadedProfile, *ids: str, out: Path) -> packets.PacketRun:
    return packets.write_packets(loaded, list(ids), out)


def _outline(pdf: PdfReader) -> list[tuple[str, int, list[str]]]:
    """Top-level bookmarks: title, 1-based page, and the titles nested under it."""
    out: list[tuple[str, int, list[str]]] = []
    for item in pdf.outline:
        if isinstance(item, list):
            children = [c.title for c in item if not isinstance(c, list)]
            grandchildren = [g.title for c in item if isinstance(c, list) for g in c]
            out[-1][2].extend(children + grandchildren)
        else:
            out.append((item.title, pdf.get_destination_page_number(item) + 1, []))
    return out


def _pages(data: bytes | Path) -> int:
    return len(reader(data if isinstance(data, bytes) else data.read_bytes()).pages)


def _text_pdf(words: str) -> bytes:
    """A one-page PDF whose text is `words` (WeasyPrint, as any PDF export would be)."""
    from jobpacket.print.pdf import weasyprint

    return weasyprint.HTML(string=f"<p>{words}</p>").write_pdf()


# --- what is in a packet, in which order ------------------------------------------------------


def test_packet_binds_the_parts_in_order_with_outline_and_stamped_numbers(site: Path) -> None:
    loaded = load_profile(_profile(site))
    run = _write(loaded, KEYSTONE, out=site / "out")
    assert run.problems == [] and run.written == [site / "out" / f"{KEYSTONE}.pdf"]
    pdf = PdfReader(run.written[0])

    # Each part on its own, as the packet binds it: the page count is their sum (+ contents).
    docs = site / "profiles" / "documents"
    parts = [
        ("Cover letter", _pages(outputs.render(documents.letter(loaded, KEYSTONE)))),
        ("Résumé", _pages(outputs.render(documents.resume(loaded, public=False)))),
        ("References", _pages(outputs.render(documents.reference_index(loaded, KEYSTONE)))),
        (HARTMAN, _pages(docs / "letters" / "hartman-2026.pdf")),
        (CASE_STUDY, _pages(docs / "ledgerline-case-study.pdf")),
    ]
    total = 1 + sum(n for _, n in parts)
    assert len(pdf.pages) == total

    outline = _outline(pdf)
    assert outline[0][:2] == ("Contents", 1)
    starts, page = [], 2
    for title, count in parts:
        starts.append((title, page))
        page += count
    assert [(t, p) for t, p, _ in outline][1:] == starts
    nested = dict((t, kids) for t, _, kids in outline)
    assert "Re: Application for Staff Machine Learning Engineer" in nested["Cover letter"]
    assert {"Experience", "Education", "Skills"} <= set(nested["Résumé"])  # its own headings

    texts = [flat(p.extract_text()) for p in pdf.pages]
    for n, text in enumerate(texts, 1):
        # one footer per page, counting the whole packet; the parts' own footers are gone
        assert re.findall(r"Page \d+ of \d+", text) == [f"Page {n} of {total}"], text
        assert "Elena M. Vasquez" in text
    # the last page is the case study, appended from its own file, and it is stamped too
    assert "ledgerline" in texts[-1] and texts[-1].endswith(f"Page {total} of {total}")

    # the contents page lists the parts with the page each starts on
    for title, start in starts:
        assert f"{title} {start}" in texts[0]

    # the letter encloses exactly the parts that follow it
    titles = [t for t, _ in parts[1:]]
    assert f"Enclosures: {'; '.join(titles)}" in texts[1]
    assert enclosures.titles(enclosures.plan(loaded, 0)) == titles

    info = pdf.metadata
    assert info is not None
    assert info.title == (
        "Elena M. Vasquez – Application: Staff Machine Learning Engineer, Keystone Genomics"
    )
    assert info.author == "Elena M. Vasquez"
    assert info.subject == "Staff Machine Learning Engineer, Keystone Genomics"
    assert "Keystone Genomics" in info["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == "en-US"


def test_a_file_enclosed_twice_is_bound_once_and_three_parts_get_no_contents(
    site: Path,
) -> None:
    # Lakefront attaches Hartman's letter, which the reference also encloses: bound once.
    loaded = load_profile(_profile(site))
    plan = [p.title for p in enclosures.plan(loaded, 1)]
    assert plan == ["Résumé", "References", HARTMAN, CASE_STUDY]
    # Every reference private (no index, no enclosed letters) and the case study dropped:
    # letter, résumé and the attached letter are three parts, so no contents page.
    for name in ("Dr. Marcus Hartman", "Dr. Aisha Bello", "Tom Kowalski"):
        _edit(site, f"  - name: {name}\n", f"  - name: {name}\n    visibility: private\n")
    _edit(
        site,
        '      - path: documents/ledgerline-case-study.pdf\n        title: "Work sample: '
        'ledgerline case study"\n    notes: >-',
        "    notes: >-",
    )
    loaded = load_profile(_profile(site))
    assert [p.title for p in enclosures.plan(loaded, 1)] == ["Résumé", HARTMAN]
    run = _write(loaded, LAKEFRONT, out=site / "out")
    pdf = PdfReader(run.written[0])
    outline = [t for t, _, _ in _outline(pdf)]
    assert outline == ["Request for reconsideration", "Résumé", HARTMAN]
    assert f"Enclosures: Résumé; {HARTMAN}" in flat(pdf.pages[0].extract_text())
    assert re.findall(r"Page \d+ of \d+", flat(pdf.pages[0].extract_text())) == [
        f"Page 1 of {len(pdf.pages)}"
    ]


def test_confidential_letters_are_never_enclosed(site: Path) -> None:
    sealed = site / "profiles" / "documents" / "letters" / "kowalski-2026.pdf"
    sealed.write_bytes(_text_pdf("SEALED-KOWALSKI-LETTER"))
    _edit(
        site,
        "      delivery: portal\n      confidential: true",
        "      delivery: enclosed\n      file: documents/letters/kowalski-2026.pdf\n"
        "      confidential: true",
    )
    loaded = load_profile(_profile(site))
    assert not [p for p in enclosures.plan(loaded, 0) if "Kowalski" in p.title]
    run = _write(loaded, KEYSTONE, out=site / "out")
    pdf = PdfReader(run.written[0])
    body = " ".join(flat(p.extract_text()) for p in pdf.pages)
    assert "SEALED-KOWALSKI-LETTER" not in body
    assert "Letter of recommendation from Tom Kowalski" not in body
    assert HARTMAN in body  # the non-confidential enclosed letter is there

    # Not confidential any more: now it is enclosed, which shows the test can fail.
    _edit(site, "kowalski-2026.pdf\n      confidential: true", "kowalski-2026.pdf")
    run = _write(load_profile(_profile(site)), KEYSTONE, out=site / "out")
    assert "SEALED-KOWALSKI-LETTER" in " ".join(
        p.extract_text() for p in PdfReader(run.written[0]).pages
    )


def test_documents_field_encloses_profile_documents_and_an_image_takes_one_page(
    site: Path,
) -> None:
    from PIL import Image

    scan = site / "profiles" / "documents" / "certificate-scan.png"
    Image.new("RGB", (1200, 900), (240, 236, 220)).save(scan)
    _edit(
        site,
        "documents:\n",
        "documents:\n  - title: Certificate scan\n    kind: certificate\n"
        "    path: documents/certificate-scan.png\n",
    )
    _edit(
        site,
        "    notes: Referred",
        "    documents: [Certificate scan, documents/evaluation-2025.pdf]\n    notes: Referred",
    )
    loaded = load_profile(_profile(site))
    before = _write(load_profile(EXAMPLE), KEYSTONE, out=site / "before").written[0]
    run = _write(loaded, KEYSTONE, out=site / "out")
    assert run.problems == []
    pdf = PdfReader(run.written[0])
    evaluation = _pages(site / "profiles" / "documents" / "evaluation-2025.pdf")
    assert len(pdf.pages) == _pages(before) + 1 + evaluation
    outline = _outline(pdf)
    assert [t for t, _, _ in outline][-2:] == [
        "Certificate scan",
        "Annual performance evaluation, 2025",
    ]
    image_page = pdf.pages[outline[-2][1] - 1]
    assert len(image_page.images) == 1
    assert "Page" in image_page.extract_text()  # stamped like every other page
    letter = flat(pdf.pages[1].extract_text())
    assert "Certificate scan; Annual performance evaluation, 2025" in letter


def test_unknown_document_name_is_a_located_error_with_a_suggestion(site: Path) -> None:
    _edit(
        site,
        "    notes: Referred",
        "    documents: [Annual performance evaluation 2025]\n    notes: Referred",
    )
    with pytest.raises(ProfileError) as exc:
        load_profile(_profile(site), "example.yml")
    (problem,) = exc.value.problems
    line = _line(site, "documents: [Annual performance evaluation 2025]")
    assert str(problem).startswith(f"example.yml:{line}:")
    assert "applications[0].documents[0]: no document 'Annual performance evaluation 2025'" in (
        str(problem)
    )
    assert "did you mean 'Annual performance evaluation, 2025'?" in str(problem)


# --- bad input, nothing lost ------------------------------------------------------------------


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(blank_pdf()))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD = {
    "outside": ("../../outside.pdf", None, "points outside the project"),
    "missing": ("documents/nowhere.pdf", None, "not found (looked for"),
    "corrupt": (
        "documents/corrupt.pdf",
        b"%PDF-1.7\n1 0 obj <<\nthis is not a PDF",
        "is not a readable PDF",
    ),
    "encrypted": ("documents/locked.pdf", "encrypted", "is encrypted (password-protected)"),
    "not-pdf": (
        "documents/notes.pdf",
        b"Dear committee, these are my notes.\n",
        "is not a PDF, PNG or JPEG",
    ),
    "over-cap": ("documents/huge.pdf", "big", "more than the"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_enclosures_are_located_errors_naming_application_field_and_file(
    site: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, content, expected = BAD[case]
    if case == "outside":
        (site.parent / "outside.pdf").write_bytes(blank_pdf())
    elif content == "encrypted":
        (site / "profiles" / path).write_bytes(_encrypted())
    elif content == "big":
        data = blank_pdf(pages=1000)  # the cap, lowered, still admits the example's enclosures
        monkeypatch.setattr(enclosures, "MAX_ENCLOSURE_BYTES", 100_000)
        assert len(data) > 100_000
        (site / "profiles" / path).write_bytes(data)
    elif content is not None:
        (site / "profiles" / path).write_bytes(content)
    _attach(site, path, "Extra")
    loaded = load_profile(_profile(site), "example.yml")
    run = _write(loaded, KEYSTONE, out=site / "out")
    assert run.written == []
    (problem,) = run.problems
    line = _line(site, f"- path: {path}")
    assert str(problem).startswith(
        f"example.yml:{line}:15: applications[0].attachments[1].path: "
        f"packet '{KEYSTONE}': '{path}' "
    )
    assert expected in problem.message
    assert not (site / "out").exists()


def _cli(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "packet",
        *args,
        cwd=site,
        process=True,
        timeout=180,
        PATH="/usr/bin:/bin",
        JOBPACKET_CACHE_DIR=str(site / "cache"),
    )


def test_a_failing_packet_keeps_the_last_good_one_and_the_others_are_written(site: Path) -> None:
    extra = site / "profiles" / "documents" / "extra.pdf"
    extra.write_bytes(blank_pdf())
    _attach(site, "documents/extra.pdf", "Extra")
    result = _cli(site, "--all")
    assert result.returncode == 0, result.stderr
    out = site / "build" / "packets"
    assert sorted(p.name for p in out.iterdir()) == [
        "jobpacket-manifest.json",  # what each packet was made from (print/manifest.py)
        f"{KEYSTONE}.pdf",
        f"{LAKEFRONT}.pdf",
    ]
    good = (out / f"{KEYSTONE}.pdf").read_bytes()
    lakefront_before = (out / f"{LAKEFRONT}.pdf").read_bytes()

    # unchanged inputs: nothing is rebuilt
    result = _cli(site, "--all")
    assert result.returncode == 0 and result.stderr.count("unchanged build/packets/") == 2

    extra.write_bytes(b"%PDF-1.7\ntruncated")  # Keystone's packet can no longer be made
    _edit(site, "greeting: Dear Dr. Feldman,", "greeting: Dear Dr. Naomi Feldman,")
    result = _cli(site, KEYSTONE, LAKEFRONT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = _line(site, "- path: documents/extra.pdf")
    assert f"profiles/example.yml:{line}:15: applications[0].attachments[1].path: packet " in (
        result.stderr
    )
    assert f"wrote build/packets/{LAKEFRONT}.pdf" in result.stderr
    assert (out / f"{KEYSTONE}.pdf").read_bytes() == good  # the last good packet stays
    lakefront = (out / f"{LAKEFRONT}.pdf").read_bytes()
    assert lakefront != lakefront_before
    assert "Dear Dr. Naomi Feldman," in PdfReader(io.BytesIO(lakefront)).pages[1].extract_text()
    # no temporary files left
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_cli_needs_ids_or_all_and_all_skips_what_is_finished(site: Path) -> None:
    result = _cli(site)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: name the applications to bind, or use --all; ids: {KEYSTONE}, {LAKEFRONT}\n"
    )
    result = _cli(site, "nope")
    assert result.returncode == 1 and "no application 'nope'; ids:" in result.stderr

    _edit(site, "status: reconsideration", "status: withdrawn")
    result = _cli(site, "--all", "-o", "mine")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (site / "mine").iterdir()) == [
        "jobpacket-manifest.json",
        f"{KEYSTONE}.pdf",
    ]
    result = _cli(site, "--all", LAKEFRONT, "-o", "mine")  # named: bound anyway
    assert result.returncode == 0, result.stderr
    assert (site / "mine" / f"{LAKEFRONT}.pdf").is_file()


def test_same_inputs_same_bytes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_profile(_profile(site))
    # once as a build binds it (renders share parsed CSS and fonts), once on its own
    first = _write(loaded, KEYSTONE, out=tmp_path / "out").written[0].read_bytes()
    # a fresh process state (no memo, no stamps, no parsed readers), another cache folder,
    # and the whole site moved to another folder
    monkeypatch.setattr(outputs, "_memo", type(outputs._memo)())
    monkeypatch.setattr(packet, "_stamps", type(packet._stamps)())
    monkeypatch.setattr(binding, "_readers", type(binding._readers)())
    moved = shutil.copytree(site, tmp_path / "elsewhere" / "another-site")
    prepared = packet.prepare(load_profile(_profile(moved)), KEYSTONE)
    second = packet.render(prepared, cache_dir=tmp_path / "other-cache")
    assert first == second
    pdf = PdfReader(io.BytesIO(first))
    assert pdf.trailer["/ID"][0].original_bytes.hex() == prepared.key[:32]
    assert pdf.metadata is not None
    assert pdf.metadata["/CreationDate"] == "D:20261103090000Z"  # the profile's, never the clock


def test_mkdocs_build_writes_packets_to_build_never_to_site(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    result = build(folder)
    assert result.returncode == 0, result.stderr
    packets = sorted(p.name for p in (folder / "build" / "packets").glob("*.pdf"))
    assert packets == [f"{KEYSTONE}.pdf", f"{LAKEFRONT}.pdf"]
    assert "2 application packets in build/packets/" in result.stderr
    site_pdfs = sorted(
        p.relative_to(folder / "site").as_posix() for p in (folder / "site").rglob("*.pdf")
    )
    # the public résumé and the work sample marked `visibility: public`, nothing else
    assert site_pdfs == ["resume.pdf", "work/ledgerline-case-study.pdf"]
    assert not [p for p in (folder / "site").rglob("*") if p.name in ("packets", *packets)]
    first = (folder / "build" / "packets" / f"{KEYSTONE}.pdf").read_bytes()
    assert len(PdfReader(io.BytesIO(first)).pages) > 3

    result = build(folder)
    assert result.returncode == 0, result.stderr
    assert "(0 rebuilt; never deployed)" in result.stderr
    assert (folder / "build" / "packets" / f"{KEYSTONE}.pdf").read_bytes() == first
