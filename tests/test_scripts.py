"""Every script a person writes their name and work in, in every design: one profile each in
Japanese, Arabic, Hebrew, Russian and Greek (tests/fixtures/scripts/), rendered through the
CLI, read back with pypdf: every glyph drawn is a real one (no .notdef), the text layer holds
the words in their logical order, right-to-left documents are mirrored. A character no
installed font has is a located warning (print/glyphs.py) that fails `check --strict`.

Needs the Noto fonts scripts/setup.sh installs (fonts-noto-core, fonts-noto-cjk)."""

from __future__ import annotations

import functools
import io
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from jobpacket.i18n.labels import labels

from .conftest import FIXTURES, run_cli

SCRIPTS = FIXTURES / "scripts"
DESIGNS = ("classic", "modern", "sidebar")
#: language -> words that must come out of the text layer as written (logical order).
WORDS = {
    "ja": ["山田 太郎", "職歴", "株式会社サンプル決済", "2020年2月 – 現在", "処理時間を40%短縮"],
    "ar": [
        "ليلى حداد",
        "الخبرة العملية",
        "شركة البيانات العربية",
        "خفضت تكاليف الحوسبة",
        "+962 7 9123 4567",
    ],
    "he": [
        "נועה לוי",
        "ניסיון תעסוקתי",
        "חברת הענן הישראלית",
        "מעבר של עשרים שירותים",
        "+972 50-123-4567",
    ],
    "ru": ["Анна Смирнова", "Опыт работы", "ООО «Сибирские данные»", "Сократила время обучения"],
    "el": [
        "Ελένη Παπαδοπούλου",
        "Επαγγελματική εμπειρία",
        "Ελληνικές Πληρωμές Α.Ε.",
        "Μείωσε τον χρόνο απόκρισης",
    ],
}


@functools.cache
def rendered(design: str) -> tuple[dict[str, bytes], str]:
    """The five résumés in one design, rendered by one `jobpacket pdf` call (a cohort), and
    what the command wrote to stderr."""
    out = Path(tempfile.mkdtemp(prefix=f"scripts-{design}-"))
    result = run_cli(
        "pdf", "resume", str(SCRIPTS), "--design", design, "-o", str(out), process=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = {lang: (out / lang / "resume.pdf").read_bytes() for lang in WORDS}
    shutil.rmtree(out)
    return pdfs, result.stderr


def notdef_glyphs(pdf: bytes) -> list[tuple[str, int]]:
    """(font, code) of every glyph drawn that is no glyph of its embedded font: code 0
    (.notdef) or past the font's last glyph (what WeasyPrint draws for a character no font
    has). WeasyPrint embeds Type 0 fonts with two-byte codes and CIDToGIDMap /Identity."""
    from fontTools.ttLib import TTFont

    found = []
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        glyphs: dict[str, int] = {}
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            cid = font["/DescendantFonts"][0].get_object()
            descriptor = cid["/FontDescriptor"].get_object()
            key = next(k for k in ("/FontFile2", "/FontFile3") if k in descriptor)
            data = descriptor[key].get_object().get_data()
            glyphs[name] = TTFont(io.BytesIO(data))["maxp"].numGlyphs
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(operands[0])
            elif operator in (b"Tj", b"TJ"):
                items = operands[0] if operator == b"TJ" else [operands[0]]
                for item in items:
                    if not isinstance(item, (str, bytes)):
                        continue
                    raw = getattr(item, "original_bytes", None) or bytes(item, "latin-1")
                    for i in range(0, len(raw) - 1, 2):
                        code = int.from_bytes(raw[i : i + 2], "big")
                        if code == 0 or code >= glyphs[current]:
                            found.append((current, code))
    return found


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def folded(text: str) -> str:
    """Case, accents and line breaks folded, as headings set in capitals (modern, sidebar)
    and the narrow columns of the sidebar design come out: "Επαγγελματική" is printed
    "ΕΠΑΓΓΕΛΜΑΤΙΚΗ"."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("lang", list(WORDS))
def test_every_script_prints_with_real_glyphs_in_every_design(lang: str, design: str) -> None:
    pdfs, log = rendered(design)
    assert ".notdef" not in log and "has no glyph" not in log, log
    assert notdef_glyphs(pdfs[lang]) == []
    words = folded(text_of(pdfs[lang]))
    for phrase in WORDS[lang]:
        assert folded(phrase) in words, (phrase, words)
    if design == "sidebar":  # the side column's own heading, in the language too
        assert folded(labels(lang)["site"]["contact"]) in words


@pytest.mark.parametrize("lang", ["ar", "he"])
def test_right_to_left_documents_are_mirrored(lang: str) -> None:
    """The name and the first job title start at the right margin, the job's dates sit left."""
    from pypdf import PageObject

    pdf, _ = rendered("classic")
    page: PageObject = PdfReader(io.BytesIO(pdf[lang])).pages[0]
    width = float(page.mediabox.width)
    spans: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            spans.append((tm[4] * cm[0] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    title = {"ar": "مهندسة بيانات أولى", "he": "מפתחת בכירה"}[lang]
    dates = [x for x, t in spans if "2019" in t or "2020" in t]
    titled = [x for x, t in spans if title in t]
    assert titled and dates, spans
    assert min(dates) < width / 3 < width / 2 < max(titled)


def test_a_character_no_font_has_is_a_located_warning(tmp_path: Path) -> None:
    text = (SCRIPTS / "ja.yml").read_text(encoding="utf-8")
    text = text.replace("ストリーム処理へ移行", "ストリーム処理へ移行 \ue000")
    (tmp_path / "p.yml").write_text(text, encoding="utf-8")
    result = run_cli(
        "pdf", "resume", "p.yml", "--design", "classic", "-o", "out", cwd=tmp_path, process=True
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if "has no glyph" in x)
    assert line.startswith("p.yml:22:9: warning: work[1].highlights[0]: '\\ue000' (U+E000)")
    # The detector sees what the warning announced: the box is in the PDF.
    assert notdef_glyphs((tmp_path / "out" / "p" / "resume.pdf").read_bytes())
    strict = run_cli("check", "--render", "--strict", "p.yml", cwd=tmp_path, process=True)
    assert strict.returncode == 1 and "has no glyph" in strict.stdout + strict.stderr
    # Inter (the modern design) has the character: no warning there.
    modern = run_cli(
        "pdf", "resume", "p.yml", "--design", "modern", "-o", "m", cwd=tmp_path, process=True
    )
    assert "has no glyph" not in modern.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "design"), [("ja", "classic"), ("ar", "modern"), ("he", "sidebar")]
)
def test_page_one_matches_its_golden_image(
    lang: str, design: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """One CJK and two right-to-left résumés, pinned like the example's (test_golden.py):
    regenerate with --update-golden and look at the PNGs before committing them."""
    from PIL import Image

    from jobpacket.print import documents, outputs
    from jobpacket.profile.validate import load_profile

    from .test_golden import GOLDEN, TOLERANCE, _mean_difference, _page_one

    doc = documents.resume(load_profile(SCRIPTS / f"{lang}.yml"), public=False, design=design)
    image = _page_one(outputs.render_uncached(doc), tmp_path)
    golden = GOLDEN / f"resume-{lang}-{design}.png"
    if request.config.getoption("--update-golden"):
        image.save(golden, optimize=True)  # type: ignore[attr-defined]
        return
    assert golden.is_file(), f"no golden image {golden.name}; run pytest --update-golden"
    expected = Image.open(golden).convert("L")
    assert expected.size == image.size  # type: ignore[attr-defined]
    difference = _mean_difference(expected, image)
    assert difference < TOLERANCE, f"{golden.name} differs by {difference:.2f}"


def test_the_site_build_warns_about_a_missing_glyph_and_strict_fails(tmp_path: Path) -> None:
    from .test_site_support import build, make_site

    text = (SCRIPTS / "ja.yml").read_text(encoding="utf-8")
    site = make_site(tmp_path / "site", text.replace("ストリーム処理へ移行", "移行 \ue000"))
    result = build(site, strict=True)
    assert result.returncode != 0
    assert "work[1].highlights[0]: '\\ue000' (U+E000) has no glyph" in result.stderr
    assert build(make_site(tmp_path / "ok", SCRIPTS / "ja.yml"), strict=True).returncode == 0


def test_the_site_of_an_arabic_profile_is_right_to_left(tmp_path: Path) -> None:
    from .test_site_support import build_ok, make_site

    out = build_ok(make_site(tmp_path / "site", SCRIPTS / "ar.yml"))
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in home and '<body dir="rtl"' in home
    assert "الخبرة العملية" in (out / "resume.html").read_text(encoding="utf-8")


def test_a_letter_warns_about_a_character_of_its_own_text_only(tmp_path: Path) -> None:
    text = (SCRIPTS / "ja.yml").read_text(encoding="utf-8") + (
        "applications:\n  - id: acme\n    organization: 株式会社アクメ\n"
        "    letter:\n      body: 貴社の求人に応募いたします \ue000\n"
    )
    (tmp_path / "p.yml").write_text(text, encoding="utf-8")
    letter = run_cli(
        "letter", "acme", "--profile", "p.yml", "-o", "l.pdf", cwd=tmp_path, process=True
    )
    assert letter.returncode == 0, letter.stderr
    assert "applications[0].letter.body: '\\ue000' (U+E000) has no glyph" in letter.stderr
    resume = run_cli(
        "pdf", "resume", "--profile", "p.yml", "-o", "r.pdf", cwd=tmp_path, process=True
    )
    assert resume.returncode == 0 and "has no glyph" not in resume.stderr, resume.stderr


def test_a_character_no_font_has_is_reported_once_and_located(tmp_path: Path) -> None:
    """print/glyphs.py names the field; WeasyPrint's own unlocated notice of the same
    character is left out (worker._NOTDEF), and the guard below sees if its wording moves."""
    from .conftest import run_cli

    profile = tmp_path / "profile.json"
    profile.write_text(
        '{"basics": {"name": "Marisol Etxeberria", "email": "m@example.org"}, "work": [{'
        '"name": "Harbor", "position": "Data engineer", "startDate": "2021-03", '
        '"highlights": ["x \\ud809\\udd44 y"]}]}',
        encoding="utf-8",
    )
    result = run_cli(
        "pdf", "resume", "--profile", str(profile), "-o", str(tmp_path / "r.pdf"), process=True
    )
    assert result.returncode == 0, result.stderr
    lines = [x for x in result.stderr.splitlines() if "U+12544" in x]
    assert len(lines) == 1 and "work[0].highlights[0]" in lines[0], result.stderr
    assert ".notdef" not in result.stderr


def test_weasyprint_still_words_its_missing_glyph_notice_as_the_worker_expects() -> None:
    import logging

    from jobpacket.print import pdf, worker

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Keep()
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        pdf.render_pdf("<p>x \U00012544 y</p>")
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert any(m.startswith(worker._NOTDEF) for m in seen), seen
