"""Rule `consistency`: a letter written for this application, not copied from the last one.

The salutation greets the contact the application names; the body names this organization
and position, never another application's organization (the copy-paste mistake that ends an
application). A reconsideration request goes out within days of the decision, or later when
something is new since the decision (DOMAIN.md: then the letter says what changed); a
follow-up after a rejection acknowledges the decision rather than reading as if none came.
"""

from __future__ import annotations

import re

from ..profile.errors import Problem
from ..profile.model import Application
from ..profile.validate import LoadedProfile
from .dates import first_day, last_day
from .where import finding

RULE = "consistency"
RECONSIDER_DAYS = 14
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame"}
_GENERIC = {"the", "a", "an", "of", "and", "inc", "llc", "ltd", "gmbh", "co", "company"}
_NAMES_POSITION = ("cover", "reconsideration")


def _contains(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, re.IGNORECASE) is not None


def _names_org(body: str, org: str) -> bool:
    """The full name, or its first distinctive word ("Lakefront" for Lakefront Biomedical...)."""
    if _contains(body, org):
        return True
    words = [w for w in re.findall(r"[\w&'-]+", org) if w.lower() not in _GENERIC]
    return bool(words) and len(words[0]) >= 4 and _contains(body, words[0])


def _names_position(body: str, position: str) -> bool:
    core = re.split(r"[,(–—]| - ", position)[0].strip()
    if core and _contains(body, core):
        return True
    words = [w for w in re.findall(r"[A-Za-z]{3,}", core) if w.lower() not in _GENERIC]
    hits = sum(_contains(body, w) for w in words)
    return bool(words) and hits * 3 >= len(words) * 2


def _salutation(loaded: LoadedProfile, i: int, app: Application) -> list[Problem]:
    letter, contact = app.letter, app.contact
    if not letter or not letter.greeting or not contact or not contact.name:
        return []
    parts = [
        p for p in re.findall(r"[\w'’-]+", contact.name) if p.lower().strip(".") not in _TITLES
    ]
    if not parts or any(_contains(letter.greeting, p) for p in parts):
        return []
    return [
        finding(
            loaded,
            RULE,
            ("applications", i, "letter", "greeting"),
            f"the salutation does not name the contact, {contact.name}",
            hint=f"greet them by name, e.g. 'Dear {contact.name},'",
        )
    ]


def _body(loaded: LoadedProfile, i: int, app: Application) -> list[Problem]:
    letter = app.letter
    if not letter or not letter.body or not letter.body.strip():
        return []
    body, where = letter.body, ("applications", i, "letter", "body")
    out = []
    others = {
        a.organization
        for a in loaded.profile.applications
        if a.organization and a is not app and a.organization != app.organization
    }
    for org in sorted(others):
        if _contains(body, org) and not (app.organization and _contains(app.organization, org)):
            match = re.search(re.escape(org), body, re.IGNORECASE)
            assert match is not None
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the letter to {app.organization or app.id} names {org}, the organization "
                    "of another application",
                    level="error",
                    hint="a letter copied from another application; replace the name",
                    text=match.group(),
                )
            )
    if app.organization and not _names_org(body, app.organization):
        out.append(
            finding(
                loaded,
                RULE,
                where,
                f"the {letter.kind} letter never names {app.organization}",
                hint="say why this organization: a reader notices a letter that could go anywhere",
            )
        )
    role = app.alternateRole if letter.kind == "role-proposal" else app.position
    if (
        role
        and letter.kind in (*_NAMES_POSITION, "role-proposal")
        and not _names_position(body, role)
    ):
        out.append(
            finding(
                loaded,
                RULE,
                where,
                f"the {letter.kind} letter never names the position, {role}",
                hint="name the role you are writing about in the first paragraph",
            )
        )
    return out


def _prompt(loaded: LoadedProfile, i: int, app: Application) -> list[Problem]:
    """A reconsideration request weeks after the decision stands on what changed since: it is
    fine when the profile has something dated after the decision (and by the letter's
    date), a warning when nothing is."""
    letter = app.letter
    if not letter or letter.kind != "reconsideration" or not letter.date or not app.decided:
        return []
    days = (first_day(letter.date) - last_day(app.decided)).days
    if days <= RECONSIDER_DAYS:
        return []
    from ..views.since import updates_since

    if updates_since(loaded.profile, app.decided, until=letter.date):
        return []
    return [
        finding(
            loaded,
            RULE,
            ("applications", i, "letter", "date"),
            f"the reconsideration letter is dated {days} days after the decision "
            f"({app.decided}) and nothing in the profile is dated since the decision",
            hint="a late request stands on what has changed: add the new certificate, role, "
            "project or degree with its date (the letter's [[updates]] then lists it), or ask "
            f"within {RECONSIDER_DAYS} days of the decision",
        )
    ]


#: Words with which a letter acknowledges a decision (English: the assembled letters' and
#: the usual wording of a reply to a rejection).
_ACKNOWLEDGES = re.compile(
    r"\b(?:decision|decided|declin\w*|reject\w*|unsuccessful|not (?:been )?selected|"
    r"not to (?:move|proceed)|(?:another|other) candidate\w*|outcome)\b",
    re.IGNORECASE,
)


def _acknowledges(loaded: LoadedProfile, i: int, app: Application) -> list[Problem]:
    """A follow-up written after a rejection says it knows of the decision: one that reads as
    if the application were still open tells the reader it was not read."""
    letter = app.letter
    if not letter or letter.kind != "follow-up" or app.status != "rejected":
        return []
    if not letter.body or not letter.body.strip():
        return []
    lang = (loaded.profile.meta.lang or "en").lower()
    if not lang.startswith("en") or _ACKNOWLEDGES.search(letter.body):
        return []
    return [
        finding(
            loaded,
            RULE,
            ("applications", i, "letter", "body"),
            "the follow-up letter never acknowledges the decision on the application"
            + (f" ({app.decided})" if app.decided else ""),
            hint="thank the reader for letting you know their decision before reporting "
            "what is new",
        )
    ]


def check(loaded: LoadedProfile) -> list[Problem]:
    out: list[Problem] = []
    for i, app in enumerate(loaded.profile.applications):
        out += _salutation(loaded, i, app) + _body(loaded, i, app) + _prompt(loaded, i, app)
        out += _acknowledges(loaded, i, app)
    return out
