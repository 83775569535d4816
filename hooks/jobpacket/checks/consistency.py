"""Rule `consistency`: a letter written for this application, not copied from the last one.

The salutation greets the contact the application names; the body names this organization
and position, never another application's organization (the copy-paste mistake that ends an
application). A reconsideration request goes out within days of the decision, or later when
something is new since the decision (DOMAIN.md: then the letter says what changed); a
follow-up after a rejection acknowledges the decision rather than reading as if none came.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..dates import first_day, last_day
from ..errors import Problem
from ..i18n.tags import primary
from ..profile.bounds import MAX_PHRASE_CHARS
from ..profile.model import Application
from ..profile.validate import LoadedProfile
from ..views.letterlang import letter_lang
from .where import Tally, finding

RULE = "consistency"
RECONSIDER_DAYS = 14
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame"}
_GENERIC = {"the", "a", "an", "of", "and", "inc", "llc", "ltd", "gmbh", "co", "company"}
_NAMES_POSITION = ("cover", "reconsideration")


_FIRST_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[\w&'-]+")
_ROLE_WORD = re.compile(r"[A-Za-z]{3,}")
_NAME_PART = re.compile(r"[\w'’-]+")
_ROLE_CORE = re.compile(r"[,(–—]| - ")


#: A trie node: the next words, and under `_NAMES` the names whose words end here.
_Node = dict[str, Any]
_NAMES = "\x00names"  # never a word: words are \w+ runs


@lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    """The phrase as a whole word or words, in any case, compiled once."""
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


def _contains(text: str, phrase: str) -> bool:
    """Whether `text` names `phrase`. A phrase longer than a name (profile/bounds.py) is not
    looked for: searching costs the text's length times the phrase's."""
    if len(phrase) > MAX_PHRASE_CHARS:
        return False
    return _phrase(phrase).search(text) is not None


class _Organizations:
    """Every application's organization in a trie of its words, so each letter is read once,
    word by word, for all of them, rather than once per organization (a profile of 1,000
    applications took minutes); the whole-phrase pattern then confirms each candidate."""

    def __init__(self, names: Iterable[str]) -> None:
        self.trie: _Node = {}
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.other: list[str] = []  # names without a word character: searched whole
        for name in sorted(set(names)):
            if len(name) > MAX_PHRASE_CHARS:
                continue
            words = [w.lower() for w in _FIRST_WORD.findall(name)]
            if not words or not _FIRST_WORD.match(name):
                self.other.append(name)
                continue
            node = self.trie
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(_NAMES, []).append(name)

    def _pattern(self, name: str) -> re.Pattern[str]:
        found = self.patterns.get(name)
        if found is None:
            found = self.patterns[name] = _phrase.__wrapped__(name)
        return found

    def named_in(self, body: str) -> list[tuple[str, str]]:
        """The organizations `body` names, each with the text that names it, in name order."""
        words = [(m.group().lower(), m.start()) for m in _FIRST_WORD.finditer(body)]
        found: dict[str, str] = {}
        for i, (_, start) in enumerate(words):
            node = self.trie
            for word, _ in words[i:]:
                child = node.get(word)
                if not isinstance(child, dict):
                    break
                node = child
                for name in node.get(_NAMES, ()):
                    if name not in found and (match := self._pattern(name).match(body, start)):
                        found[name] = match.group()
        for name in self.other:
            if name not in found and (match := self._pattern(name).search(body)):
                found[name] = match.group()
        return sorted(found.items())


def _names_org(body: str, org: str) -> bool:
    """The full name, or its first distinctive word ("Lakefront" for Lakefront Biomedical...)."""
    if _contains(body, org):
        return True
    words = [w for w in _NAME_WORD.findall(org) if w.lower() not in _GENERIC]
    return bool(words) and len(words[0]) >= 4 and _contains(body, words[0])


def _names_position(body: str, position: str) -> bool:
    core = _ROLE_CORE.split(position, maxsplit=1)[0].strip()
    if core and _contains(body, core):
        return True
    words = [w for w in _ROLE_WORD.findall(core) if w.lower() not in _GENERIC]
    hits = sum(_contains(body, w) for w in words)
    return bool(words) and hits * 3 >= len(words) * 2


def _salutation(loaded: LoadedProfile, i: int, app: Application) -> list[Problem]:
    letter, contact = app.letter, app.contact
    if not letter or not letter.greeting or not contact or not contact.name:
        return []
    if len(contact.name) > MAX_PHRASE_CHARS:
        return []  # not a name: nothing to look for
    parts = [p for p in _NAME_PART.findall(contact.name) if p.lower().strip(".") not in _TITLES]
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


def _body(
    loaded: LoadedProfile, i: int, app: Application, organizations: _Organizations, tally: Tally
) -> list[Problem]:
    letter = app.letter
    if not letter or not letter.body or not letter.body.strip():
        return []
    body, where = letter.body, ("applications", i, "letter", "body")
    out = []
    for org, text in organizations.named_in(body):
        if org == app.organization or (app.organization and _contains(app.organization, org)):
            continue
        if tally.take(where, "error"):
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the letter to {app.organization or app.id} names {org}, the organization "
                    "of another application",
                    level="error",
                    hint="a letter copied from another application; replace the name",
                    text=text,
                )
            )
    own = app.organization
    if own and len(own) <= MAX_PHRASE_CHARS and not _names_org(body, own):
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
        and len(role) <= MAX_PHRASE_CHARS
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
    # the words are English: a letter in another language is not judged
    if primary(letter_lang(loaded.profile, i)) != "en" or _ACKNOWLEDGES.search(letter.body):
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
    apps = loaded.profile.applications
    organizations = _Organizations(a.organization for a in apps if a.organization)
    tally = Tally(RULE)
    for i, app in enumerate(apps):
        out += _salutation(loaded, i, app) + _prompt(loaded, i, app)
        out += _body(loaded, i, app, organizations, tally)
        out += _acknowledges(loaded, i, app)
    return out + tally.notes(loaded)
