"""The print templates: their Jinja2 environment, stylesheets and design, the context every
document's template starts from, and the rendering that bundles a document's HTML with what
the renderer may read (printkit.py) and report.

Every value a template writes passes `_finalize`: bidi controls dropped and quotes curled,
so no template can forget it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .. import __version__
from ..errors import ProfileError
from ..i18n.labels import direction, labels
from ..i18n.tags import language
from ..markup import clean_text
from ..profile.model import Profile
from ..profile.paper import page_size
from ..profile.validate import LoadedProfile
from ..urls import is_web, linkedin_url, print_href
from .contactrows import contact_block, contact_lines
from .designs import DEFAULT_DESIGN, DESIGNS
from .printkit import (
    TEMPLATES_DIR,
    PrintContext,
    PrintDocument,
    bare_url,
    document_date,
    visible,
    w3c,
)
from .typography import Verbatim, smarten, smarten_html, tighten_plus


def _finalize(value: Any) -> Any:
    """Every value a print template writes: bidi controls dropped, quotes curled (typography)."""
    if value is None:
        return ""
    if isinstance(value, Verbatim):
        return value
    if isinstance(value, Markup):
        return smarten_html(value)
    if isinstance(value, str):
        return smarten(clean_text(value))
    return value


def print_text(value: str | None) -> Markup:
    """Plain profile text for the body of a document (never an attribute): typeset like any
    value, escaped, and with "C++" set in one piece (`typography.tighten_plus`)."""
    text = smarten(clean_text(value or ""))
    return Markup(tighten_plus(str(escape(text))))


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    from ..templating import environment as make

    env = make(jinja2.FileSystemLoader(TEMPLATES_DIR), "print", finalize=_finalize)
    env.filters["bare_url"] = bare_url
    env.globals["contact_lines"] = contact_lines
    env.globals["side_contact"] = contact_block
    return env


def stylesheets(design: str) -> tuple[Path, ...]:
    """base.css, the right-to-left mirror (its rules apply only under `dir="rtl"`), then the
    design's own sheet, last."""
    return (TEMPLATES_DIR / "base.css", TEMPLATES_DIR / "rtl.css", TEMPLATES_DIR / f"{design}.css")


def choose_design(loaded: LoadedProfile, design: str | None) -> str:
    chosen = design or loaded.profile.meta.design or DEFAULT_DESIGN
    if chosen not in DESIGNS:
        raise ProfileError(
            [
                loaded.source.problem(
                    ("meta", "design"), f"unknown design {chosen!r}; use one of {DESIGNS}"
                )
            ]
        )
    return chosen


def _css_string(text: str) -> str:
    """Text as a CSS string literal that cannot end the string or the <style> element."""
    return '"' + re.sub(r'["\\<>\n]', lambda m: f"\\{ord(m.group()):X} ", text) + '"'


def page_footer_css(lang: str | None) -> Markup:
    """The "Page n of N" footer rule in the document's language (labels' ``page``)."""
    parts = re.split(r"(\{page\}|\{pages\})", labels(lang)["page"])
    content = " ".join(
        {"{page}": "counter(page)", "{pages}": "counter(pages)"}.get(p) or _css_string(p)
        for p in parts
        if p
    )
    # The page's own <style> outranks base.css (WeasyPrint reads that as a user sheet), so
    # the first page's "no footer" is restated here.
    return Markup(
        "@page { @bottom-right { content: %s; } } @page :first { @bottom-right { content: none; } }"
    ) % Markup(content)


def base_context(loaded: LoadedProfile, design: str, kind: str, title: str) -> dict[str, Any]:
    profile = loaded.profile
    return {
        "t": labels(profile.meta.lang),
        "page_css": Verbatim(page_footer_css(profile.meta.lang)),  # CSS: never typeset
        "lang": language(profile.meta.lang),
        "dir": direction(profile.meta.lang),
        "page_size": page_size(profile),
        "design": design,
        "kind": kind,
        "title": title,
        "author": profile.basics.name or "",
        "created": w3c(document_date(profile)),
        "generator": f"jobpacket {__version__}",
    }


NAME_REQUIRED = "printed documents need your name; add basics.name"


def require_name(loaded: LoadedProfile, ctx: PrintContext) -> str:
    name = (loaded.profile.basics.name or "").strip()
    if not name:
        ctx.error(("basics", "name"), NAME_REQUIRED)
    return name


def _linkedin(profile: Profile) -> str | None:
    """`basics.linkedin` as an address, unless `basics.profiles` already lists LinkedIn."""
    listed = any(
        "linkedin" in f"{p.network or ''} {p.url or ''}".lower() for p in profile.basics.profiles
    )
    return None if listed else linkedin_url(profile.basics.linkedin)


def contact_items(profile: Profile, *, social: bool = True) -> list[dict[str, str]]:
    """The contact items of a header, in the order people read them.

    A letter's sender block keeps to address, email, phone and website (`social=False`).
    Each item names its group (address; reach: email and phone; web: website and profiles),
    where a printed contact line would rather break (contactrows.py).
    """
    b = profile.basics
    loc = b.location
    items: list[dict[str, str]] = []
    rtl = direction(profile.meta.lang) == "rtl"

    def add(text: str | None, href: str = "", group: str = "web") -> None:
        if text:
            link = print_href(href) or ""
            if rtl and link:
                # An address or a phone number reads left to right inside right-to-left
                # text: isolated, "+962 7 9123 4567" keeps its order (LRI ... PDI).
                # Markup: `_finalize` drops bidi controls from profile text, not from ours.
                text = Markup("\u2066%s\u2069") % clean_text(text)
            items.append({"text": text, "href": link, "group": group})

    if loc:
        # The public view only carries a street address when the user opted in.
        region = " ".join(x for x in (loc.region, loc.postalCode) if x)
        add(loc.address, group="address")
        add(", ".join(x for x in (loc.city, region) if x), group="address")
    add(b.email, f"mailto:{b.email}" if b.email else "", "reach")
    add(b.phone, "tel:" + re.sub(r"[^\d+]", "", b.phone) if b.phone else "", "reach")
    add(bare_url(b.url), b.url or "")
    linkedin = _linkedin(profile) if social else None
    if linkedin:
        add(bare_url(linkedin), linkedin)
    for p in visible(b.profiles) if social else ():
        if is_web(p.url):
            add(bare_url(p.url), p.url)
        elif p.url:
            # A chat or phone link (skype:, tel:, matrix:) reads as its handle, not its URI.
            handle = p.username or re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(//)?", "", p.url)
            handle = handle.split("?", 1)[0]
            add(f"{p.network}: {handle}" if p.network else handle, p.url, "reach")
        elif p.username:
            add(f"{p.network}: {p.username}" if p.network else p.username)
    return items


def render_document(
    ctx: PrintContext,
    template: str,
    context: dict[str, Any],
    *,
    name: str,
    title: str,
    design: str,
) -> PrintDocument:
    """Render a print template and bundle it with what the renderer may read and report.
    Its callers (résumé, letter, reference index) each check their text's glyphs first."""
    return PrintDocument(
        name=name,
        title=title,
        html=environment().get_template(template).render(context),
        stylesheets=stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=language(ctx.loaded.profile.meta.lang),
        glyphs_checked=True,
    )
