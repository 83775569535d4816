"""print/pdf.py: the printed documents of the example profile, rendered once by the real
WeasyPrint and read back with pypdf: page counts, reading order, metadata, outline, tags,
fonts, links, determinism, and that WeasyPrint had nothing to complain about.

What a render worker keeps between renders changes neither the PDF nor what may be read:
decoded images are kept only for `data:` URLs, a file is fetched through the confined
fetcher by every render, and a warm render gives the bytes a fresh process gives.
Hostile documents are in test_pdf_hostile.py."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jobpacket.i18n.dates import month_year
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, ROOT, run_python
from .pdf_support import flat, page_texts, reader, text, weasyprint_log

pytestmark = pytest.mark.slow

LETTER_ID = "lakefront-clinical-ai-rse"


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


@pytest.fixture(scope="module")
def rendered(example: LoadedProfile) -> dict[str, bytes]:
    """Every document of the example, rendered once, with WeasyPrint's log watched."""
    docs = {
        "classic": documents.resume(example, public=False, design="classic"),
        "modern": documents.resume(example, public=False, design="modern"),
        "public": documents.resume(example, public=True),
        "letter": documents.letter(example, LETTER_ID),
        "cover": documents.letter(example, "keystone-genomics-staff-mle"),
        "references": documents.reference_index(example),
    }
    with weasyprint_log() as log:
        out = {name: outputs.render_uncached(doc) for name, doc in docs.items()}
    out["_log"] = "\n".join(log.messages).encode()
    return out


def test_weasyprint_logs_no_warning_on_the_example(rendered: dict[str, bytes]) -> None:
    assert rendered["_log"] == b""


@pytest.mark.parametrize("name", ["classic", "modern", "public", "letter", "cover", "references"])
def test_example_documents_fit_one_page(rendered: dict[str, bytes], name: str) -> None:
    assert len(reader(rendered[name]).pages) == 1


def test_resume_reads_in_order_for_applicant_tracking_systems(
    rendered: dict[str, bytes], example: LoadedProfile
) -> None:
    for design in ("classic", "modern"):
        body = text(rendered[design])
        assert body.lstrip().startswith("Elena M. Vasquez\nSenior Machine Learning Engineer\n")
        lines = body.splitlines()
        cursor = 0
        for job in example.profile.work:
            head = next(
                i for i, line in enumerate(lines) if job.position in line and job.name in line
            )
            assert head >= cursor, f"{job.position} out of order"
            line = lines[head]
            # title, then organisation, then dates, on the entry's first line
            assert (
                line.index(job.position)
                < line.index(job.name)
                < line.index(month_year(job.startDate).replace("\u00a0", " "))  # plain spaces
            )
            first_bullet = " ".join(job.highlights[0].split()[:4])
            bullet_at = next(i for i, line in enumerate(lines) if first_bullet in line)
            assert bullet_at == head + 1
            cursor = bullet_at
        headings = ("Experience", "Projects", "Education", "Skills", "Publications")
        if design == "modern":  # uppercase by CSS, and so in the text too
            headings = tuple(h.upper() for h in headings)
        order = [body.index(f"\n{h}\n") for h in headings]
        assert order == sorted(order)


def test_resume_text_holds_no_icon_glyphs_and_only_real_words(rendered: dict[str, bytes]) -> None:
    for name in ("classic", "modern", "letter", "references"):
        body = text(rendered[name])
        assert not re.search("[\ue000-\uf8ff\U000f0000-\U0010ffff]", body)
        assert "\ufffd" not in body
    assert "elena.vasquez@example.com" in text(rendered["classic"])


def test_private_resume_has_phone_and_address_public_one_does_not(
    rendered: dict[str, bytes],
) -> None:
    private, public = flat(text(rendered["classic"])), flat(text(rendered["public"]))
    assert "412-555-0147" in private and "1820 Murray Avenue" in private
    assert "412-555-0147" not in public and "Murray Avenue" not in public
    assert "elena.vasquez@example.com" in public  # meta.publish.email defaults to true
    assert "Family caregiving" not in private  # visibility: private is never printed


def test_metadata_title_author_subject_keywords_language_dates(rendered: dict[str, bytes]) -> None:
    pdf = reader(rendered["classic"])
    meta = pdf.metadata
    assert meta["/Title"] == "Elena M. Vasquez – Résumé"
    assert meta["/Author"] == "Elena M. Vasquez"
    assert meta["/Subject"] == "Senior Machine Learning Engineer"
    assert "Data Engineering" in meta["/Keywords"]
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20261103090000Z"
    assert pdf.trailer["/Root"]["/Lang"] == "en-US"
    letter = reader(rendered["letter"]).metadata
    assert "Request for reconsideration" in letter["/Title"]
    assert letter["/Subject"].startswith("Request for reconsideration: Senior Research Software")
    assert letter["/Subject"].endswith(", Lakefront Biomedical Research Institute")


def test_outline_comes_from_headings(rendered: dict[str, bytes]) -> None:
    def titles(items: list) -> list[str]:
        out: list[str] = []
        for item in items:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    resume = titles(reader(rendered["classic"]).outline)
    assert resume[0] == "Elena M. Vasquez"
    assert {"Experience", "Projects", "Education", "Skills", "Publications"} <= set(resume)
    assert "driftwatch" not in " ".join(resume)  # entries are not bookmarks, sections are
    assert titles(reader(rendered["references"]).outline)[0].startswith("References")
    assert titles(reader(rendered["letter"]).outline)[0].startswith("Re: ")


def test_pdf_is_tagged_pdf_ua_with_embedded_fonts(rendered: dict[str, bytes]) -> None:
    for name in ("classic", "modern", "letter", "references"):
        pdf = reader(rendered[name])
        root = pdf.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
        fonts = pdf.pages[0]["/Resources"]["/Font"]
        families = set()
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            families.add(str(font["/BaseFont"]).split("+")[-1])
        # only the @font-face fonts shipped in the package, never a system font: the PDF
        # looks the same on every machine
        assert families and all(f.startswith("Jobpacket-") for f in families), families


def test_links_are_clickable(rendered: dict[str, bytes]) -> None:
    page = reader(rendered["classic"]).pages[0]
    uris = {
        a.get_object()["/A"]["/URI"]
        for a in page.get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link"
    }
    assert "mailto:elena.vasquez@example.com" in uris
    assert "https://github.example.com/evasquez" in uris
    assert "https://github.example.com/evasquez/driftwatch" in uris
    assert not [u for u in uris if not u.startswith(("https:", "http:", "mailto:", "tel:"))]


def test_no_word_is_hyphenated_so_keywords_stay_whole(rendered: dict[str, bytes]) -> None:
    # Applicant tracking systems search the extracted text: "clini-\ncians" is no keyword.
    for name in ("classic", "modern", "letter", "cover", "references"):
        body = text(rendered[name])
        assert not re.findall(r"[a-z][\u2010\u00ad]\n[a-z]", body), name
        # a break after a real hyphen ("open-\nsource") is fine: the word has it elsewhere too
        source = EXAMPLE.read_text(encoding="utf-8").lower()
        broken = re.findall(r"([a-z]+)-\n([a-z]+)", body)
        assert not [w for w in broken if "-".join(w).lower() not in source], name


def test_letter_is_a_business_letter_in_order(rendered: dict[str, bytes]) -> None:
    body = flat(text(rendered["letter"]))
    parts = [
        "Elena M. Vasquez",
        "1820 Murray Avenue, Apt 3",
        "elena.vasquez@example.com",
        "November 3, 2026",
        "Dr. Naomi Feldman",
        "Director, Clinical AI Program",
        "Lakefront Biomedical Research Institute",
        "Cleveland, OH 44115",
        "Re: Request for reconsideration, Senior Research Software Engineer, Clinical AI",
        "Dear Dr. Feldman,",
        "Thank you for letting me know your decision",
        "Google Cloud Professional Machine Learning Engineer certification",
        "Sincerely,",
        "Enclosures: Résumé; References; Letter of recommendation from Dr. Marcus Hartman",
    ]
    positions = [body.index(p) for p in parts]
    assert positions == sorted(positions)
    assert body.rstrip().endswith("Work sample: ledgerline case study")
    assert "**" not in body and "github.example.com" not in body  # Markdown rendered


def test_reference_index_lists_recommenders_letters_and_delivery(
    rendered: dict[str, bytes],
) -> None:
    body = flat(text(rendered["references"]))
    for expected in (
        "Dr. Marcus Hartman",
        "Director of Data Science",
        "Direct manager since 2023",
        "marcus.hartman@alleghenyhealth.",  # may wrap after a dot, never at the @
        "example.com",
        "+1 412-555-0182",
        "Received Requested Oct 29, 2026 Received Nov 1, 2026",  # status, then each date
        "Enclosed",
        "Requested Requested Oct 21, 2026",
        "Sent directly by the recommender",
        "Submitted Requested Jul 20, 2026",
        "Via the employer’s portal",  # typographic apostrophe
        "The letter from Tom Kowalski is confidential",
    ):
        assert expected in body, expected


def test_same_inputs_give_byte_identical_pdfs(
    rendered: dict[str, bytes], example: LoadedProfile, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = documents.resume(example, public=False, design="classic")
    again = outputs.render_uncached(doc)
    assert again == rendered["classic"]
    assert b"/ID [" in again  # a file identifier, derived from the inputs, not random
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    stamped = outputs.render_uncached(documents.resume(example, public=False, design="classic"))
    assert reader(stamped).metadata["/CreationDate"] == "D:20260101000000Z"
    assert stamped != again


def test_page_one_is_not_blank(rendered: dict[str, bytes], tmp_path: Path) -> None:
    from PIL import Image

    assert shutil.which("pdftoppm"), "poppler-utils must be installed"
    for name in ("classic", "modern", "letter"):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(rendered[name])
        subprocess.run(
            ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", pdf, tmp_path / name],
            check=True,
        )
        image = Image.open(next(tmp_path.glob(f"{name}-*1.png"))).convert("L")
        histogram = image.histogram()
        dark = sum(histogram[:200]) / (image.width * image.height)
        assert 0.01 < dark < 0.5, (name, dark)


def _long_profile(tmp_path: Path, **meta: str) -> LoadedProfile:
    jobs = "\n".join(
        f"""  - name: Company {i}
    position: Engineer {i}
    startDate: "{1990 + i}-01"
    endDate: "{1991 + i}-01"
    highlights:
      - {"Shipped a thing that mattered to many people and measured it carefully. " * 3}
      - {"Led a small team through a difficult migration without downtime. " * 3}"""
        for i in range(30)
    )
    extra = "".join(f"\n  {k}: {v}" for k, v in meta.items())
    path = tmp_path / "long.yml"
    path.write_text(
        f"basics:\n  name: Ana Long-Profile\n  label: Engineer\nwork:\n{jobs}\n"
        f"meta:\n  lang: en-GB{extra}\n",
        encoding="utf-8",
    )
    return load_profile(path)


def test_footer_shows_name_and_page_n_of_n_from_page_two(tmp_path: Path) -> None:
    loaded = _long_profile(tmp_path)
    with weasyprint_log() as log:
        data = outputs.render_uncached(documents.resume(loaded, public=False))
    assert log.messages == []
    pages = page_texts(data)
    assert len(pages) >= 2
    assert "Page 1 of" not in pages[0]
    for n, page in enumerate(pages[1:], start=2):
        tail = page.strip().splitlines()[-1]
        assert "Ana Long-Profile" in tail and f"Page {n} of {len(pages)}" in tail
    # en-GB without meta.pageSize prints on A4 (595 x 842 pt)
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_meta_page_size_wins_over_the_language(tmp_path: Path) -> None:
    loaded = _long_profile(tmp_path, pageSize="Letter")
    data = outputs.render_uncached(documents.resume(loaded, public=False, design="modern"))
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


# --- what a warm render worker keeps ---------------------------------------------------------


def _png(colour: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, format="PNG")
    return out.getvalue()


def _image_page(url: str) -> str:
    return f'<html><body><p>Photo</p><img src="{url}" style="width: 2cm"></body></html>'


def test_a_file_image_is_read_again_by_every_render_and_only_inside_its_roots(
    tmp_path: Path,
) -> None:
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    photo = inside / "photo.png"
    photo.write_bytes(_png("red"))
    html = _image_page(photo.as_uri())
    red = pdf.render_pdf(html, roots=[inside])
    assert photo.as_uri() not in pdf._images, "a file: URL must never be kept"

    photo.write_bytes(_png("blue"))  # the user replaces the photo between two renders
    blue = pdf.render_pdf(html, roots=[inside])
    assert blue != red, "the changed file was not read again"

    # The same document for another profile, whose roots do not hold the file: refused,
    # not served from what an earlier render decoded.
    with pytest.raises(pdf.RefusedFetch, match="was not read"):
        pdf.render_pdf(html, roots=[outside])


def test_a_data_image_is_kept_and_the_pdf_stays_the_same() -> None:
    url = "data:image/png;base64," + base64.b64encode(_png("green")).decode()
    html = _image_page(url)
    pdf._images.clear()
    first = pdf.render_pdf(html, roots=[])
    assert url in pdf._images, "the decoded image was not kept for the next render"
    assert pdf.render_pdf(html, roots=[]) == first


def test_the_image_cache_refuses_other_urls_and_empties_past_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = pdf._ImageCache()
    cache["file:///tmp/photo.png"] = object()
    cache["data:image/svg+xml;base64,PHN2Zy8+"] = object()
    cache["data:image/png;base64,AAAA"] = object()
    cache["0123abcd-source-"] = b"x" * 100
    assert sorted(cache) == ["0123abcd-source-", "data:image/png;base64,AAAA"]
    monkeypatch.setattr(pdf, "_IMAGE_CACHE_BYTES", 1000)
    cache.trim()
    assert len(cache) == 2
    cache["0123abcd-stream-"] = b"x" * 1000
    cache.trim()
    assert len(cache) == 0


FRESH = """
import sys
from pathlib import Path
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile
doc = documents.resume(load_profile(Path(sys.argv[1])), public=False, design=sys.argv[2])
sys.stdout.buffer.write(pdf.render_job(outputs._job(doc, outputs.cache_key(doc))))
"""


@pytest.mark.parametrize("design", ["classic", "modern"])
def test_a_warm_render_gives_the_bytes_of_a_fresh_process(design: str) -> None:
    """The worker's kept stylesheets, fonts and images, its frozen objects and its garbage
    collection thresholds leave the output alone (modern has the photo)."""
    doc = documents.resume(load_profile(EXAMPLE), public=False, design=design)
    job = outputs._job(doc, outputs.cache_key(doc))
    for _ in range(2):  # warm: the second render reuses everything the first one kept
        warm = pdf.render_job(job)
    fresh = run_python(
        "-c",
        FRESH,
        str(EXAMPLE),
        design,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"},
        check=True,
        timeout=120,
        binary=True,
    ).stdout
    assert fresh[:5] == b"%PDF-"
    assert warm == fresh
