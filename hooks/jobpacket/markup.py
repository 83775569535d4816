"""Profile text -> safe HTML, for the site and the print templates alike.

Profile text is data, never markup or a template: plain fields are escaped (Jinja2
autoescape does that where they land) and Markdown fields go through Python-Markdown and then
nh3, an allowlist sanitizer. Bidirectional override characters are dropped everywhere: they
can make a line read differently from what it contains (a "Trojan Source" trick).
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markupsafe import Markup

from .urls import MARKDOWN_SCHEMES

if TYPE_CHECKING:
    import markdown

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = set(MARKDOWN_SCHEMES)


#: Longer Markdown fields are printed as plain text: no résumé field needs more.
MAX_MARKDOWN_CHARS = 50_000
#: Deeper lists and quotes are printed as plain text; Python-Markdown recurses once per level
#: and fails with a RecursionError at a few hundred.
MAX_NESTING = 16
#: Python-Markdown's link and inline-HTML scanning is quadratic in the number of `[` and `<`
#: (20,000 `[` take minutes); a field with more is printed as plain text.
MAX_OPENERS = 256

_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")


def _nesting(line: str) -> int:
    """How many lists and quotes a line opens or sits in: markers plus indentation steps."""
    indent = len(line) - len(line.lstrip(" \t"))
    depth, pos = indent // 4, 0  # Python-Markdown nests a list per 4 spaces
    while match := _CONTAINER.match(line, pos):
        if match.end() == pos:
            break
        depth, pos = depth + 1, match.end()
    return depth


def markdown_limit(text: str) -> str | None:
    """Why `text` would cost too much to format as Markdown, or None when it is fine.

    Checked before the text reaches the Markdown engine, so every field costs a bounded
    time whatever it holds; a field over a limit is printed as plain text instead
    (`markdown_to_html`) and validation warns about it with its location.
    """
    if len(text) > MAX_MARKDOWN_CHARS:
        return f"longer than {MAX_MARKDOWN_CHARS:,} characters"
    openers = text.count("[") + text.count("<")
    if openers > MAX_OPENERS:
        return f"more than {MAX_OPENERS} `[` and `<` (it has {openers})"
    if any(_nesting(line) > MAX_NESTING for line in text.splitlines()):
        return f"lists or quotes nested deeper than {MAX_NESTING} levels"
    return None


def plain_paragraphs(text: str) -> Markup:
    """Text shown as it is written: escaped, one paragraph per blank-line-separated block."""
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", clean_text(text)) if b.strip()]
    return Markup("".join(f"<p>{html_lib.escape(b).replace(chr(10), '<br>')}</p>" for b in blocks))


def clean_text(text: str) -> str:
    """Drop bidi overrides and control characters (C0, DEL and C1: they draw nothing, and a
    C1 one in text is usually mis-decoded bytes); keep newlines and tabs."""
    return _CONTROL.sub("", _BIDI_CONTROLS.sub("", text))


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")


_HASH_WORD = re.compile(r"^( {0,3})(#{1,6})(?=[^#\s])")


def loosen_lists(text: str) -> str:
    """Blocks as CommonMark (what résumé authors write for) reads them, where Python-Markdown
    reads them otherwise:

    - a blank line before a list that follows a paragraph line: JSON Resume summaries are
      often "Intro:\n- one\n- two", and Python-Markdown would print the dashes as text;
    - a `#` with no space after it is text, not a heading: "#ursuppe" is a hashtag, and
      Python-Markdown would make it a heading (then dropped to "ursuppe").
    """
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HASH_WORD.match(line):
            line = _HASH_WORD.sub(lambda m: m.group(1) + "\\#" * len(m.group(2)), line)
        elif (
            not fenced
            and _LIST_ITEM.match(line)
            and out
            and out[-1].strip()
            and not _LIST_ITEM.match(out[-1])
            and not out[-1].startswith((" ", "\t"))
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


#: A list item holding one paragraph and nothing else, as a "loose" list (items set apart by
#: blank lines) comes out; the paragraph's margins would put the text a line below its bullet.
_LOOSE_ITEM = re.compile(r"<li>\s*<p>((?:(?!</?p>|</?li>|<ul>|<ol>).)*)</p>\s*</li>", re.DOTALL)
#: Tags that mark a plain field as HTML written by an export tool, not text with a `<` in it.
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|div|p|br|small|sup|sub|font|h[1-6]|ul|ol|li)\b[^<>]*>",
    re.IGNORECASE,
)


def html_as_text(text: str) -> str | None:
    """The text of a plain field that holds HTML tags (``<a href='https://hpi.de/'>HPI</a>``
    becomes ``HPI``), or None when it holds none. Plain fields are escaped where they land,
    so without this the reader would see the tags themselves."""
    if not _HTML_TAG.search(text):
        return None
    import nh3

    spaced = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    stripped = html_lib.unescape(nh3.clean(spaced, tags=set(), strip_comments=True))
    return re.sub(r"[ \t]{2,}", " ", stripped).strip()


_EXTENSIONS = ("sane_lists", "tables")
_engines = threading.local()


def _engine() -> markdown.Markdown:
    """This thread's Markdown engine, built once and reset between fields.

    Building one costs far more than converting a résumé field (extensions are loaded and
    registered each time): a new engine per field was half of a large site's build. One per
    thread, because `mkdocs serve` rebuilds on its own thread while the CLI renders on the
    main one, and an engine holds the state of the field it is converting.
    """
    engine: markdown.Markdown | None = getattr(_engines, "engine", None)
    if engine is None:
        import markdown  # imported on first use: loading a profile (`check`) needs none

        engine = markdown.Markdown(extensions=list(_EXTENSIONS))
        _engines.engine = engine
    return engine


def _convert(text: str) -> Markup:
    if markdown_limit(text) is not None:
        return plain_paragraphs(text)
    import nh3

    html = _engine().reset().convert(loosen_lists(clean_text(text)))
    html = _LOOSE_ITEM.sub(r"<li>\1</li>", html)
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )


class _FieldCache:
    """Rendered fields by text, least recently used dropped first, sized to the profile.

    A site renders each field several times (pages, descriptions, JSON-LD, the print HTML);
    a fixed 512 entries was smaller than a large profile's fields, so a build cycled through
    the cache and rendered everything again. `fit_to` raises the size to the profile's
    number of texts, so one build never evicts a field it will ask for again.
    """

    MINIMUM = 512

    def __init__(self, render: Callable[[str], Markup]) -> None:
        self._render = render
        self._items: OrderedDict[str, Markup] = OrderedDict()
        self._lock = threading.Lock()
        self.maxsize = self.MINIMUM

    def __call__(self, text: str) -> Markup:
        with self._lock:
            hit = self._items.get(text)
            if hit is not None:
                self._items.move_to_end(text)
                return hit
        value = self._render(text)
        with self._lock:
            self._items[text] = value
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def fit_to(self, texts: int) -> None:
        """Hold at least `texts` fields (never shrinks below what a profile needed)."""
        with self._lock:
            self.maxsize = max(self.maxsize, texts)

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


#: Render a Markdown field and sanitize the result; safe to put in any HTML page. A field
#: over the limits of `markdown_limit` is shown as plain text instead.
markdown_to_html = _FieldCache(_convert)


def count_texts(data: object) -> int:
    """How many strings a parsed profile holds: an upper bound on its Markdown fields."""
    stack, count = [data], 0
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            count += 1
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def fit_cache_to(data: object) -> None:
    """Size the rendered-field cache for a profile's parsed data (called when it loads)."""
    markdown_to_html.fit_to(count_texts(data))


_TEXT_BLOCKS = frozenset(
    {"p", "li", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "dt", "dd", "hr", "table"}
)


class _TextWriter(HTMLParser):
    """Sanitized HTML -> plain text: paragraphs apart, list items on their own lines with
    a hyphen, a link's address after its text when the text does not already show it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.items: list[bool] = []  # whether each block is a list item
        self.line: list[str] = []
        self.lists: list[str] = []
        self.links: list[str] = []
        self.cells = 0
        self.prefix = ""

    def _end_block(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.line)).strip()
        if text:
            self.blocks.append(self.prefix + text)
            self.items.append(bool(self.prefix))
        self.line = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._end_block()
            self.lists.append(tag)
        elif tag == "li":
            self._end_block()
            self.prefix = "  " * max(len(self.lists) - 1, 0) + "- "
        elif tag in ("td", "th"):
            self.line.append(" | " if self.cells else "")
            self.cells += 1
        elif tag == "br":
            self._end_block()
        elif tag in _TEXT_BLOCKS:
            self._end_block()
            self.cells = 0
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
            self.line.append("\0")  # where the link text starts

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = self.links.pop()
            joined = "".join(self.line)
            start = joined.rfind("\0")
            shown = joined[start + 1 :].strip()
            bare = re.sub(r"^(?:https?://|mailto:)", "", href).rstrip("/")
            if href and bare and bare not in shown:
                joined += f" ({href.removeprefix('mailto:')})"
            self.line = [joined[:start] + joined[start + 1 :]]
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
        elif tag in _TEXT_BLOCKS or tag == "li":
            self._end_block()

    def handle_data(self, data: str) -> None:
        self.line.append(data)

    def text(self, gap: str) -> str:
        """The blocks one a line; `gap` between two blocks that are not both list items."""
        self._end_block()
        out = self.blocks[:1]
        for i in range(1, len(self.blocks)):
            out.append("\n" if self.items[i] and self.items[i - 1] else gap)
            out.append(self.blocks[i])
        return "".join(out)


def markdown_to_text(text: str | None, *, paragraph_gap: bool = False) -> str:
    """A Markdown field as plain text, for the plain-text and Word résumés: no Markdown
    markers left (emphasis, headings, link brackets, backticks); list items as "- " lines,
    links as "text (address)". Goes through the same sanitizer as the HTML, so what the
    text shows is what the site and the PDF show."""
    if not text or not text.strip():
        return ""
    writer = _TextWriter()
    writer.feed(str(markdown_to_html(text)))
    writer.close()
    return writer.text("\n\n" if paragraph_gap else "\n").replace("\u00a0", " ")
