"""Profile text made safe where it lands on the site (site/text.py): Markdown-level escaping
for titles, inline Markdown, links, dates, slugs, JSON in a script, and the site templates'
environment. Whole pages are in test_site.py and test_privacy.py."""

from __future__ import annotations

import json

import jinja2
import pytest
from markupsafe import Markup

from jobpacket.site.text import (
    date_range,
    env,
    json_for_script,
    md_inline,
    md_text,
    plain,
    safe_href,
    shorten,
    slugify,
    text_of_markdown,
)


def test_plain_text_is_one_line_without_controls() -> None:
    assert plain("  Ann\u202e Lee\n\tData\x00 Engineer ") == "Ann Lee Data Engineer"
    assert plain(2024) == "2024"


def test_titles_keep_words_and_turn_all_punctuation_into_references() -> None:
    title = md_text("R&D *lead* [x](javascript:y) {{ 7*7 }} Zoë")
    assert isinstance(title, Markup)
    assert title == (
        "R&#38;D &#42;lead&#42; &#91;x&#93;&#40;javascript&#58;y&#41; "
        "&#123;&#123; 7&#42;7 &#125;&#125; Zoë"
    )
    assert "<" not in md_text("<script>") and md_text("<script>") == "&#60;script&#62;"


def test_markdown_fields_are_rendered_then_cleaned() -> None:
    assert md_inline("Cut costs by **40%**") == "Cut costs by <strong>40%</strong>"
    assert md_inline("one\n\ntwo").count("<p>") == 2  # two paragraphs keep theirs
    assert "<script" not in md_inline("Hi <script>alert(1)</script>")
    assert text_of_markdown("Built **[driftwatch](https://x.org)** &amp; more") == (
        "Built driftwatch & more"
    )
    # Inline markup before punctuation leaves no space in a description or the JSON-LD.
    assert text_of_markdown("I **build** [maps](x.md). And *more*, yes.") == (
        "I build maps. And more, yes."
    )
    assert text_of_markdown("# Title\n\nFirst.\n\n- one\n- two") == "Title First. one two"


def test_shorten_cuts_at_a_word_and_says_so() -> None:
    text = "Machine learning engineer with eight years of experience, turning research code"
    assert shorten(text, 200) == text
    assert shorten(text, 40) == "Machine learning engineer with eight…"
    assert len(shorten(text, 40)) <= 40
    assert shorten("Built pipelines, monitoring; and more", 20) == "Built pipelines…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://ann.example.org", "https://ann.example.org"),
        ("mailto:ann@example.org", "mailto:ann@example.org"),
        ("tel:+14125550147", "tel:+14125550147"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_mail_phone_and_chat_links_are_written(
    value: str | None, expected: str | None
) -> None:
    assert safe_href(value) == expected


def test_date_ranges_carry_machine_readable_times() -> None:
    # no-break spaces keep a month with its year and the dash with the start
    assert date_range("2023-04", "2025-01") == (
        '<time datetime="2023-04">Apr\xa02023</time>\xa0– '
        '<time datetime="2025-01">Jan\xa02025</time>'
    )
    assert date_range("2023-04", None) == (
        '<time datetime="2023-04">Apr\xa02023</time>\xa0– Present'
    )
    assert date_range(None, "2020") == '<time datetime="2020">2020</time>'
    assert date_range(None, None) == ""
    assert ">avr.\xa02023<" in date_range("2023-04", "2025-01", "fr")


def test_slugs_are_ascii_and_fall_back_when_nothing_is_left() -> None:
    assert slugify("Pittsburgh Transit Delay Forecaster", "p1") == (
        "pittsburgh-transit-delay-forecaster"
    )
    assert slugify("Zoë's Café — v2.0", "p1") == "zoe-s-cafe-v2-0"
    assert slugify("数据平台", "project-3") == "project-3"
    assert slugify(None, "project-4") == "project-4"
    assert len(slugify("word " * 40, "x")) <= 60 and not slugify("word " * 40, "x").endswith("-")


def test_json_in_a_script_cannot_close_it() -> None:
    data = {"name": "</script><script>alert(1)</script>", "note": "a & b\u2028c <!--"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_site_templates_escape_and_refuse_unknown_names() -> None:
    assert env() is env()  # one environment per process
    template = env().from_string("{{ name }} {{ url | href }} {{ d | date }}\n\n\n\nend")
    out = template.render(name="<b>Ann</b>", url="javascript:x", d="2024-05", lang="en")
    assert out.startswith('&lt;b&gt;Ann&lt;/b&gt; None <time datetime="2024-05">May\xa02024</time>')
    with pytest.raises(jinja2.UndefinedError):
        env().from_string("{{ missing }}").render()
