"""A letter laid out as a business letter, read back from real PDFs: the body as wide as the
letterhead above it in every design (80 to 96 characters a line at 11 pt), one page for every kind,
no date broken across two lines, and the résumé design's own header on its letters."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from jobpacket.i18n.dates import NBSP
from jobpacket.print import designs, documents, outputs
from jobpacket.profile.validate import LoadedProfile, load_profile

from .pdf_support import page_texts
from .print_layout import MM, content_box, pages

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


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_lines_of_a_real_letter_hold_80_to_96_characters(design: str) -> None:
    loaded = load_profile(FIXTURE)
    pdf = outputs.render_uncached(
        documents.letter(loaded, "lakeshore-reconsideration", design=design)
    )
    (page,) = pages(pdf)
    # The body's lines: group words by line, keep those of the first paragraph (the longest
    # prose), measured in characters with the spaces between words.
    lines: dict[int, list[str]] = {}
    for w in page.words:
        lines.setdefault(round(w.y0), []).append(w.text)
    texts = [" ".join(ws) for ws in lines.values()]
    start = next(i for i, t in enumerate(texts) if t.startswith("Thank you for letting me know"))
    paragraph = texts[start : start + 3]
    assert all(80 <= len(t) <= 96 for t in paragraph), [len(t) for t in paragraph]


@pytest.mark.parametrize("design", designs.DESIGNS)
def test_every_kind_is_one_page_with_no_date_broken(design: str) -> None:
    loaded = load_profile(FIXTURE)
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for app_id in KINDS:
        texts = page_texts(outputs.render_uncached(documents.letter(loaded, app_id, design=design)))
        assert len(texts) == 1, (design, app_id, len(texts))
        broken = re.findall(rf"(?:{months})(?: \d{{1,2}},?)?\n\d", texts[0])
        assert not broken, (design, app_id, broken)


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
