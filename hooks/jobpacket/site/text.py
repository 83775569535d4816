"""Profile text made safe where it lands on the site, and the templates it lands in.

Escaping, wherever profile text lands:

- Markdown level (page titles, section headings): ``md_text`` turns every ASCII punctuation
  character into a numeric character reference. No Markdown, HTML or template syntax in
  profile text is ever interpreted; ``{{ 7*7 }}`` shows as typed.
- HTML blocks: Jinja2 templates with autoescape; profile text arrives only as variables,
  never as template source.
- Markdown fields (summaries, highlights, descriptions, reference text): Python-Markdown,
  then nh3 (``markup.markdown_to_html``).
- JSON in a ``<script>``: ``json_for_script`` escapes ``<``, ``>``, ``&`` so nothing in it
  can close the element.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..dates import ONGOING
from ..i18n import dates
from ..i18n.labels import score
from ..markup import clean_text, markdown_to_html
from ..templating import environment
from ..urls import site_href
from . import icons

_WS = re.compile(r"\s+")


def plain(value: Any) -> str:
    """Profile text as one clean line: no control or bidi-override characters."""
    return _WS.sub(" ", clean_text(str(value))).strip()


def md_text(value: Any) -> Markup:
    """Text safe at the Markdown level *and* in HTML: all ASCII punctuation as references.

    Used for headings and the page title, which Markdown parses. Digits, letters, spaces
    and non-ASCII characters stay as they are so titles still read well in the source.
    """
    out = []
    for ch in plain(value):
        if ch.isalnum() or ch == " " or ord(ch) > 127:
            out.append(ch)
        else:
            out.append(f"&#{ord(ch)};")
    return Markup("".join(out))


_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|s|small|span|strong|sub|sup|u)\b[^<>]*>", re.I
)
_BLOCK_TAG = re.compile(r"<[^<>]*>")


def text_of_markdown(value: str) -> str:
    """The words of a Markdown field, for descriptions and JSON-LD (no markup at all)."""
    html_text = str(markdown_to_html(value))
    # Inline markup sits inside a word run ("**build**." stays "build."); a block ends one.
    rendered = _BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", html_text))
    return plain(html.unescape(rendered))


def shorten(text: str, limit: int = 200) -> str:
    """Cut at a word boundary; link previews show about this much."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def md_inline(value: str) -> Markup:
    """A short Markdown field (a highlight) without the paragraph around it."""
    rendered = str(markdown_to_html(value)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


def safe_href(value: str | None) -> str | None:
    """Defense in depth behind the model's URL check: web, mail, phone and chat links."""
    if not site_href(value):
        return None
    return clean_text(value or "").strip() or None


def _time(value: str | None, lang: str | None = None) -> Markup:
    if not value:
        return Markup("")
    if value == ONGOING:
        return Markup.escape(dates.month_year(value, lang))
    return Markup('<time datetime="{0}">{1}</time>').format(value, dates.month_year(value, lang))


def date_range(start: str | None, end: str | None, lang: str | None = None) -> Markup:
    """``Apr 2023 – Present`` with machine-readable ``<time>`` elements; a start with no
    end is ongoing, as on the printed résumé."""
    if start and not end:
        end = ONGOING
    if start and end:
        return _time(start, lang) + Markup(dates.DASH) + _time(end, lang)
    return _time(start or end, lang)


@jinja2.pass_context
def _date_filter(context: Any, value: str | None) -> Markup:
    return _time(value, context.get("lang"))


@jinja2.pass_context
def _score_filter(context: Any, value: str | None) -> str:
    return plain(score(value, context.get("lang")))


@jinja2.pass_context
def _date_range_filter(context: Any, start: str | None, end: str | None) -> Markup:
    return date_range(start, end, context.get("lang"))


def slugify(text: str | None, fallback: str) -> str:
    """A file-name-safe slug; names with no ASCII letters fall back to a numbered one."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def json_for_script(data: Any) -> Markup:
    """JSON that cannot end its <script> element or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, esc)
    return Markup(text)


# --- templates -----------------------------------------------------------------------------


@cache
def env() -> jinja2.Environment:
    """The site templates' environment: autoescape on, an unknown name an error, the filters
    above; one per process (its compiled templates are cached on disk too)."""
    env = environment(jinja2.PackageLoader("jobpacket", "templates/site"), "site")
    env.filters.update(
        md=lambda v: markdown_to_html(v) if v else Markup(""),
        md_inline=md_inline,
        md_text=md_text,
        text=plain,
        href=safe_href,
        date=_date_filter,
        date_range=_date_range_filter,
        score=_score_filter,
        icon=icons.icon,
        network_icon=icons.network_icon,
        host=lambda url: (urlsplit(url).hostname or "").removeprefix("www.") if url else "",
    )
    return env


def render(template: str, **values: Any) -> str:
    out = env().get_template(template).render(**values)
    # Collapse the blank lines template control flow leaves behind; Markdown needs one.
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"
