"""The generated pages' HTML blocks put aside before Python-Markdown reads a page
(site/rawblocks.py): the page's HTML must be exactly what Python-Markdown makes on its own,
for every kind of profile, and anything that is not the stage's own kind of page is left to
Python-Markdown whole."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import markdown
import pytest

from jobpacket.profile.validate import load_profile
from jobpacket.site.pages import site_pages
from jobpacket.site.rawblocks import RawBlocks, Switch, split
from jobpacket.site.values import SiteContext

from .conftest import EXAMPLE, FIXTURES, ROOT

PROFILES = [
    EXAMPLE,
    FIXTURES / "hostile" / "profile.yml",
    *sorted((FIXTURES / "realworld").glob("*.json")),
]


@functools.cache
def _extensions() -> tuple[list[str], dict[str, Any]]:
    """The example site's Markdown extensions, as MkDocs hands them to Python-Markdown."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def _html(text: str, *, stash: bool) -> str:
    names, configs = _extensions()
    extensions: list[Any] = [*names, RawBlocks(Switch(on=True))] if stash else [*names]
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


def _pages(path: Path) -> list[tuple[str, str]]:
    loaded = load_profile(path)
    ctx = SiteContext(site_name="Site", link=lambda _page, target: target)
    return [(p.path, p.markdown) for p in site_pages(loaded.profile, ctx)]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_generated_page_comes_out_the_same(path: Path) -> None:
    pages = _pages(path)
    for name, text in pages:
        assert _html(text, stash=True) == _html(text, stash=False), name


def test_the_large_pages_are_the_ones_put_aside() -> None:
    """Without this the extension could fall back on every page and the test above pass."""
    pages = dict(_pages(EXAMPLE))
    for name in ("resume.md", "publications.md", "projects/index.md", "recommendations.md"):
        pieces = split(pages[name].split("\n"), markdown.Markdown().is_block_level)
        assert pieces is not None, name
        assert sum(len(t) for is_html, t in pieces if is_html) > 0.8 * len(pages[name]), name


BLOCK = markdown.Markdown().is_block_level


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n<span>inline at a line start</span>\n",
        "# T\n\n<div>\n<p>open\n</div>\n",  # tags that do not balance
        "# T\n\n<div>x</div>\nText right after the block\n",
        "# T\n<div>x</div>\n",  # no blank line before the block
        "# T\n\n<https://example.org> an autolink\n",
        "# T\n\n<!-- a comment -->\n",
    ],
)
def test_a_page_not_of_the_stages_kind_is_left_whole(text: str) -> None:
    assert split(text.split("\n"), BLOCK) is None
    assert _html(text, stash=True) == _html(text, stash=False)


def test_blocks_and_markdown_alternate_in_order() -> None:
    text = "# T\n\n<div>\n<p>a</p>\n</div>\n<ul><li>b</li></ul>\n\n## U\n\n<p>c<br>d</p>\n"
    assert split(text.split("\n"), BLOCK) == [
        (False, "# T\n"),
        (True, "<div>\n<p>a</p>\n</div>\n<ul><li>b</li></ul>"),
        (False, "\n## U\n"),
        (True, "<p>c<br>d</p>"),
        (False, ""),
    ]


def test_it_does_nothing_while_switched_off() -> None:
    text = "# T\n\n<div>x</div>\n"
    md = markdown.Markdown(extensions=[RawBlocks(Switch(on=False))])
    assert md.convert(text) == markdown.Markdown().convert(text)
    assert "jobpacket_raw_blocks" in md.preprocessors
