"""Letter bodies by kind: assembled from the profile's facts, or the user's text with blocks.

When `letter.body` is absent, jobpacket writes the letter a careful adviser would (DOMAIN.md):
short paragraphs in the order the kind calls for, in the writer's language (the sentences are
data, i18n/labels/letters/<code>.yml), built only from facts the profile states. Nothing is
invented: an achievement appears only as the user wrote it. What makes a letter worth reading
is evidence: each update and each strength is stated as its outcome (the user's highlights,
those with numbers first) and, when the application lists the posting's `requirements`, tied
to the one it meets ("This answers the posting's call for CHSE certification.").

When `letter.body` is present it is the user's Markdown, with the blocks ``[[updates]]`` and
``[[enclosures]]`` expanded by letterblocks.py and nothing else interpreted.

Everything here is pure: profile values in, Markdown text and findings out. documents.py turns
the findings into located problems and the Markdown into sanitized print HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import first_day, is_after
from ..errors import FieldPath
from ..profile.bounds import MAX_LETTER_CHARS
from ..profile.model import Application, LetterKind, Profile
from ..views.since import Update, updates_since
from ..views.tailored import tailored_view
from ..views.timeline import letter_kind, letter_path
from .evidence import (
    Evidence,
    current_role,
    evidence_bullets,
    match_requirements,
    pick_evidence,
    result_evidence,
    update_evidence,
    words,
)
from .letterblocks import Finding, Writer, bullets, expand_blocks, md, sentences

#: More updates than this would push a letter past one page; the rest are left out, oldest kept.
MAX_UPDATES = 6
#: Results quoted in a cover letter.
MAX_EVIDENCE = 3
#: A reconsideration sent this long after the decision says that time has passed.
WEEKS_PASSED = 28
MONTHS_PASSED = 56

_DECIDED = ("rejected", "reconsideration", "withdrawn")


@dataclass(frozen=True)
class LetterBody:
    """The letter's body as Markdown, whether jobpacket assembled it, and what it found."""

    markdown: str
    assembled: bool
    findings: tuple[Finding, ...] = ()


# --- small text helpers -------------------------------------------------------------------------


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip()) + "\n"


def since_date(app: Application, kind: LetterKind, letter_date: str | None = None) -> str | None:
    """The date "what is new" counts from: for a follow-up, the last contact before this
    letter (the latest of `applied`, `decided` and the `followUp.log` entries dated before
    ``letter_date``); the application date for every other kind."""
    if kind == "follow-up":
        logged = [c.date for c in app.followUp.log] if app.followUp else []
        earlier = [d for d in logged if d and (letter_date is None or is_after(letter_date, d))]
        dates = [d for d in (app.applied, app.decided, *earlier) if d]
        return max(dates) if dates else None
    return app.applied


def days_between(earlier: str, later: str) -> int:
    """Whole days from one partial date to another (a month counts from its first day)."""
    return (first_day(later) - first_day(earlier)).days


# --- assembled bodies, one per kind -------------------------------------------------------------


def _requirements(app: Application) -> list[str]:
    return [r for r in app.requirements if r.strip()]


def _cover(app: Application, view: Profile, w: Writer) -> str:
    opening = w.say("cover.opening", the_position=w.the_position())
    current = current_role(view)
    if current is not None:
        opening = sentences(
            opening, w.say("cover.current", role=md(current.position), employer=md(current.name))
        )
    pool = result_evidence(view)
    match_requirements(pool, _requirements(app))
    tags = app.tailor.tags if app.tailor else []
    picked = pick_evidence(pool, MAX_EVIDENCE, words(app.position), tags, need_match=False)
    relevant = ""
    if picked:
        intro = {1: "cover.evidence_one", 2: "cover.evidence_two"}.get(
            len(picked), "cover.evidence"
        )
        relevant = w.say(intro) + "\n\n" + bullets(evidence_bullets(picked, w))
    return _paragraphs(opening, relevant, w.say("cover.close", org=w.org))


def _update_evidence(
    profile: Profile,
    updates: Sequence[Update],
    w: Writer,
    where: FieldPath,
    findings: list[Finding],
) -> list[Evidence]:
    if len(updates) > MAX_UPDATES:
        left = len(updates) - MAX_UPDATES
        findings.append(
            Finding(
                where,
                f"{left} more update{'s' if left != 1 else ''} left out to keep the letter to one "
                "page; write letter.body yourself (start from `jobpacket letter ID --markdown`) "
                "to choose which to mention",
            )
        )
    evidence = [update_evidence(profile, u, w) for u in updates[:MAX_UPDATES]]
    match_requirements(evidence, _requirements(w.app))
    return evidence


def _time_passed(app: Application, letter_date: str, w: Writer) -> str:
    """A sentence saying that weeks or months have passed since the decision, when they
    have: a letter sent long after should not read as if the decision were yesterday."""
    if not app.decided:
        return ""
    days = days_between(app.decided, letter_date)
    if days < WEEKS_PASSED:
        return ""
    key = "months_passed" if days >= MONTHS_PASSED else "weeks_passed"
    return w.say(f"reconsideration.{key}", decided=w.date(app.decided))


def _reconsideration(
    app: Application,
    profile: Profile,
    updates: Sequence[Update],
    letter_date: str,
    w: Writer,
    where: FieldPath,
    findings: list[Finding],
) -> str:
    thanks = sentences(
        w.say("reconsideration.thanks", the_position=w.the_position()),
        _time_passed(app, letter_date, w) if updates else "",
    )
    if updates:
        evidence = _update_evidence(profile, updates, w, where, findings)
        applied = w.date(app.applied) if app.applied else ""
        interest = (
            w.say("reconsideration.updates", org=w.org, applied=applied)
            + "\n\n"
            + bullets(evidence_bullets(evidence, w))
        )
    else:
        findings.append(
            Finding(
                where,
                f"nothing in the profile is dated after applied ({app.applied}), so the "
                "reconsideration letter has nothing new to report; add the new certificate, "
                "role, publication or project with its date, or write letter.body yourself",
            )
        )
        interest = w.say("reconsideration.nothing_new", org=w.org)
    circumstances = (app.letter.circumstances or "") if app.letter else ""
    return _paragraphs(thanks, interest, circumstances, w.say("reconsideration.close"))


def _follow_up(
    app: Application,
    profile: Profile,
    since: str,
    updates: Sequence[Update],
    w: Writer,
    where: FieldPath,
    findings: list[Finding],
) -> str:
    if app.applied:
        opening = w.say(
            "follow-up.opening",
            the_position=w.the_position(),
            applied=w.date(app.applied),
            org=w.org,
        )
    else:
        opening = w.say("follow-up.opening_undated", the_position=w.the_position(), org=w.org)
    if updates:
        evidence = _update_evidence(profile, updates, w, where, findings)
        intro = (
            w.say("follow-up.since_applied")
            if since == app.applied
            else w.say("follow-up.since_contact", date=w.date(since))
        )
        news = intro + "\n\n" + bullets(evidence_bullets(evidence, w))
    else:
        news = w.say("follow-up.no_news")
    return _paragraphs(opening, news, w.say("follow-up.close"))


def _thank_you(app: Application, w: Writer) -> str:
    the_position = w.the_position()
    if app.status in ("interviewing", "offer", "accepted"):
        stage = "interviewed"
    elif app.status in _DECIDED:
        stage = "decided"
    else:
        return _paragraphs(
            w.say("thank-you.applied", the_position=the_position),
            w.say("thank-you.applied_close"),
        )
    return _paragraphs(
        w.say(f"thank-you.{stage}", the_position=the_position),
        w.say(f"thank-you.{stage}_more", org=w.org),
        w.say(f"thank-you.{stage}_close"),
    )


def _role_proposal(
    app: Application,
    profile: Profile,
    view: Profile,
    updates: Sequence[Update],
    w: Writer,
    where: FieldPath,
    findings: list[Finding],
) -> str:
    alt = app.alternateRole or ""
    decided = app.status in _DECIDED
    thanks = w.say(
        "role-proposal.thanks_decided" if decided else "role-proposal.thanks_open",
        the_position=w.the_position(),
    )
    ask = w.say("role-proposal.ask_decided" if decided else "role-proposal.ask_open", role=md(alt))
    # What is new since applying counts first: it is what the first decision did not see.
    pool = [update_evidence(profile, u, w) for u in updates] + result_evidence(view)
    match_requirements(pool, _requirements(app))
    tags = app.tailor.tags if app.tailor else []
    picked = pick_evidence(pool, 2, words(alt), tags, need_match=True)
    if picked:
        intro = w.say("role-proposal.reasons" if len(picked) == 2 else "role-proposal.reason")
        ask = sentences(ask, intro) + "\n\n" + bullets(evidence_bullets(picked, w))
    else:
        findings.append(
            Finding(
                (*where, "alternateRole"),
                "nothing in the profile shares a word with this role, its requirements or "
                "tailor.tags, so the letter cannot say why you suit it; add the role's "
                "requirements (a few phrases from the posting) under requirements:, tag the "
                "entries that fit and list the tags under tailor.tags, or write letter.body "
                "yourself",
            )
        )
    return _paragraphs(thanks, ask, w.say("role-proposal.close"))


# --- the entry point ----------------------------------------------------------------------------


def update_lines(
    profile: Profile, app: Application, updates: Sequence[Update], lang: str | None
) -> list[str]:
    """What is new, as the ``[[updates]]`` block of a user's body lists it: the same bullets
    an assembled letter writes, in the letter's language."""
    w = Writer(app, lang)
    evidence = [update_evidence(profile, u, w) for u in updates]
    match_requirements(evidence, _requirements(app))
    return evidence_bullets(evidence, w)


def letter_body(
    profile: Profile,
    index: int,
    app: Application,
    *,
    enclosures: Sequence[str],
    letter_date: str,
    lang: str | None = None,
) -> LetterBody:
    """The body of an application's letter as Markdown, with what was found on the way.

    ``profile`` is the owner's full profile (private items are skipped here); ``enclosures``
    are the names the letter's "Enclosures:" line lists (only that line speaks of them);
    ``letter_date`` bounds what counts as new (nothing dated after the letter itself).
    """
    where: FieldPath = ("applications", index)
    kind = letter_kind(app)
    since = since_date(app, kind, letter_date)
    findings: list[Finding] = []
    body = app.letter.body if app.letter else None
    if body is None and kind in ("reconsideration", "follow-up") and since is None:
        findings.append(
            Finding(
                where,
                "has no applied date, so jobpacket cannot tell what is new since you applied; "
                "add applied: YYYY-MM-DD (the day you applied)",
                "error",
            )
        )
        return LetterBody("", True, tuple(findings))
    updates = updates_since(profile, since, until=letter_date) if since else []
    if body is not None:
        text, found = expand_blocks(
            body,
            where=(*where, *letter_path(app), "body"),
            blocks={
                "updates": update_lines(profile, app, updates, lang)
                if since
                else "needs the date you applied to tell what is new; add applied: YYYY-MM-DD",
                "enclosures": [md(e) for e in enclosures],
            },
            empty={
                "updates": f"is empty: nothing in the profile is dated after {since}",
                "enclosures": "is empty: the application has no enclosures",
            },
        )
        too_long = _too_long(text, (*where, "letter", "body"), "once its blocks are filled in")
        return LetterBody(text, False, (*found, *too_long))
    view = tailored_view(profile, app)
    w = Writer(app, lang)
    if kind == "cover":
        text = _cover(app, view, w)
    elif kind == "reconsideration":
        text = _reconsideration(app, profile, updates, letter_date, w, where, findings)
    elif kind == "follow-up":
        assert since is not None
        text = _follow_up(app, profile, since, updates, w, where, findings)
    elif kind == "thank-you":
        text = _thank_you(app, w)
    else:
        if not app.alternateRole:
            findings.append(
                Finding(
                    where,
                    "a role-proposal letter names the other role; add alternateRole: (its "
                    "title, e.g. Data Engineer, Platform Team), or write letter.body yourself",
                    "error",
                )
            )
            return LetterBody("", True, tuple(findings))
        text = _role_proposal(app, profile, view, updates, w, where, findings)
    findings.extend(_too_long(text, where, "as assembled from the profile's text it quotes"))
    return LetterBody(text, True, tuple(findings))


def _too_long(text: str, where: FieldPath, how: str) -> list[Finding]:
    """The letter over `MAX_LETTER_CHARS` once its blocks are expanded or it is assembled:
    an error, before anything lays it out (a multiplied body took minutes to render)."""
    if len(text) <= MAX_LETTER_CHARS:
        return []
    what = (
        "shorten it"
        if how.startswith("once")
        else "shorten the long highlight or summary it quotes, or write letter.body yourself"
    )
    return [
        Finding(
            where,
            f"the letter is {len(text):,} characters long {how}, more than the "
            f"{MAX_LETTER_CHARS:,} (about five pages) jobpacket lays out; a letter fits one "
            f"page: {what}",
            "error",
        )
    ]


__all__ = [
    "MAX_UPDATES",
    "LetterBody",
    "days_between",
    "letter_body",
    "since_date",
    "update_lines",
    "words",
]
