"""A letter laid out as a business letter, read back from real PDFs: the body as wide as the
letterhead above it in every design, 75 to 90 characters a line on US Letter and on A4, one page
for every kind, no date broken across two lines, and the résumé design's own header on its
letters."""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

import pytest

from jobpacket.i18n.dates import NBSP
from jobpacket.print import designs, documents, outputs
from jobpacket.profile.paper import page_size
from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.views.timeline import timeline

from .conftest import EXAMPLE, copy_example_files
from .pdf_support import TextLine, page_texts, text_lines
from .print_layout import MM, content_box, pages, strays

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "letters" / "nurse-educator.yml"
KINDS = (
    "riverside-cover",
    "lakeshore-reconsideration",
    "summit-follow-up",
    "northgate-thank-you",
    "lakeshore-role-proposal",
)
#: A paragraph of full stops with a zero-width break opportunity between them: every line then
#: ends within one full stop (about 1 mm) of the column's right edge, so the column's width
#: can be read from the text. (Spaced full stops would not do: no line may break before one.)
PROBE = ".\\u200b" * 1200


def _rule_span(pdf: bytes) -> tuple[float, float]:
    """Left and right end (pt) of the letterhead's rule: the first row of page 1 that is
    dark across most of the page."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.pdf"
        path.write_bytes(pdf)
        command = ["pdftoppm", "-r", "144", "-gray", "-f", "1", "-l", "1", "-png"]
        subprocess.run([*command, str(path), str(Path(folder) / "p")], check=True)
        image = Image.open(next(Path(folder).glob("p-*.png"))).convert("L")
    # 144 dpi, two pixels a point: a hairline rule is at least one pixel row of grey.
    for y in range(image.height // 4):
        dark = [x for x in range(image.width) if image.getpixel((x, y)) < 215]  # type: ignore[operator]
        if len(dark) > image.width * 0.6:
            return dark[0] / 2, (dark[-1] + 1) / 2
    raise AssertionError("no letterhead rule found")


def _probe(tmp_path: Path, design: str) -> LoadedProfile:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        '    letter: {kind: cover, date: "2026-11-20"}\n',
        f'    letter: {{kind: cover, date: "2026-11-20", body: "{PROBE}"}}\n',
    )
    path = tmp_path / f"{design}.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_body_is_as_wide_as_the_letterhead(design: str, tmp_path: Path) -> None:
    pdf = outputs.render_uncached(documents.letter(_probe(tmp_path, design), "riverside-cover"))
    (page,) = pages(pdf)
    left, _, right, _ = content_box(page, "letter")
    rule_left, rule_right = _rule_span(pdf)
    assert abs(rule_left - left) <= 2 * MM and abs(rule_right - right) <= 2 * MM, design
    dots = [w for w in page.words if w.text and set(w.text) <= {".", "\u200b"}]
    assert len(dots) > 3
    lines: dict[float, list[float]] = {}
    for w in dots:
        lines.setdefault(round(w.y0), []).extend((w.x0, w.x1))
    full = list(lines.values())[:-1]  # the last line of a paragraph is short
    assert len(full) >= 3
    body_left = min(min(xs) for xs in full)
    body_right = min(max(xs) for xs in full)  # every full line, not only the longest
    assert abs(body_left - rule_left) <= 2 * MM, (design, body_left / MM, rule_left / MM)
    assert abs(rule_right - body_right) <= 2 * MM, (design, body_right / MM, rule_right / MM)


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def broken_dates(text: str) -> list[str]:
    """Dates a line break splits: "October" at the end of a line and its day on the next."""
    return re.findall(rf"(?:{MONTHS})(?: \d{{1,2}},?)?\n\d+", text)


PAPERS = ("Letter", "A4")
#: The measure of a business letter (shared/DOMAIN.md), in characters a line with the spaces.
MEASURE = (75, 90)


def full_lines(pdf: bytes) -> list[tuple[TextLine, str]]:
    """The body's full lines, each with the word that begins the line after it.

    The body runs from the line after the salutation to the closing. A line is full when the
    next one follows it at the body's line pitch, in the same paragraph or list item: the
    last line of a paragraph or an item (the gap after it is larger) is as short as its text
    ends, and is left out, as is the last line of a page."""
    lines = text_lines(pdf)
    start = next(i for i, line in enumerate(lines) if line.text.startswith("Dear "))
    end = next(i for i, line in enumerate(lines) if line.text.startswith("Sincerely"))
    body = lines[start + 1 : end]
    pairs = [(a, b) for a, b in itertools.pairwise(body) if a.page == b.page]
    pitch = min(b.top - a.top for a, b in pairs)
    return [(a, b.text.split(" ")[0]) for a, b in pairs if b.top - a.top < pitch * 1.05]


def measure_problems(pdf: bytes) -> list[str]:
    """The full lines outside 75 to 90 characters. A line shorter than 75 passes only when the
    word that begins the next line is what did not fit: with it, the line would have held
    more than 80 characters (a line that ends before "certification" may hold 72, and a list
    item's lines are a little shorter than a paragraph's, by its indent)."""
    low, high = MEASURE
    problems = []
    for line, following in full_lines(pdf):
        n = len(line.text)
        if n > high or (n < low and n + 1 + len(following) <= 80):
            problems.append(f"{n} characters: {line.text!r} (then {following!r})")
    return problems


@pytest.fixture(scope="module")
def example_letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every letter of the example (each application's timeline) in every design, on US Letter
    and on A4."""
    site = tmp_path_factory.mktemp("site")
    copy_example_files(site)
    source = EXAMPLE.read_text(encoding="utf-8")
    assert "  pageSize: Letter\n" in source
    rendered = {}
    for paper in PAPERS:
        path = site / "profiles" / f"example-{paper}.yml"
        path.write_text(source.replace("  pageSize: Letter\n", f"  pageSize: {paper}\n"), "utf-8")
        loaded = load_profile(path)
        assert page_size(loaded.profile) == paper
        for app in loaded.profile.applications:
            numbers = [entry.number for entry in timeline(app)] or [None]
            for number in numbers:
                for design in designs.DESIGNS:
                    doc = documents.letter(loaded, app.id, design=design, number=number)
                    name = f"{paper} {design} {app.id} #{number}"
                    rendered[name] = outputs.render_uncached(doc)
    return rendered


@pytest.mark.slow
def test_example_letters_are_one_page_of_75_to_90_characters_a_line(
    example_letters: dict[str, bytes],
) -> None:
    """Every full line of every example letter, in every design and on both papers, within
    the measure, and each letter on one page, its enclosures line included, with no date
    broken across two lines."""
    assert len(example_letters) >= 2 * len(PAPERS) * len(designs.DESIGNS)
    for name, pdf in example_letters.items():
        texts = page_texts(pdf)
        assert len(texts) == 1, (name, len(texts))
        assert broken_dates(texts[0]) == [], name
        assert strays(pdf, "letter") == [], name  # inside the margins of its paper
        lengths = [len(line.text) for line, _ in full_lines(pdf)]
        assert len(lengths) >= 5, (name, lengths)
        assert measure_problems(pdf) == [], name
        # the column's measure, not only its extremes: most lines fill it
        assert 78 <= statistics.median(lengths) <= 88, (name, lengths)


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_every_kind_is_one_page_with_no_date_broken(design: str) -> None:
    """Each kind a letter can be, assembled from a profile: one page, 75 to 90 characters a
    line, and no date split across two lines."""
    loaded = load_profile(FIXTURE)
    for app_id in KINDS:
        pdf = outputs.render_uncached(documents.letter(loaded, app_id, design=design))
        texts = page_texts(pdf)
        assert len(texts) == 1, (design, app_id, len(texts))
        assert measure_problems(pdf) == [], (design, app_id)
        assert broken_dates(texts[0]) == [], (design, app_id)


def test_dates_in_a_letter_never_break() -> None:
    html = documents.letter(load_profile(FIXTURE), "lakeshore-reconsideration").html
    html = html.replace("&nbsp;", NBSP)
    for date in ("September 1, 2026", "July 15, 2026", "October 2026", "November 2026"):
        assert date.replace(" ", NBSP) in html, date
        assert date not in html, date


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_letters_and_contents_page_wear_the_resume_design_header(design: str) -> None:
    """The header's look comes from the design's stylesheet for the letter as for the résumé:
    centred in classic, an accent bar in modern, the name in Inter in sidebar."""
    from jobpacket.print.layout import stylesheets

    css = "\n".join(Path(s).read_text(encoding="utf-8") for s in stylesheets(design))
    rule = {"classic": "text-align: center", "modern": "border-left", "sidebar": "Inter"}[design]
    assert re.search(rf"\.letterhead[^{{]*\{{[^}}]*{rule}", css), design
    for template in ("letter.html", "contents.html"):
        source = (documents.TEMPLATES_DIR / template).read_text(encoding="utf-8")
        assert 'class="masthead' in source and "letterhead" in source, template


def test_french_punctuation_never_starts_a_line(tmp_path: Path) -> None:
    path = tmp_path / "fr.yml"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("lang: en-US", "lang: fr"), "utf-8")
    loaded = load_profile(path)
    html = documents.letter(loaded, "lakeshore-role-proposal").html.replace("&nbsp;", NBSP)
    assert f"Objet{NBSP}: candidature" in html and f"ouverts{NBSP}:" in html
    assert " :" not in html.split('class="letter-body"')[1]
    # The text a user edits keeps ordinary spaces.
    markdown, _ = documents.letter_markdown(loaded, "lakeshore-role-proposal")
    assert NBSP not in markdown and "ouverts :" in markdown


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("en", "applied on November 3, 2026.", "November 3, 2026"),
        ("en", "in Oct 2026 and", "Oct 2026"),
        ("en", "certification (October 30). Your", "October 30"),
        ("fr", "le 30 octobre, puis", "30 octobre"),
        ("de", "am 3. November 2026 und", "3. November 2026"),
        ("es", "el 3 de noviembre de 2026", "3 de noviembre de 2026"),
        ("fr", "le 1er septembre 2026", "1er septembre 2026"),
        ("pt", "em 1º de setembro de 2026", "1º de setembro de 2026"),
    ],
)
def test_keep_dates_glues_every_written_date(lang: str, text: str, kept: str) -> None:
    from jobpacket.i18n.dates import keep_dates

    assert kept.replace(" ", NBSP) in keep_dates(text, lang)


def test_keep_dates_leaves_other_words_alone() -> None:
    from jobpacket.i18n.dates import keep_dates

    assert keep_dates("May I say 2026 people came", "en") == "May I say 2026 people came"
