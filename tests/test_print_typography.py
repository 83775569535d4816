"""Curly quotes and number–unit spaces in print, and the places they must never reach."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from jobpacket.print import documents
from jobpacket.print.typography import NBSP, smarten, smarten_html
from jobpacket.profile.validate import load_profile


@pytest.mark.parametrize(
    ("typed", "typeset"),
    [
        ("Lakefront's work", "Lakefront’s work"),
        ('cut "where is my load" calls', "cut “where is my load” calls"),
        ("'90s hardware and the students' labs", "’90s hardware and the students’ labs"),
        ("He said 'ship it' twice", "He said ‘ship it’ twice"),
        ('("quoted") and —"dashed"', "(“quoted”) and —“dashed”"),
        (
            "a 14 TB warehouse, 24 h, 30 % and 5 years",
            f"a 14{NBSP}TB warehouse, 24{NBSP}h, 30{NBSP}% and 5 years",
        ),
        ("Section 5 A and 2 x faster", "Section 5 A and 2 x faster"),  # not units here
        ("no quotes at all", "no quotes at all"),
    ],
)
def test_prose_gets_typographic_quotes_and_unit_spaces(typed: str, typeset: str) -> None:
    assert smarten(typed) == typeset


@pytest.mark.parametrize(
    "untouched",
    [
        "https://example.com/it's?q=1",
        "www.example.org/o'neil",
        "mailto:o'neil@example.com",
        "o'neil.ann@example.co.uk",
        '`grep -r "it\'s" .`',
        '<img src="file:///etc/hostname">',
        "data:image/png;base64,AAAA'5 MB",
    ],
)
def test_addresses_code_and_typed_markup_pass_through(untouched: str) -> None:
    assert smarten(f"see {untouched} now") == f"see {untouched} now"


def test_html_changes_text_only_never_tags_attributes_or_code() -> None:
    html = Markup(
        '<p>On <em>ledgerline</em>\'s "harness" '
        '<a href="https://example.com/o\'neil" title="x">O\'Neil\'s</a> '
        '<code>a = "b"</code> <pre><code>it\'s</code></pre> and "after".</p>'
    )
    assert str(smarten_html(html)) == (
        "<p>On <em>ledgerline</em>’s “harness” "
        '<a href="https://example.com/o\'neil" title="x">O’Neil’s</a> '
        '<code>a = "b"</code> <pre><code>it\'s</code></pre> and “after”.</p>'
    )
    assert isinstance(smarten_html(html), Markup)


def test_printed_documents_carry_typeset_text_and_intact_addresses(tmp_path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann O'Neil\n  email: ann.o-neil@example.com\n"
        "  url: https://example.com/o'neil\n"
        "work:\n  - name: Shop\n    position: Lead\n    startDate: '2020-01'\n"
        '    highlights: [\'Cut "load" calls; moved 14 TB in `make "all"`\']\n'
        "applications:\n  - id: a\n    organization: Org's\n    letter:\n      kind: cover\n"
        "      body: \"I'd like the role at *Org*'s lab; see `a='b'`.\"\n",
        encoding="utf-8",
    )
    loaded = load_profile(path)
    resume = documents.resume(loaded, public=False).html
    assert "Ann O’Neil" in resume and "Cut “load” calls" in resume
    assert f"14{NBSP}TB" in resume and '<code>make "all"</code>' in resume
    assert 'href="mailto:ann.o-neil@example.com"' in resume
    assert 'href="https://example.com/o&#39;neil"' in resume
    letter = documents.letter(loaded, "a").html
    assert "I’d like the role at <em>Org</em>’s lab" in letter
    assert "<code>a='b'</code>" in letter or "<code>a=&#39;b&#39;</code>" in letter


def test_css_in_the_page_style_keeps_straight_quotes(tmp_path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann O'Neil\n", encoding="utf-8")
    html = documents.resume(load_profile(path), public=False).html
    style = html[html.index("<style>") : html.index("</style>")]
    assert 'content: "Page "' in style and "\u201c" not in style and "\u201d" not in style
