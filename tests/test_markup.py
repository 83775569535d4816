"""markup.py: profile text to safe HTML (Markdown through an allowlist sanitizer), to plain
text, and the limits that keep Markdown bounded. The engine's reuse is tested in
test_speed_markup.py, hostile sizes in test_safety_bounds.py, escaping on real pages in
test_privacy.py and test_site.py."""

from __future__ import annotations

from jobpacket.markup import (
    MAX_NESTING,
    clean_text,
    html_as_text,
    loosen_lists,
    markdown_limit,
    markdown_to_html,
    markdown_to_text,
    plain_paragraphs,
)


def test_markdown_is_sanitized_to_an_allowlist() -> None:
    html = str(
        markdown_to_html(
            "Led **the** team <script>alert(1)</script> [x](javascript:alert(1)) "
            "[y](https://a.example) <img src=x onerror=y>"
        )
    )
    assert "<strong>the</strong>" in html
    assert "<script" not in html and "alert(1)" not in html
    assert "javascript:" not in html and "<img" not in html and "onerror" not in html
    assert '<a href="https://a.example" rel="noopener noreferrer nofollow">y</a>' in html


def test_control_and_direction_override_characters_are_dropped() -> None:
    assert clean_text("a\u202eb\x01c\x85d") == "abcd"
    assert "\u202e" not in str(markdown_to_html("evil\u202etxt.exe"))


def test_plain_paragraphs_escape_and_split_on_blank_lines() -> None:
    assert str(plain_paragraphs("one\n\ntwo <b>")) == "<p>one</p><p>two &lt;b&gt;</p>"


def test_html_in_a_plain_field_is_read_as_its_text_only_when_it_has_tags() -> None:
    assert html_as_text("<a href='x'>HPI</a> &amp; co") == "HPI & co"
    assert html_as_text("no tags here") is None
    assert html_as_text("a < b") is None  # a comparison, not a tag


def test_markdown_as_plain_text_keeps_links_whole() -> None:
    assert markdown_to_text("**Bold** and [link](https://x.example)\n\n- one\n- two") == (
        "Bold and link (https://x.example)\n- one\n- two"
    )


def test_lists_and_hashtags_are_read_as_people_type_them() -> None:
    assert loosen_lists("Intro\n- a\n- b") == "Intro\n\n- a\n- b"  # a list right after text
    assert loosen_lists("#hashtag line") == "\\#hashtag line"  # a hashtag, not a heading
    assert loosen_lists("# Heading") == "# Heading"


def test_markdown_over_the_limits_is_named_not_rendered() -> None:
    assert markdown_limit("x" * 10) is None
    assert markdown_limit("x" * 60_000) == "longer than 50,000 characters"
    assert markdown_limit(">" * (MAX_NESTING + 5) + " deep") == (
        f"lists or quotes nested deeper than {MAX_NESTING} levels"
    )
