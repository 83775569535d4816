"""Every format a form asks for: the résumé as plain text, Markdown and Word, from the same
outline as the PDF, tailored by `-a ID` in each; and the PDF's own text layer without traps.

The plain text is pinned by golden files (regenerate with `--update-golden`, then read the
diff). A small section parser, written from the plain-text rules and not from the renderer,
must find every section, job and date the profile holds; the Word file is read back with
python-docx and, when LibreOffice is installed, converted to text by `soffice`.
"""

from __future__ import annotations

import calendar
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from jobpacket.print import documents, formats, outputs
from jobpacket.print.resume import resume_outline
from jobpacket.profile.model import Profile
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, run_cli
from .pdf_support import text as pdf_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "formats"
TAILORED = "lakefront-clinical-ai-rse"  # excludes the job tagged `teaching`
#: The standard headings of the plain-text résumé, in the order the example has them.
ORDER = [
    "SUMMARY",
    "EXPERIENCE",
    "PROJECTS",
    "EDUCATION",
    "SKILLS",
    "PUBLICATIONS",
    "CERTIFICATIONS",
    "AWARDS",
    "VOLUNTEERING",
]
HEADINGS = set(ORDER)
#: The one date style of every format: "Apr 2023", "2019", a range with an en dash.
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
DATE = rf"(?:{MONTH}|\d{{4}})"
RANGE = re.compile(rf"^{DATE}(?: – (?:{DATE}|Present))?$")


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def _text(loaded: LoadedProfile, application: str | None = None, public: bool = False) -> str:
    made = formats.resume(loaded, "txt", public=public, application=application)
    return made.data.decode("utf-8")


def _month(value: str) -> str:
    """A profile date as the résumé prints it, computed here without jobpacket."""
    if value == "present":
        return "Present"
    parts = value.split("-")
    return f"{calendar.month_abbr[int(parts[1])]} {parts[0]}" if len(parts) > 1 else parts[0]


def _span(start: str | None, end: str | None) -> str:
    a, b = _month(start or ""), _month(end or "present")
    return a if a == b else f"{a} – {b}"


# --- a section parser, from the plain-text rules -------------------------------------------


@dataclass
class ParsedEntry:
    head: str
    dates: str = ""
    lines: list[str] = field(default_factory=list)


@dataclass
class ParsedSection:
    heading: str
    entries: list[ParsedEntry] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def parse(text: str) -> tuple[list[str], list[ParsedSection]]:
    """Header lines, then sections: a line in capitals after a blank line opens a section; in
    it, blank-line-separated blocks are entries whose second line is a date range."""
    blocks = text.strip("\n").split("\n\n")
    header = blocks[0].splitlines()
    sections: list[ParsedSection] = []
    for block in blocks[1:]:
        lines = block.splitlines()
        if lines[0].isupper() and not lines[0].startswith("- "):
            sections.append(ParsedSection(lines[0]))
            lines = lines[1:]
        current = sections[-1]
        current.lines.extend(lines)
        if len(lines) >= 2 and RANGE.match(lines[1]):
            current.entries.append(ParsedEntry(lines[0], lines[1], lines[2:]))
    return header, sections


# --- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "application"), [("resume", None), ("resume-lakefront", TAILORED)]
)
def test_plain_text_matches_its_golden_file(
    example: LoadedProfile, name: str, application: str | None, request: pytest.FixtureRequest
) -> None:
    text = _text(example, application)
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}; run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8")


def test_plain_text_follows_the_ats_rules(example: LoadedProfile) -> None:
    text = _text(example)
    assert "\u00a0" not in text and "\t" not in text
    assert not re.search(r"\*\*|__|`|\]\(|^#|^>|^={3,}|^-{3,}|<[a-z/]", text, re.M)
    header, sections = parse(text)
    assert header[0] == "Elena M. Vasquez"
    # Contact as plain text, whole: the email, the phone, every web address with its scheme.
    assert "elena.vasquez@example.com" in header and "+1 412-555-0147" in header
    assert "https://linkedin.example.com/in/elenamvasquez" in header
    assert [s.heading for s in sections] == ORDER
    # One date style: every line that holds a month holds it as "Mon YYYY".
    for line in text.splitlines():
        for found in re.findall(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*", line):
            assert len(found) == 3, line
    assert "GPA 3.9" in text and "Grade" not in text


def _expected_jobs(profile: Profile) -> list[tuple[str, str, str]]:
    return [
        (w.position or "", w.name or "", _span(w.startDate, w.endDate))
        for w in profile.work
        if w.visibility != "private"
    ]


def test_section_parser_finds_every_section_job_and_date(example: LoadedProfile) -> None:
    _, sections = parse(_text(example))
    by_heading = {s.heading: s for s in sections}
    assert set(by_heading) == HEADINGS
    jobs = by_heading["EXPERIENCE"].entries
    assert [(j.head, j.dates) for j in jobs] == [
        (f"{position}, {org}, Pittsburgh, PA", dates)
        for position, org, dates in _expected_jobs(example.profile)
    ]
    for job, work in zip(jobs, example.profile.work, strict=True):
        assert [line.removeprefix("- ") for line in job.lines] == [
            " ".join(h.split()) for h in work.highlights
        ]
    projects = by_heading["PROJECTS"].entries
    assert [p.head.split(",")[0] for p in projects] == [p.name for p in example.profile.projects]
    assert [p.dates for p in projects] == [
        _span(p.startDate, p.endDate) for p in example.profile.projects
    ]
    degrees = by_heading["EDUCATION"].entries
    assert [d.dates for d in degrees] == [
        _span(e.startDate, e.endDate) for e in example.profile.education
    ]
    certs = "\n".join(by_heading["CERTIFICATIONS"].lines)
    for cert in example.profile.certificates:
        assert f"{cert.name}" in certs and _month(cert.date or "") in certs


def test_tailoring_applies_to_the_text(example: LoadedProfile) -> None:
    plain, tailored = _text(example), _text(example, TAILORED)
    app = next(a for a in example.profile.applications if a.id == TAILORED)
    assert app.tailor is not None and app.tailor.summary
    assert " ".join(app.tailor.summary.split()) in tailored
    assert "Research Software Engineer, Monongahela" in plain
    assert "Research Software Engineer, Monongahela" not in tailored  # tagged `teaching`
    _, sections = parse(tailored)
    heads = [e.head for s in sections if s.heading == "PROJECTS" for e in s.entries]
    assert heads and not any("Transit" in h for h in heads)  # tagged for another role


def test_public_text_has_no_phone_or_street(example: LoadedProfile) -> None:
    private, public = _text(example), _text(example, public=True)
    assert "412-555-0147" in private and "1820 Murray Avenue" in private
    assert "412-555-0147" not in public and "1820 Murray Avenue" not in public


def test_markdown_keeps_the_structure_and_escapes_plain_fields(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8").replace(
        "name: Elena M. Vasquez", "name: Elena *M.* [Vasquez]", 1
    )
    path = tmp_path / "p.yml"
    path.write_text(source, encoding="utf-8")
    loaded = load_profile(path)
    md = formats.resume(loaded, "md", public=False).data.decode("utf-8")
    assert md.startswith("# Elena \\*M.\\* \\[Vasquez\\]\n")
    import markdown

    html = markdown.markdown(md)
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings[:3] == ["Summary", "Experience", "Projects"]
    assert "<em>" not in html.split("</h1>")[0]
    assert html.count("<h3>") == sum(
        len(getattr(loaded.profile, s)) for s in ("work", "projects", "education", "volunteer")
    )


# --- Word ---------------------------------------------------------------------------------


def _docx(loaded: LoadedProfile, application: str | None = None) -> bytes:
    return formats.resume(loaded, "docx", public=False, application=application).data


def test_docx_reads_back_in_word_styles_in_order(example: LoadedProfile) -> None:
    import docx

    data = _docx(example)
    doc = docx.Document(io.BytesIO(data))
    styled = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    assert styled[0] == ("Title", "Elena M. Vasquez")
    assert styled[1] == ("Subtitle", "Senior Machine Learning Engineer")
    assert {s for s, _ in styled} <= {
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Normal",
        "List Bullet",
    }
    said = resume_outline(example, public=False)
    assert [t for s, t in styled if s == "Heading 1"] == ["Summary"] + [
        s.heading for s in said.sections
    ]
    # Every job, in order, under Experience, with its dates on the next paragraph.
    h2 = [i for i, (s, _) in enumerate(styled) if s == "Heading 2"]
    for (position, org, dates), at in zip(_expected_jobs(example.profile), h2, strict=False):
        assert styled[at] == ("Heading 2", f"{position}, {org}")
        assert styled[at + 1][1].endswith(dates)
    bullets = sum(len(w.highlights) for w in example.profile.work)
    assert sum(s == "List Bullet" for s, _ in styled) >= bullets
    # No tables, text boxes, headers or footers with content: one flow a parser reads in order.
    assert doc.tables == []
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "txbxContent" not in body and "<w:tbl" not in body and "\u00a0" not in body
    assert doc.core_properties.title == "Elena M. Vasquez – Résumé"
    assert doc.core_properties.author == "Elena M. Vasquez"


def test_docx_is_tailored_and_reproducible(example: LoadedProfile) -> None:
    import docx

    tailored = _docx(example, TAILORED)
    assert tailored == _docx(example, TAILORED)  # same inputs, same bytes
    texts = [p.text for p in docx.Document(io.BytesIO(tailored)).paragraphs]
    assert not any("Monongahela" in t for t in texts)
    assert any(
        "Monongahela" in t
        for t in (p.text for p in docx.Document(io.BytesIO(_docx(example))).paragraphs)
    )


def test_docx_converted_by_libreoffice_reads_in_order(
    example: LoadedProfile, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui, scripts/setup.sh) is not installed"
    path = tmp_path / "resume.docx"
    path.write_bytes(_docx(example))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "resume.txt").read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "Elena M. Vasquez"
    cursor = 0
    for position, org, dates in _expected_jobs(example.profile):
        at = lines.index(f"{position}, {org}", cursor)
        assert lines[at + 1].endswith(dates)
        cursor = at
    headings = ["Summary", "Experience", "Projects", "Education", "Skills"]
    order = [lines.index(h) for h in headings]
    assert order == sorted(order)


# --- the PDF's text layer -----------------------------------------------------------------


@pytest.mark.parametrize("design", ["classic", "sidebar"])
def test_pdf_text_layer_has_plain_dates_gpa_and_whole_urls(
    example: LoadedProfile, design: str
) -> None:
    doc = documents.resume(example, public=False, design=design)
    text = pdf_text(outputs.render_uncached(doc))
    dates = re.findall(rf"{MONTH.replace(' ', '.')}", text)
    assert dates and all(" " in d for d in dates)  # no no-break space inside a date
    assert "Apr 2023 – Present" in text
    assert "GPA 3.9" in text and "Grade" not in text
    assert "linkedin.example.com/in/elenamvasquez" in text  # one line, one word


# --- letters ------------------------------------------------------------------------------


def test_letter_as_text_is_a_business_letter_in_order(tmp_path: Path) -> None:
    result = run_cli("letter", TAILORED, "--format", "txt", "-o", "-", "--profile", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "\u00a0" not in text and not re.search(r"\*\*|`|\]\(|^#", text, re.M)
    blocks = text.strip().split("\n\n")
    assert blocks[0].splitlines()[:2] == ["Elena M. Vasquez", "1820 Murray Avenue, Apt 3"]
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", blocks[1])  # the date, plain spaces
    assert blocks[2].splitlines()[0] == "Dr. Naomi Feldman"
    assert blocks[3].startswith("Re: ")
    assert blocks[4] == "Dear Dr. Feldman,"
    assert blocks[-3:] == [
        "Sincerely,",
        "Elena M. Vasquez",
        blocks[-1],
    ] and blocks[-1].startswith("Enclosures: Résumé; References")
    # The body's list stays a list: one item a line, with a hyphen.
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 3 and items[0].startswith("- Google Cloud Professional")
    pdf = documents.letter_parts(load_profile(EXAMPLE), TAILORED)
    assert pdf.greeting in text and pdf.enclosures_line in text


def test_letter_as_docx_reads_back_in_order() -> None:
    import docx

    loaded = load_profile(EXAMPLE)
    made = formats.letter(loaded, TAILORED, "docx")
    assert made.name == f"{TAILORED}/reconsideration-letter.docx"
    assert made.data == formats.letter(loaded, TAILORED, "docx").data
    doc = docx.Document(io.BytesIO(made.data))
    paras = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    texts = [t for _, t in paras]
    assert texts[0].startswith("Elena M. Vasquez\n1820 Murray Avenue")
    assert texts.index("Dear Dr. Feldman,") < texts.index("Sincerely,") < len(texts) - 2
    assert [s for s, _ in paras].count("List Bullet") == 3
    assert texts[-1].startswith("Enclosures: ") and texts[-2] == "Elena M. Vasquez"
    assert doc.tables == [] and all(s in ("Normal", "List Bullet") for s, _ in paras)
    bad = run_cli("letter", TAILORED, "--format", "docx", "--markdown", "--profile", str(EXAMPLE))
    assert bad.returncode == 1 and "drop it with --format docx" in bad.stderr


def test_reference_index_dates_have_plain_spaces(example: LoadedProfile) -> None:
    text = pdf_text(outputs.render_uncached(documents.reference_index(example)))
    assert "Requested Oct 29, 2026" in text and "\u00a0" not in text
