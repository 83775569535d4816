"""Profile text -> safe HTML, for the site and the print templates alike.

Profile text is data, never markup or a template: plain fields are escaped (Jinja2
autoescape does that where they land) and Markdown fields go through Python-Markdown and then
nh3, an allowlist sanitizer. Bidirectional override characters are dropped everywhere: they
can make a line read differently from what it contains (a "Trojan Source" trick).
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

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
URL_SCHEMES = {"http", "https", "mailto"}


def clean_text(text: str) -> str:
    """Drop bidi overrides and C0 control characters; keep newlines and tabs."""
    return _CONTROL.sub("", _BIDI_CONTROLS.sub("", text))


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")


def loosen_lists(text: str) -> str:
    """A blank line before a list that follows a paragraph line, as CommonMark reads it.

    JSON Resume summaries are often "Intro:\n- one\n- two"; Python-Markdown would print the
    dashes as text unless the list is set off by a blank line.
    """
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
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


@lru_cache(maxsize=512)
def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field and sanitize the result; safe to put in any HTML page."""
    html = markdown.markdown(loosen_lists(clean_text(text)), extensions=["sane_lists", "tables"])
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
