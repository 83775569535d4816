"""Pure functions that derive the profile each output is allowed to see.

The public view is built by copying named fields into a fresh profile (an allowlist), never by
deleting private ones from a copy: a field added to the model later stays private until
someone decides, here, that it may be published.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from ..profile.model import (
    EXTENSION_SECTIONS,
    SECTIONS,
    Application,
    Award,
    Basics,
    Certificate,
    Document,
    Education,
    Interest,
    Item,
    Language,
    Meta,
    Profile,
    Project,
    Publication,
    Reference,
    Skill,
    SocialProfile,
    Volunteer,
    Work,
)
from ..profile.values import is_private
from ..urls import linkedin_url

M = TypeVar("M", bound=BaseModel)
ItemT = TypeVar("ItemT", bound=Item)

#: Sections that stay private whatever an item's `visibility` says (README: applications are
#: never published; `visibility: public` on one is a mistake, not a decision to publish).
NEVER_PUBLISHED = frozenset({"applications"})

_DATES = ("startDate", "endDate")
PUBLIC_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    SocialProfile: ("network", "username", "url"),
    Work: ("name", "location", "description", "position", "url", *_DATES, "summary", "highlights"),
    Volunteer: ("organization", "position", "url", *_DATES, "summary", "highlights"),
    Education: ("institution", "url", "area", "studyType", *_DATES, "score", "courses", "thesis"),
    Award: ("title", "date", "awarder", "summary"),
    Certificate: ("name", "date", "url", "issuer"),
    Publication: ("name", "publisher", "releaseDate", "url", "summary", "authors"),
    Skill: ("name", "level", "keywords"),
    Language: ("language", "fluency"),
    Interest: ("name", "keywords"),
    Reference: ("name", "reference", "title", "organization", "relationship"),
    Project: (
        "name",
        "description",
        "summary",
        "highlights",
        "keywords",
        *_DATES,
        "url",
        "roles",
        "entity",
        "type",
        "images",
    ),
    Application: ("id", "organization", "position", "url", "applied", "status"),
    Document: ("title", "kind", "url", "date"),
}


def _pick(item: M, fields: tuple[str, ...]) -> M:
    return _construct(type(item), **{name: getattr(item, name) for name in fields})


def _construct(cls: type[M], **values: Any) -> M:
    """`cls.model_construct(**values)`, with the other fields' defaults given explicitly.

    pydantic's model_construct asks, for every field left out that has a default factory,
    whether the factory takes the validated data, by reading its signature, every time (for a
    builtin such as `list`, by parsing its text signature): the largest part of making the pages of
    a large profile. The answer is known once per class; the values and the fields set are
    the same as model_construct's own."""
    table = _defaults(cls)
    if table is None:
        return cls.model_construct(**values)
    full = dict(values)
    for name, default, factory in table:
        if name not in full:
            full[name] = factory() if factory is not None else copy.deepcopy(default)
    return cls.model_construct(_fields_set=set(values), **full)


@functools.cache
def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any, Callable[[], Any] | None], ...] | None:
    """Each field's default or default factory; None when a field has neither, or a factory
    that takes the validated data (model_construct's own path handles those)."""
    table: list[tuple[str, Any, Callable[[], Any] | None]] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            if info.default_factory_takes_validated_data:
                return None
            table.append((name, None, cast("Callable[[], Any]", info.default_factory)))
        elif info.is_required():
            return None
        else:
            table.append((name, info.default, None))
    return tuple(table)


def _public_items(items: list[ItemT], *, opt_in: bool) -> list[ItemT]:
    """Entries that may be published: opt-in sections need `visibility: public`."""
    kept = [i for i in items if (i.visibility == "public" if opt_in else not is_private(i))]
    return [_pick(i, _public_fields(i)) for i in kept]


def _public_fields(item: BaseModel) -> tuple[str, ...]:
    """The allowlist for one item; a few depend on the item's own privacy flags."""
    fields = PUBLIC_FIELDS[type(item)]
    if isinstance(item, Reference) and item.letter is not None and item.letter.confidential:
        # A confidential letter is between the recommender and the employer; its quoted
        # text is not the candidate's to publish either.
        fields = tuple(f for f in fields if f != "reference")
    return fields


def _with_linkedin(basics: Basics, profiles: list[SocialProfile]) -> list[SocialProfile]:
    """The public profiles, with `basics.linkedin` (an extension common in real files) as one
    more when the profile lists no LinkedIn (a LinkedIn entry marked private stays private)."""
    url = linkedin_url(basics.linkedin)
    listed = any("linkedin" in f"{p.network or ''} {p.url or ''}".lower() for p in basics.profiles)
    if url is None or listed:
        return profiles
    return [*profiles, _construct(SocialProfile, network="LinkedIn", url=url)]


def public_view(profile: Profile) -> Profile:
    """What may be published on the open web: the site and the public résumé PDF."""
    publish = profile.meta.publish
    b = profile.basics
    location = None
    if b.location:
        fields: tuple[str, ...] = ("city", "region", "countryCode")
        if publish.address:
            fields += ("address", "postalCode")
        location = _pick(b.location, fields)
    basics = _construct(
        Basics,
        name=b.name,
        label=b.label,
        image=b.image,
        email=b.email if publish.email else None,
        phone=b.phone if publish.phone else None,
        url=b.url,
        summary=b.summary,
        location=location,
        profiles=_with_linkedin(b, _public_items(b.profiles, opt_in=False)),
        linkedin=b.linkedin,  # a public professional link, like `profiles`
    )
    sections = {
        name: _public_items(getattr(profile, name), opt_in=name in EXTENSION_SECTIONS)
        for name in SECTIONS
        if name not in NEVER_PUBLISHED
    }
    meta = _construct(
        Meta,
        lang=profile.meta.lang,
        pageSize=profile.meta.pageSize,
        lastModified=profile.meta.lastModified,
        publish=profile.meta.publish,
        design=profile.meta.design,
    )
    # _fields_set named: a ** argument would otherwise be taken as a candidate for it.
    return _construct(Profile, basics=basics, meta=meta, **sections)


__all__ = ["PUBLIC_FIELDS", "public_view"]
