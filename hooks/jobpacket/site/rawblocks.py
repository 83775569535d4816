"""The generated pages' HTML blocks, handed to Python-Markdown already put aside.

A page the stage generates is Markdown headings around large blocks of finished, sanitized
HTML (an entry list, the publications with their BibTeX). Python-Markdown reads every such
block with html.parser only to find where it ends, then puts it back as it was; for a large
profile that was most of the time MkDocs spent on the pages (py-spy of a `mkdocs serve`
rebuild). This extension puts each block aside itself, through Python-Markdown's public
stash (`htmlStash.store`, as its own raw-HTML preprocessor does), so the parser only sees the
Markdown around them. The page's HTML is the same (tests/test_site_rawblocks.py compares).

Only the stage's own output, and only when it is whole: a block is found by a regular
expression over its tags, which is exact for HTML whose every `<` in text is escaped
(site/text.py escapes every value); a page with anything else that starts with `<`, or
whose tags do not balance, is left to Python-Markdown whole. The adapter switches it on per
page (`Switch`), for the generated pages it hands over unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

#: After Python-Markdown's whitespace normalizing (30), before its raw-HTML reading (20).
PRIORITY = 25
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def split(lines: list[str], is_block: Callable[[str], bool]) -> list[tuple[bool, str]] | None:
    """The page as (is an HTML block, text) pieces in order, or None when it is not the
    stage's kind of page. A block starts after a blank line with a block-level tag, runs
    while its tags are open and while the next line starts another block-level tag, and
    is followed by a blank line."""
    pieces: list[tuple[bool, str]] = []
    text: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.startswith("<"):
            text.append(line)
            i += 1
            continue
        start = _START.match(line)
        if not start or not is_block(start.group(1).lower()) or (i and lines[i - 1] != ""):
            return None
        depth, j = 0, i
        while j < n:
            for close, name, self_closing in _TAG.findall(lines[j]):
                if self_closing or name.lower() in _VOID:
                    continue
                depth += -1 if close else 1
                if depth < 0:
                    return None
            if depth == 0:
                nxt = lines[j + 1] if j + 1 < n else ""
                if nxt == "":
                    break
                following = _START.match(nxt)
                if not following or not is_block(following.group(1).lower()):
                    return None  # text right after a block: Python-Markdown's own case
            j += 1
        if depth != 0:
            return None
        if text:
            pieces.append((False, "\n".join(text)))
            text = []
        pieces.append((True, "\n".join(lines[i : j + 1])))
        i = j + 1
    if text:
        pieces.append((False, "\n".join(text)))
    return pieces


@dataclass
class Switch:
    """Whether the page Python-Markdown reads next is one the stage generated, unchanged."""

    on: bool = False


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, switch: Switch) -> None:
        super().__init__(md)
        self.switch = switch

    def run(self, lines: list[str]) -> list[str]:
        if not self.switch.on:
            return lines
        pieces = split(lines, self.md.is_block_level)
        if pieces is None:
            return lines
        out = []
        for is_html, text in pieces:
            # stored as the raw-HTML preprocessor stores a block: with its line end
            out.append("\n" + self.md.htmlStash.store(text + "\n") + "\n" if is_html else text)
        return "\n".join(out).split("\n")


class RawBlocks(Extension):
    """Registered by the adapter in mkdocs.yml's extensions; does nothing while `switch` is
    off."""

    def __init__(self, switch: Switch) -> None:
        super().__init__()
        self.switch = switch

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Stash(md, self.switch), "jobpacket_raw_blocks", PRIORITY)


__all__ = ["RawBlocks", "Switch", "split"]
