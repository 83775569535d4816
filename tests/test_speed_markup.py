"""One Markdown engine per thread, reset between fields, and a cache sized to the profile
(issue 12): the output must be exactly what a fresh engine per field printed before."""

from __future__ import annotations

import threading
from pathlib import Path

import markdown
import nh3
import yaml

from jobpacket import markup
from jobpacket.markup import markdown_to_html
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE

# Fields whose Markdown state (link references, footnote-like text, raw HTML, tables, lists)
# would leak into the next field if the engine were not reset.
STATEFUL = [
    "See [the report][r].\n\n[r]: https://example.org/report",
    "And [the report][r] again, with no definition here.",
    "| metric | value |\n| --- | ---: |\n| AUROC | 0.81 |",
    "<div>raw html</div>\n\n*kept* **bold**",
    "Intro:\n- one\n- two",
    "3. starts at three\n4. four\n\n- then a bullet",
    "> quoted [link](https://example.org) and `code`",
]


def fresh(text: str) -> str:
    """What `markdown_to_html` printed before: a new engine for every field."""
    html = markdown.markdown(
        markup.loosen_lists(markup.clean_text(text)), extensions=["sane_lists", "tables"]
    )
    return nh3.clean(
        html,
        tags=markup.ALLOWED_TAGS,
        attributes=markup.ALLOWED_ATTRIBUTES,
        url_schemes=markup.URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def texts_of(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in texts_of(v)]
    if isinstance(data, list):
        return [t for v in data for t in texts_of(v)]
    return []


def test_a_reused_engine_prints_what_a_fresh_one_did() -> None:
    example = texts_of(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    for text in STATEFUL + example + STATEFUL[::-1]:
        markdown_to_html.cache_clear()
        assert str(markdown_to_html(text)) == fresh(text), text
    # The reference defined in one field does not resolve in the next one.
    markdown_to_html.cache_clear()
    markdown_to_html(STATEFUL[0])
    assert "<a " not in str(markdown_to_html(STATEFUL[1]))


def test_one_engine_per_thread() -> None:
    assert markup._engine() is markup._engine()
    other: list[markdown.Markdown] = []
    thread = threading.Thread(target=lambda: other.append(markup._engine()))
    thread.start()
    thread.join()
    assert other and other[0] is not markup._engine()


def test_the_cache_holds_every_field_of_a_large_profile(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["publications"] += [
        {"name": f"Study {i} of label shift", "summary": f"Finding number *{i}* of the study."}
        for i in range(700)
    ]
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    load_profile(path)
    assert markdown_to_html.maxsize >= 1400 + len(texts_of(yaml.safe_load(EXAMPLE.read_text())))
    markdown_to_html.cache_clear()
    summaries = [p["summary"] for p in data["publications"]]
    first = [markdown_to_html(s) for s in summaries]
    assert len(markdown_to_html) == len(summaries)
    # A second pass (another page of the same build) gets the very same objects back.
    assert all(markdown_to_html(s) is f for s, f in zip(summaries, first, strict=True))


def test_clean_text_drops_every_control_character_but_newlines_and_tabs() -> None:
    """C1 controls (U+0080-U+009F, usually mis-decoded bytes) drew a .notdef box in the PDF
    and an unlocated WeasyPrint warning, as C0 ones would have."""
    from jobpacket.markup import clean_text

    assert clean_text("a\x00b\x1fc\x7fd\x80e\x85f\x9fg\th\ni") == "abcdefg\th\ni"
    assert clean_text("café – “quoted” €") == "café – “quoted” €"  # U+00A0 and up stay
