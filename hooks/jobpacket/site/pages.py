"""Profile -> the pages of the portfolio site, as Markdown strings with sanitized HTML blocks.

Pure functions, no MkDocs import: the adapter (``mkdocs.py``) turns ``SitePage`` values into
generated files, so the site could move to another engine by writing a new adapter.

Privacy: every entry point takes the *full* profile and derives ``public_view`` itself, so no
caller can hand private data to a page by mistake.

Escaping, wherever profile text lands:

- Markdown level (page titles, section headings): ``md_text`` turns every ASCII punctuation
  character into a numeric character reference. No Markdown, HTML or template syntax in
  profile text is ever interpreted; ``{{ 7*7 }}`` shows as typed.
- HTML blocks: Jinja2 templates with autoescape; profile text arrives only as variables,
  never as template source.
- Markdown fields (summaries, highlights, descriptions, reference text): Python-Markdown,
  then nh3 (``markup.markdown_to_html``).
- Head tags: attribute-escaped; JSON-LD is ``json.dumps`` with ``<``, ``>``, ``&`` escaped so
  nothing in it can close the ``<script>`` element.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import Markup

from ..dates import ONGOING
from ..i18n import dates
from ..i18n.labels import labels, score
from ..markup import clean_text, markdown_to_html
from ..profile.model import Profile, Work
from ..templating import environment
from ..urls import photo_data, site_href
from ..views import public_view
from . import bibtex, icons

Linker = Callable[[str, str], str]
"""``link(from_page, target)`` -> the href of ``target`` as seen from ``from_page``.

Both are paths relative to the site's source root (``projects/x.md``, ``images/a.png``,
``resume.pdf``); the adapter knows the engine's URL scheme, the pages do not.
"""

HOME = "index.md"
RESUME = "resume.md"
PROJECTS = "projects/index.md"
PUBLICATIONS = "publications.md"
CERTIFICATES = "certificates.md"
RECOMMENDATIONS = "recommendations.md"
CONTACT = "contact.md"
#: Pages made from one template of the same name and nothing but the common context.
#: (path, title label, description label): labels in i18n/labels/<lang>.yml.
_SIMPLE_PAGES = (
    (PUBLICATIONS, "sections.publications", "site.publications_by"),
    (CERTIFICATES, "site.certificates_awards", "site.certificates_awards_of"),
    (RECOMMENDATIONS, "site.recommendations", "site.recommendations_for"),
    (CONTACT, "site.contact", "site.how_to_reach"),
)


def _label(t: Mapping[str, Any], key: str, **values: str) -> str:
    group, _, name = key.partition(".")
    text = str(t[group][name])
    return text.format(**values) if values else text


RESUME_PDF = "resume.pdf"
"""File name of the public résumé among the site documents (outputs.site_documents)."""

LATEST_WORK = 2
"""Jobs the home page shows: the ones that started last, whatever the profile's order."""
FEATURED_PROJECTS = 3
"""Project cards on the home page: the first ones, so the profile's order is the choice."""

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


@dataclass(frozen=True)
class SiteContext:
    """What the pages need to know about the site around them."""

    site_name: str
    link: Linker
    site_url: str | None = None
    """Absolute base URL (``https://you.example.com/``) for canonical and preview links."""
    files: frozenset[str] = frozenset()
    """Source-relative paths of files the site will contain (images, documents)."""


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it goes, its plain-text title and its Markdown source."""

    path: str
    title: str
    markdown: str
    section: str | None = None
    """Nav section the page belongs to (``Projects``), None for top-level pages."""
    description: str = ""
    nav_title: str = ""
    """Title in the navigation when it differs from the page's (Home for the home page)."""
    in_nav: bool = True
    """False for a page reached from its section's index only (see `NAV_PROJECTS_MAX`)."""


#: More projects than this are listed on the Projects page only, not one by one in the nav.
#: The theme repeats the whole nav in every page, so a nav entry per project made the site
#: grow with the square of the number of projects (960 projects: 44 s); with the index page
#: as the only entry, each page's nav has a fixed size and the build grows linearly.
NAV_PROJECTS_MAX = 12


_last_view: tuple[Profile, Profile] | None = None


def _public(profile: Profile) -> Profile:
    """``public_view``, remembered for the profile last asked about (one per build)."""
    global _last_view
    if _last_view is None or _last_view[0] is not profile:
        _last_view = (profile, public_view(profile))
    return _last_view[1]


# --- text helpers --------------------------------------------------------------------------


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


def text_of_markdown(value: str) -> str:
    """The words of a Markdown field, for descriptions and JSON-LD (no markup at all)."""
    rendered = re.sub(r"<[^<>]*>", " ", str(markdown_to_html(value)))
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
def _env() -> jinja2.Environment:
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


def _render(template: str, **values: Any) -> str:
    out = _env().get_template(template).render(**values)
    # Collapse the blank lines template control flow leaves behind; Markdown needs one.
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


# --- the pages -----------------------------------------------------------------------------


def _place(view: Profile) -> str:
    loc = view.basics.location
    if not loc:
        return ""
    parts = [loc.address, loc.city, " ".join(p for p in (loc.region, loc.postalCode) if p)]
    parts.append(loc.countryCode)
    return ", ".join(plain(p) for p in parts if p)


def _is_local_image(path: str | None) -> bool:
    if not path:
        return False
    return not urlsplit(path).scheme and path.lower().endswith(IMAGE_SUFFIXES)


def _current_work(view: Profile) -> list[Work]:
    return [w for w in view.work if w.startDate and (w.endDate in (None, ONGOING))]


@dataclass
class _Plan:
    """Which pages exist (non-empty sections only) and the slug of each project."""

    view: Profile
    paths: list[str] = field(default_factory=list)
    project_paths: list[str] = field(default_factory=list)

    def has(self, path: str) -> bool:
        return path in self.paths


def _plan(view: Profile) -> _Plan:
    plan = _Plan(view)
    plan.paths.append(HOME)
    resume_sections = (
        "work",
        "volunteer",
        "education",
        "skills",
        "languages",
        "interests",
        "awards",
        "certificates",
        "publications",
        "projects",
    )
    if any(getattr(view, s) for s in resume_sections):
        plan.paths.append(RESUME)
    work_samples = [d for d in view.documents if safe_href(d.url)]
    if view.projects or work_samples:
        plan.paths.append(PROJECTS)
        used = {"index"}
        for i, project in enumerate(view.projects):
            slug = base = slugify(project.name, f"project-{i + 1}")
            n = 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            used.add(slug)
            plan.project_paths.append(f"projects/{slug}.md")
            plan.paths.append(f"projects/{slug}.md")
    if view.publications:
        plan.paths.append(PUBLICATIONS)
    if view.certificates or view.awards:
        plan.paths.append(CERTIFICATES)
    if view.references:
        plan.paths.append(RECOMMENDATIONS)
    b = view.basics
    if b.email or b.phone or safe_href(b.url) or b.profiles or _place(view):
        plan.paths.append(CONTACT)
    return plan


def site_pages(profile: Profile, ctx: SiteContext) -> list[SitePage]:
    """Every generated page of the public site, in navigation order.

    Sections with nothing public in them make no page, so they make no nav entry either.
    """
    view = _public(profile)
    plan = _plan(view)
    b = view.basics

    def href(page: str, target: str) -> str | None:
        """Link to a page or file only when the site will have it."""
        if target in plan.paths or target in ctx.files:
            return ctx.link(page, target)
        return None

    def image(page: str, path: str | None) -> str | None:
        if path and _is_local_image(path) and path in ctx.files:
            return ctx.link(page, path)
        if path and photo_data(path) is not None:
            return path  # the photo itself, as the profile embeds it (checked by the model)
        return None

    def cards(page: str) -> list[dict[str, Any]]:
        """Project cards as seen from ``page``: link, first usable image."""
        out = []
        for p, path in zip(view.projects, plan.project_paths, strict=True):
            shown = [src for src in (image(page, i) for i in p.images) if src is not None]
            out.append({"p": p, "href": ctx.link(page, path), "image": shown[0] if shown else None})
        return out

    name = plain(b.name) if b.name else ctx.site_name
    description = _description(view)
    pages: list[SitePage] = []
    lang = profile.meta.lang
    t = labels(lang)
    common = {
        "view": view,
        "name": name,
        "place": _place(view),
        "t": t,
        "lang": lang,
        "citations": bibtex.citations(b.name, view.publications),
    }

    pages.append(
        SitePage(
            HOME,
            name,
            _render(
                "home.md",
                **common,
                photo=image(HOME, b.image),
                resume_pdf=href(HOME, RESUME_PDF),
                resume_page=href(HOME, RESUME),
                contact_page=href(HOME, CONTACT),
                projects_page=href(HOME, PROJECTS),
                latest_work=sorted(view.work, key=lambda w: w.startDate or "", reverse=True)[
                    :LATEST_WORK
                ],
                featured=cards(HOME)[:FEATURED_PROJECTS],
            ),
            description=description,
        )
    )
    projects = [
        {"p": p, "href": href(RESUME, path), "path": path}
        for p, path in zip(view.projects, plan.project_paths, strict=True)
    ]
    if plan.has(RESUME):
        pages.append(
            SitePage(
                RESUME,
                t["resume"],
                _render(
                    "resume.md",
                    **common,
                    resume_pdf=href(RESUME, RESUME_PDF),
                    projects=projects,
                    publications_page=href(RESUME, PUBLICATIONS),
                ),
                description=_label(t, "site.resume_of", name=name),
            )
        )
    if plan.has(PROJECTS):
        samples = [d for d in view.documents if safe_href(d.url)]
        pages.append(
            SitePage(
                PROJECTS,
                t["sections"]["projects"],
                _render("projects.md", **common, cards=cards(PROJECTS), samples=samples),
                section=t["sections"]["projects"],
                description=_label(t, "site.projects_by", name=name),
            )
        )
        for project, path in zip(view.projects, plan.project_paths, strict=True):
            title = plain(project.name) if project.name else t["site"]["project"]
            images = [src for src in (image(path, p) for p in project.images) if src is not None]
            pages.append(
                SitePage(
                    path,
                    title,
                    _render(
                        "project.md",
                        **common,
                        project=project,
                        title=title,
                        images=images,
                        index=ctx.link(path, PROJECTS),
                    ),
                    section=t["sections"]["projects"],
                    description=shorten(text_of_markdown(project.description or title)),
                    in_nav=len(view.projects) <= NAV_PROJECTS_MAX,
                )
            )
    for path, title, description in _SIMPLE_PAGES:
        if plan.has(path):
            pages.append(
                SitePage(
                    path,
                    _label(t, title),
                    _render(path, **common),
                    description=_label(t, description, name=name),
                )
            )
    pages[0] = replace(pages[0], nav_title=t["site"]["home"])
    return pages


def _description(view: Profile) -> str:
    b = view.basics
    if b.summary:
        return shorten(text_of_markdown(b.summary))
    return plain(b.label or b.name or "")


# --- <head>: link previews and structured data ---------------------------------------------


def _absolute(ctx: SiteContext, target: str) -> str | None:
    if not ctx.site_url:
        return None
    return urljoin(ctx.site_url, ctx.link(HOME, target))


def person_json_ld(profile: Profile, ctx: SiteContext) -> dict[str, Any]:
    """schema.org Person for the home page, from the public view only."""
    view = _public(profile)
    b = view.basics
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person"}

    def put(key: str, value: Any) -> None:
        if value:
            data[key] = value

    put("name", plain(b.name) if b.name else None)
    put("jobTitle", plain(b.label) if b.label else None)
    put("description", text_of_markdown(b.summary) if b.summary else None)
    put("url", safe_href(b.url) or ctx.site_url)
    if b.image and _is_local_image(b.image) and b.image in ctx.files:
        put("image", _absolute(ctx, b.image))
    put("email", f"mailto:{plain(b.email)}" if b.email else None)
    put("telephone", plain(b.phone) if b.phone else None)
    loc = b.location
    if loc:
        address = {
            "@type": "PostalAddress",
            "streetAddress": loc.address,
            "postalCode": loc.postalCode,
            "addressLocality": loc.city,
            "addressRegion": loc.region,
            "addressCountry": loc.countryCode,
        }
        address = {k: plain(v) for k, v in address.items() if v}
        if len(address) > 1:
            data["address"] = address
    put("sameAs", [u for u in (safe_href(p.url) for p in b.profiles) if u])
    put(
        "worksFor",
        [_org("Organization", w.name, w.url) for w in _current_work(view) if w.name],
    )
    put(
        "alumniOf",
        [
            _org("EducationalOrganization", e.institution, e.url)
            for e in view.education
            if e.institution
        ],
    )
    put("knowsLanguage", [plain(lang.language) for lang in view.languages if lang.language])
    put("knowsAbout", [plain(s.name) for s in view.skills if s.name])
    return data


def _org(kind: str, name: str, url: str | None) -> dict[str, str]:
    org = {"@type": kind, "name": plain(name)}
    href = safe_href(url)
    if href:
        org["url"] = href
    return org


def head_tags(
    profile: Profile,
    ctx: SiteContext,
    *,
    title: str,
    description: str | None = None,
    url: str | None = None,
    home: bool = False,
    meta_description: bool = False,
) -> str:
    """Open Graph and Twitter card tags for a page; on the home page also the JSON-LD Person.

    ``title`` and ``description`` are plain text; they are escaped here, where they land.
    """
    view = _public(profile)
    b = view.basics
    title = plain(title)
    if home and b.label:
        title = f"{title} – {plain(b.label)}"
    desc = plain(description) if description else _description(view)
    image = None
    if b.image and _is_local_image(b.image) and b.image in ctx.files:
        image = _absolute(ctx, b.image)
    return (
        _env()
        .get_template("head.html")
        .render(
            title=title,
            site_name=plain(ctx.site_name),
            description=desc,
            url=url,
            image=image,
            image_alt=_label(labels(profile.meta.lang), "site.photo_of", name=plain(b.name))
            if b.name
            else "Photo",
            home=home,
            meta_description=meta_description,
            json_ld=json_for_script(person_json_ld(profile, ctx)) if home else None,
        )
    )


def referenced_images(profile: Profile) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """(field path, image path) of every image file the public site would show.

    Paths are those of the full profile, so the adapter can point at the line in the file.
    """
    b = profile.basics
    if b.image and photo_data(b.image) is None:  # an embedded photo needs no file
        yield ("basics", "image"), b.image
    for i, project in enumerate(profile.projects):
        if project.visibility == "private":
            continue
        for j, path in enumerate(project.images):
            yield ("projects", i, "images", j), path


def nav_titles(pages: Iterable[SitePage]) -> Mapping[str, str]:
    """Plain-text nav title of each generated page (Home is not the person's name)."""
    titles = {}
    for page in pages:
        titles[page.path] = page.nav_title or ("Home" if page.path == HOME else page.title)
    return titles


__all__ = [
    "HOME",
    "NAV_PROJECTS_MAX",
    "RESUME_PDF",
    "Linker",
    "SiteContext",
    "SitePage",
    "head_tags",
    "md_text",
    "nav_titles",
    "person_json_ld",
    "referenced_images",
    "site_pages",
]
