"""print/glyphs.py on its own: which characters no usable font has, which fields a résumé
prints, and the located warning for each missing character. Every writing system through
the real renderer is in test_scripts.py."""

from __future__ import annotations

from pathlib import Path

from jobpacket.print import glyphs
from jobpacket.profile.validate import load_profile

PRIVATE_USE = "\ue000"  # a code point no font assigns a glyph to
PROFILE = """\
basics:
  name: Marisol Etxeberria
  label: Data engineer
  url: https://marisol.example.org/
work:
  - name: Harbor
    position: Data engineer
    startDate: "2021-03"
    highlights: ["Cut the nightly load from 4 h to 20 min \ue000, twice \ue000"]
    notes: "private \ue000"
applications:
  - id: harbor
    organization: Harbor
    letter: {body: "Dear team \ue000"}
"""


def test_latin_text_needs_no_font_read_and_has_nothing_missing() -> None:
    texts = [(("basics", "name"), "Marisol Etxeberría"), (("work", 0, "name"), "Łukasz Ćwik")]
    assert all(max(text) < glyphs.COVERED_BELOW for _, text in texts)
    assert glyphs.missing_glyphs(texts, "classic") == []


def test_scripts_the_fonts_cover_are_not_missing() -> None:
    texts = [
        (("basics", "name"), "Ελένη Παπαδοπούλου"),  # Greek: the shipped fonts
        (("basics", "label"), "Инженер данных"),  # Cyrillic
        (("basics", "summary"), "مهندسة بيانات"),  # Arabic: Noto, installed by setup.sh
        (("work", 0, "name"), "株式会社ハーバー"),  # Japanese: Noto CJK
    ]
    assert glyphs.missing_glyphs(texts, "modern") == []


def test_a_missing_character_is_reported_once_at_its_first_use() -> None:
    texts = [
        (("work", 0, "highlights", 0), f"a {PRIVATE_USE} b {PRIVATE_USE}"),
        (("work", 1, "highlights", 0), f"again {PRIVATE_USE}"),
    ]
    assert glyphs.missing_glyphs(texts, "classic") == [(("work", 0, "highlights", 0), PRIVATE_USE)]


def test_spaces_and_format_characters_draw_nothing_and_are_never_missing() -> None:
    texts = [(("basics", "name"), "Ann\u200d\u2060\u00a0\u202fLee\u200f")]
    assert glyphs.missing_glyphs(texts, "classic") == []


def test_the_resume_texts_leave_out_what_a_resume_never_prints(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    loaded = load_profile(path, "p.yml")
    paths = [p for p, _ in glyphs.resume_texts(loaded.profile)]
    assert ("work", 0, "highlights", 0) in paths and ("basics", "name") in paths
    assert ("basics", "url") not in paths  # an address, not printed text
    assert ("work", 0, "notes") not in paths  # private notes
    assert not any(p[0] == "applications" for p in paths)  # the letter checks its own
    letter = [p for p, _ in glyphs.section_texts(loaded.profile, "applications", 0)]
    assert ("applications", 0, "letter", "body") in letter


def test_each_missing_character_is_one_located_warning(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(PROFILE, encoding="utf-8")
    loaded = load_profile(path, "p.yml")
    (finding,) = glyphs.glyph_findings(loaded, "classic")
    assert (finding.line, finding.severity) == (9, "warning")
    assert finding.path == ("work", 0, "highlights", 0)
    assert finding.message.startswith("'\\ue000' (U+E000) has no glyph in any installed font")
    assert "install a font that has it" in finding.message


def test_text_below_the_covered_bound_needs_no_font_read() -> None:
    """The fast path of print/glyphs.py: every design's shipped fonts have every character
    below COVERED_BELOW, so text made only of them is not checked character by character."""
    from jobpacket.print import glyphs

    bound = ord(glyphs.COVERED_BELOW)
    for design in glyphs.DESIGN_FONTS:
        shipped = glyphs._shipped(design)
        missing = [
            hex(c)
            for c in range(0x20, bound)
            if glyphs._needs_glyph(chr(c)) and c not in shipped and not 0x7F <= c <= 0x9F
        ]
        assert missing == [], (design, missing)
