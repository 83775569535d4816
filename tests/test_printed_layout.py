"""The printed documents as a typesetter checks them: inside the margins, whole words,
headings that belong to what follows, each design within its page budget and in reading
order (a letter's measure, 75 to 90 characters a line, is tests/test_letter_layout.py's). See
tests/print_layout.py for how positions are read from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobpacket.print import designs, documents, outputs
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE
from .pdf_support import flat, page_texts, reader, text
from .print_layout import content_box, pages, strays, text_sizes

pytestmark = pytest.mark.slow

#: Every application of the example has a letter (its own body, or one assembled by kind).
LETTERS = tuple(a.id for a in load_profile(EXAMPLE).profile.applications)
FOOTER_WORDS = ("Elena", "M.", "Vasquez", "Page", "of", *(str(n) for n in range(1, 10)))


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def _long_profile(folder: Path) -> LoadedProfile:
    """A two-page career: twelve jobs, skills, certifications and awards for every column."""
    jobs = "\n".join(
        f"""  - name: Organisation {i} for Applied Clinical Informatics
    position: Senior Engineer {i}
    location: Pittsburgh, PA
    startDate: "{2000 + i}-01"
    endDate: "{2001 + i}-01"
    highlights:
      - Led the migration of {i + 3} clinical data pipelines to a reproducible platform
        used by clinicians, cutting failures by {20 + i}% over a year.
      - Wrote the evaluation harness that every model release at the hospital now passes."""
        for i in range(12)
    )
    certs = "\n".join(
        f"  - name: Professional Certificate in Very Long Named Discipline {i}\n"
        f"    issuer: Institute of Extremely Thorough Certification\n    date: 2020-0{i + 1}"
        for i in range(4)
    )
    awards = "\n".join(
        f"  - title: Excellence Award for Outstanding Contribution {i}\n"
        f"    awarder: Allegheny Health Analytics Foundation\n    date: 2021-0{i + 1}"
        for i in range(3)
    )
    path = folder / "long.yml"
    path.write_text(
        "basics:\n  name: Elena M. Vasquez\n  label: Principal Engineer\n"
        "  email: elena.maria.vasquez-longname@subdomain.university-hospital.example.org\n"
        "  url: https://elena-vasquez.example.com/portfolio/and/a/long/path\n"
        "  location:\n    city: Pittsburgh\n    region: PA\n"
        f"work:\n{jobs}\ncertificates:\n{certs}\nawards:\n{awards}\n"
        "skills:\n  - name: Machine Learning\n    keywords: [scikit-learn, PyTorch, XGBoost,"
        " model evaluation, calibration, fairness audits, interpretability]\n"
        "meta:\n  lang: en-US\n  pages: 2\n",
        encoding="utf-8",
    )
    return load_profile(path)


@pytest.fixture(scope="module")
def rendered(example: LoadedProfile, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every document of the example in every design, and a long profile in every design."""
    long = _long_profile(tmp_path_factory.mktemp("long"))
    docs = {}
    for design in designs.DESIGNS:
        docs[f"resume-{design}"] = documents.resume(example, public=False, design=design)
        docs[f"long-{design}"] = documents.resume(long, public=False, design=design)
    for app_id in LETTERS:
        docs[f"letter-{app_id}"] = documents.letter(example, app_id)
    docs["references"] = documents.reference_index(example)
    return {name: outputs.render_uncached(doc) for name, doc in docs.items()}


def _kind(name: str) -> str:
    return "letter" if name.startswith("letter-") else "resume"


def test_no_glyph_or_rule_lies_outside_the_content_box(rendered: dict[str, bytes]) -> None:
    assert len(reader(rendered["long-classic"]).pages) == 2  # the long profile is two pages
    for name, pdf in rendered.items():
        assert strays(pdf, _kind(name), FOOTER_WORDS) == [], name


def test_the_check_sees_content_in_the_margin(example: LoadedProfile) -> None:
    """The bounds check itself: a rule pushed into the right margin is caught."""
    doc = documents.resume(example, public=False, design="classic")
    wide = doc.html.replace("</style>", " .section h2 { margin-right: -8mm; }</style>", 1)
    pdf = outputs.render_uncached(type(doc)(**{**doc.__dict__, "html": wide}))
    assert any("right margin" in s for s in strays(pdf, "resume"))


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_example_resume_keeps_its_page_budget(
    rendered: dict[str, bytes], example: LoadedProfile, design: str
) -> None:
    assert example.profile.meta.pages == 1
    assert len(reader(rendered[f"resume-{design}"]).pages) <= example.profile.meta.pages


def test_no_word_is_hyphenated_and_copied_text_is_intact(
    rendered: dict[str, bytes], example: LoadedProfile
) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    for name, pdf in rendered.items():
        body = text(pdf)
        assert not re.search("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", body), name
        for left, right in re.findall(r"([A-Za-z]+)[-\u2010]\n([a-z]+)", body):
            assert f"{left}-{right}" in source or f"{left}-{right}" in body.replace("\n", ""), (
                name,
                left,
                right,
            )
    references = flat(text(rendered["references"]))
    for ref in example.profile.references:
        if ref.email:
            # whole when joined across its wrap, and never broken at the @
            assert ref.email in references.replace(". ", "."), ref.email
            assert f"{ref.email.split('@')[0]}@ " not in references


def test_a_section_heading_sits_closer_to_its_content_than_to_the_section_above(
    rendered: dict[str, bytes],
) -> None:
    for design in designs.DESIGNS:
        page = pages(rendered[f"resume-{design}"])[0]
        words = sorted(page.words, key=lambda w: (w.y0, w.x0))
        for heading in ("Projects", "Education"):
            h = next(w for w in words if w.text.lower() == heading.lower())
            # Bottoms of word boxes stand for baselines (the descent cancels out).
            above = max(w.y1 for w in words if w.y1 < h.y1 - 4 and w.x0 >= h.x0 - 1)
            below = min(w.y1 for w in words if w.y1 > h.y1 + 4 and w.x0 >= h.x0 - 1)
            assert below - h.y1 < h.y1 - above, (design, heading, below - h.y1, h.y1 - above)


def test_sidebar_reads_name_contact_skills_then_experience(
    rendered: dict[str, bytes], example: LoadedProfile
) -> None:
    body = text(rendered["resume-sidebar"])
    assert body.lstrip().startswith("Elena M. Vasquez\nSenior Machine Learning Engineer\n")
    order = [
        "CONTACT",
        "elena.vasquez@example.com",
        "SKILLS",
        "CERTIFICATIONS",
        "AWARDS",
        "Machine learning engineer with eight years",
        "EXPERIENCE",
        "Senior Machine Learning Engineer, Allegheny Health Analytics",
        "PROJECTS",
        "EDUCATION",
        "PUBLICATIONS",
        "VOLUNTEERING",
    ]
    positions = [flat(body).index(p) for p in order]
    assert positions == sorted(positions)


def _letter_profile(folder: Path, paragraphs: int) -> LoadedProfile:
    body = "\n\n".join(
        f"        Paragraph {i}: I led the evaluation of clinical risk models across three "
        "hospitals and would bring the same care for evidence to your team's work."
        for i in range(paragraphs)
    )
    path = folder / f"letter-{paragraphs}.yml"
    path.write_text(
        "basics:\n  name: Ann Example\n  email: ann@example.com\n"
        "applications:\n  - id: a\n    organization: Example Org\n    position: Engineer\n"
        "    letter:\n      kind: cover\n      date: '2026-11-03'\n      closing: Sincerely,\n"
        f"      body: |\n{body}\n"
        "meta:\n  lang: en-GB\n",
        encoding="utf-8",
    )
    return load_profile(path)


def test_a_short_letter_sits_lower_on_the_page_than_a_full_one(tmp_path: Path) -> None:
    def date_gap(paragraphs: int) -> float:
        pdf = outputs.render_uncached(documents.letter(_letter_profile(tmp_path, paragraphs), "a"))
        words = pages(pdf)[0].words
        contact = next(w for w in words if "ann@example.com" in w.text)
        date = next(w for w in words if w.text == "November")
        return date.y0 - contact.y1

    short, full = date_gap(1), date_gap(14)
    assert short > full + 40  # pt: the short letter's free space went above the date
    assert full < 40


def test_the_closing_and_signature_never_part(tmp_path: Path) -> None:
    """Whatever the length, "Sincerely," the name and the enclosures line share a page, with
    body text before."""
    for paragraphs in range(13, 18):  # 15 is the first to need a second page
        pdf = outputs.render_uncached(documents.letter(_letter_profile(tmp_path, paragraphs), "a"))
        texts = page_texts(pdf)
        closing = next(i for i, t in enumerate(texts) if "Sincerely," in t)
        assert "Ann Example\nEnclosures: Résumé" in texts[closing].split("Sincerely,", 1)[1], (
            paragraphs
        )
        assert "Paragraph" in texts[closing].split("Sincerely,", 1)[0], paragraphs


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_no_page_or_column_ends_with_a_heading(rendered: dict[str, bytes], design: str) -> None:
    headings = {"experience", "skills", "certifications", "awards", "contact"}
    laid_out = pages(rendered[f"long-{design}"])
    assert len(laid_out) >= 2
    for page in laid_out[:-1]:
        left, _, right, bottom = content_box(page, "resume")
        body = [w for w in page.words if w.y1 <= bottom + 2]  # not the footer
        middle = (left + right) / 2
        # the lowest word of each column (left half, right half) is never a heading
        for lo, hi in ((left, middle), (middle, right)):
            column = [w for w in body if lo <= w.x0 < hi]
            if column:
                last = max(column, key=lambda w: w.y1)
                assert last.text.lower() not in headings, (design, page.number, last.text)


def test_body_text_is_10_pt_or_documented_9_5(rendered: dict[str, bytes]) -> None:
    """The size most characters are set in, per document; modern.css documents its 9.5 pt, and
    base.css the letter's 11.75 pt."""
    expected = {"resume-classic": 10.0, "resume-modern": 9.5, "resume-sidebar": 10.0}
    expected |= {f"letter-{a}": 11.75 for a in LETTERS} | {"references": 10.0}
    for name, size in expected.items():
        sizes = text_sizes(rendered[name])
        body = max(sizes, key=lambda s: sizes[s])
        assert body == pytest.approx(size, abs=0.06), (name, sizes)  # read to 0.1 pt
        small = sum(n for s, n in sizes.items() if s < 9.5) / sum(sizes.values())
        assert small < 0.25, (name, sizes)  # dates, contact lines and labels only
