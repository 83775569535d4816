"""The ``<head>`` of every page: link-preview tags, and the schema.org Person on the home page.

From the public view only, like the pages. ``title`` and ``description`` arrive as plain text
and are escaped here, where they land (attributes); the JSON-LD is ``json_for_script``, so
nothing in it can close its ``<script>`` element. Every engine adds the same tags: the MkDocs
hook per page (``on_post_page``), the Zensical adapter into Zensical's output.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from ..dates import ONGOING
from ..i18n.labels import labels
from ..profile.model import Profile, Work
from .pages import HOME, SiteContext, describe, is_local_image, label, public_of
from .text import env, json_for_script, plain, safe_href, text_of_markdown


def _current_work(view: Profile) -> list[Work]:
    return [w for w in view.work if w.startDate and (w.endDate in (None, ONGOING))]


def _absolute(ctx: SiteContext, target: str) -> str | None:
    if not ctx.site_url:
        return None
    return urljoin(ctx.site_url, ctx.link(HOME, target))


def person_json_ld(profile: Profile, ctx: SiteContext) -> dict[str, Any]:
    """schema.org Person for the home page, from the public view only."""
    view = public_of(profile)
    b = view.basics
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person"}

    def put(key: str, value: Any) -> None:
        if value:
            data[key] = value

    put("name", plain(b.name) if b.name else None)
    put("jobTitle", plain(b.label) if b.label else None)
    put("description", text_of_markdown(b.summary) if b.summary else None)
    put("url", safe_href(b.url) or ctx.site_url)
    if b.image and is_local_image(b.image) and b.image in ctx.files:
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
    view = public_of(profile)
    b = view.basics
    title = plain(title)
    if home and b.label:
        title = f"{title} – {plain(b.label)}"
    desc = plain(description) if description else describe(view)
    image = None
    if b.image and is_local_image(b.image) and b.image in ctx.files:
        image = _absolute(ctx, b.image)
    return (
        env()
        .get_template("head.html")
        .render(
            title=title,
            site_name=plain(ctx.site_name),
            description=desc,
            url=url,
            image=image,
            image_alt=label(labels(profile.meta.lang), "site.photo_of", name=plain(b.name))
            if b.name
            else "Photo",
            home=home,
            meta_description=meta_description,
            json_ld=json_for_script(person_json_ld(profile, ctx)) if home else None,
        )
    )
