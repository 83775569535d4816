"""Profile -> the pages of the portfolio site, as Markdown strings with sanitized HTML blocks.

Pure functions, no engine import: the adapters turn ``SitePage`` values into an engine's
pages (site/stage.py gathers them), so the site can move to another engine by writing a new
adapter.

Privacy: every entry point takes the *full* profile and derives ``public_view`` itself, so no
caller can hand private data to a page by mistake. How profile text is escaped where it
lands: site/text.py; the ``<head>`` tags: site/head.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from ..i18n.labels import labels
from ..profile.model import Profile
from ..urls import photo_data
from ..views import public_view
from . import bibtex
from .text import (
    date_range,
    json_for_script,
    md_text,
    plain,
    render,
    safe_href,
    shorten,
    slugify,
    text_of_markdown,
)
from .values import Linker, SiteContext, SitePage

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


def label(t: Mapping[str, Any], key: str, **values: str) -> str:
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


#: More projects than this are listed on the Projects page only, not one by one in the nav.
#: The theme repeats the whole nav in every page, so a nav entry per project made the site
#: grow with the square of the number of projects; with the index page
#: as the only entry, each page's nav has a fixed size and the build grows linearly.
NAV_PROJECTS_MAX = 12


_last_view: tuple[Profile, Profile] | None = None


def public_of(profile: Profile) -> Profile:
    """``public_view``, remembered for the profile last asked about (one per build)."""
    global _last_view
    if _last_view is None or _last_view[0] is not profile:
        _last_view = (profile, public_view(profile))
    return _last_view[1]


# --- the pages -----------------------------------------------------------------------------


def _place(view: Profile) -> str:
    loc = view.basics.location
    if not loc:
        return ""
    parts = [loc.address, loc.city, " ".join(p for p in (loc.region, loc.postalCode) if p)]
    parts.append(loc.countryCode)
    return ", ".join(plain(p) for p in parts if p)


def is_local_image(path: str | None) -> bool:
    if not path:
        return False
    return not urlsplit(path).scheme and path.lower().endswith(IMAGE_SUFFIXES)


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
    view = public_of(profile)
    plan = _plan(view)
    b = view.basics

    def href(page: str, target: str) -> str | None:
        """Link to a page or file only when the site will have it."""
        if target in plan.paths or target in ctx.files:
            return ctx.link(page, target)
        return None

    def image(page: str, path: str | None) -> str | None:
        if path and is_local_image(path) and path in ctx.files:
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
    description = describe(view)
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
            render(
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
                render(
                    "resume.md",
                    **common,
                    resume_pdf=href(RESUME, RESUME_PDF),
                    projects=projects,
                    publications_page=href(RESUME, PUBLICATIONS),
                ),
                description=label(t, "site.resume_of", name=name),
            )
        )
    if plan.has(PROJECTS):
        samples = [d for d in view.documents if safe_href(d.url)]
        pages.append(
            SitePage(
                PROJECTS,
                t["sections"]["projects"],
                render("projects.md", **common, cards=cards(PROJECTS), samples=samples),
                section=t["sections"]["projects"],
                description=label(t, "site.projects_by", name=name),
            )
        )
        for project, path in zip(view.projects, plan.project_paths, strict=True):
            title = plain(project.name) if project.name else t["site"]["project"]
            images = [src for src in (image(path, p) for p in project.images) if src is not None]
            pages.append(
                SitePage(
                    path,
                    title,
                    render(
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
                    label(t, title),
                    render(path, **common),
                    description=label(t, description, name=name),
                )
            )
    pages[0] = replace(pages[0], nav_title=t["site"]["home"])
    return pages


def describe(view: Profile) -> str:
    b = view.basics
    if b.summary:
        return shorten(text_of_markdown(b.summary))
    return plain(b.label or b.name or "")


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
    "date_range",
    "json_for_script",
    "md_text",
    "nav_titles",
    "plain",
    "referenced_images",
    "site_pages",
]
