"""views/public.py: the public view is an allowlist, copied field by field, so a field added
to the model later stays private until someone decides here to publish it. That nothing
private reaches a built site is tested in test_privacy.py."""

from __future__ import annotations

import pytest

from jobpacket.profile.model import Profile
from jobpacket.profile.validate import load_profile
from jobpacket.views import PUBLIC_FIELDS, public_view

from .test_site_support import PRIVATE


def test_public_view_drops_private_items_and_unlisted_fields() -> None:
    profile = load_profile(PRIVATE / "profile.yml").profile
    view = public_view(profile)
    b = view.basics
    assert b.phone is None and b.location.address is None and b.location.postalCode is None
    assert [p.username for p in b.profiles] == ["zqpublic-github"]
    assert [w.name for w in view.work] == ["Public Co zqpublic-work"]
    assert view.work[0].tags == [] and "zqprivateNote" not in (view.work[0].model_extra or {})
    assert view.volunteer == []
    assert all(r.email is None and r.phone is None and r.letter is None for r in view.references)
    assert [r.name for r in view.references] == ["Ref zqpublic-ref", "Ref zqpublic-ref2"]
    # A confidential letter's quote is not published either.
    assert view.references[1].reference is None
    assert [d.title for d in view.documents] == ["Sample zqpublic-doc"]
    assert view.documents[0].path is None
    assert view.applications == []  # never published, whatever `visibility` says


def test_every_public_field_is_a_declared_model_field() -> None:
    """The allowlist names fields that exist; a typo there would publish nothing, silently."""
    for model, fields in PUBLIC_FIELDS.items():
        assert set(fields) <= set(model.model_fields), model.__name__


def test_fields_added_later_stay_private() -> None:
    """Extension data and fields outside the allowlist never pass, whatever they are called."""
    profile = Profile.model_validate(
        {
            "basics": {"name": "A", "secretKey": "zqprivate"},
            "work": [{"name": "W", "salary": "zqprivate", "tags": ["zqprivate"]}],
            "meta": {"canonical": "https://zqprivate.example"},
        }
    )
    view = public_view(profile)
    assert "zqprivate" not in view.model_dump_json()


def test_publish_opt_ins_reach_the_view_and_the_linkedin_address_is_listed() -> None:
    profile = Profile.model_validate(
        {
            "basics": {
                "name": "Ann Lee",
                "email": "ann@example.org",
                "phone": "+44 113 496 0718",
                "location": {"address": "1 Park Row", "postalCode": "LS1 5AB", "city": "Leeds"},
                "linkedin": "ann-lee",
            },
            "meta": {"publish": {"phone": True, "address": True, "email": False}},
        }
    )
    b = public_view(profile).basics
    assert (b.phone, b.email) == ("+44 113 496 0718", None)
    assert b.location is not None and (b.location.address, b.location.postalCode) == (
        "1 Park Row",
        "LS1 5AB",
    )
    assert [(p.network, p.url) for p in b.profiles] == [
        ("LinkedIn", "https://www.linkedin.com/in/ann-lee")
    ]


def test_the_view_is_what_model_construct_alone_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The view gives left-out fields their defaults itself (pydantic would read each default
    factory's signature once per item): the same values, the same fields set, and no list
    shared between two items."""
    from pydantic import BaseModel

    from jobpacket.views import public

    from .conftest import EXAMPLE

    profile = load_profile(EXAMPLE).profile
    fast = public_view(profile)

    def construct(cls: type[BaseModel], **values: object) -> BaseModel:
        return cls.model_construct(**values)

    monkeypatch.setattr(public, "_construct", construct)
    plain = public_view(profile)
    assert fast.model_dump() == plain.model_dump()

    def fields_set(model: BaseModel) -> list[object]:
        found: list[object] = [type(model).__name__, sorted(model.model_fields_set)]
        for name in type(model).model_fields:
            value = getattr(model, name)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, BaseModel):
                    found.append(fields_set(v))
        return found

    assert fields_set(fast) == fields_set(plain)
    first, second = fast.projects[0], fast.projects[1]
    left_out = [n for n in type(first).model_fields if n not in first.model_fields_set]
    lists = [n for n in left_out if isinstance(getattr(first, n), list)]
    assert lists  # some list field is left out of the view
    assert all(getattr(first, n) is not getattr(second, n) for n in lists)
