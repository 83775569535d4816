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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import ONGOING, is_after
from ..errors import FieldPath
from ..i18n.dates import prose_date
from ..i18n.letterbook import LetterBook, letter_book
from ..profile.bounds import MAX_LETTER_CHARS
from ..profile.model import Application, LetterKind, Profile
from ..views.since import Update, updates_since
from ..views.tailored import tailored_view
from ..views.timeline import letter_path
from .letterblocks import Finding, bullets, expand_blocks, md
from .printkit import visible

#: More updates than this would push a letter past one page; the rest are left out, oldest kept.
MAX_UPDATES = 6
#: Results quoted in a cover letter.
MAX_EVIDENCE = 3
#: Outcomes quoted under one update: the user's highlights, those with numbers first.
MAX_OUTCOMES = 2
#: A reconsideration sent this long after the decision says that time has passed.
WEEKS_PASSED = 28
MONTHS_PASSED = 56

# Words that say nothing about what a role does: seniority, generic titles, filler.
# fmt: off
_STOP = frozenset({
    "a", "an", "and", "the", "for", "with", "of", "in", "on", "at", "to", "or", "by", "as",
    "from", "into", "role", "roles", "position", "posting", "job", "senior", "junior", "staff",
    "principal", "lead", "head", "chief", "associate", "assistant", "intern", "engineer",
    "developer", "specialist", "manager", "team", "new", "ii", "iii", "experience", "years",
    "strong", "ability", "skills", "knowledge", "work", "working",
})
# fmt: on
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


def _sentences(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _sentence(text: str) -> str:
    """A highlight as a sentence of the letter: escaped, ending in one full stop."""
    text = md(text).rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def letter_kind(app: Application) -> LetterKind:
    """The kind of the application's letter; an application without `letter:` gets a cover
    letter, since every packet opens with one."""
    return app.letter.kind if app.letter else "cover"


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


def _day(value: str) -> date:
    parts = [int(p) for p in value.split("-")[:3]]
    year, month, day = [*parts, 1, 1][:3]
    return date(year, month, day)


def days_between(earlier: str, later: str) -> int:
    """Whole days from one partial date to another (a month counts from its first day)."""
    return (_day(later) - _day(earlier)).days


class _Writer:
    """One letter's text in its language: the sentences of the kind, the position and the
    organisation as the language names them."""

    def __init__(self, app: Application, lang: str | None) -> None:
        self.app = app
        self.lang = lang
        self.book: LetterBook = letter_book(lang)

    def say(self, key: str, **values: str) -> str:
        return self.book.say(key, **values)

    @property
    def org(self) -> str:
        return md(self.app.organization) if self.app.organization else self.say("your_organization")

    def the_position(self, role: str | None = None) -> str:
        position = role if role is not None else self.app.position
        if not position:
            return self.say("the_position_unknown")
        if self.app.organization:
            return self.say("the_position_at", position=md(position), org=self.org)
        return self.say("the_position", position=md(position))

    def date(self, value: str) -> str:
        return prose_date(value, self.lang)

    def month(self, value: str) -> str:
        """An update's date to the month ("October 2026"), as precise as the profile."""
        return prose_date(value[:7], self.lang)


# --- evidence: what the profile shows, as outcomes ----------------------------------------------


def _norm(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def words(*texts: str | None) -> set[str]:
    """The content words of some text, lowercased and lightly singularized, for matching a
    role's title and requirements against skills and entries."""
    found: set[str] = set()
    for text in texts:
        for w in re.findall(r"\w+", (text or "").lower()):
            if len(w) >= 3 and not w.isdigit() and w not in _STOP:
                found.add(_norm(w))
    return found


def outcomes(highlights: Sequence[str], limit: int = MAX_OUTCOMES) -> list[str]:
    """The highlights a letter quotes: those with a number (a count, a before and after)
    first, in the user's order, at most ``limit``."""
    ranked = sorted(highlights, key=lambda h: not re.search(r"\d", h))
    return [h for h in ranked if h.strip()][:limit]


@dataclass
class Evidence:
    """One thing a letter can point to: an update since the application or a result from the
    résumé, stated as its outcome."""

    lead: str
    """The Markdown line naming it ("**CHSE**, Society for Simulation in Healthcare, earned
    in October 2026."), or "" for a résumé result."""
    sentences: list[str]
    """The outcomes, as sentences of the letter."""
    where: str = ""
    """Where a result comes from (the employer, the project), when there is no lead."""
    matched: set[str] = field(default_factory=set)
    """Words to match against the requirements and the role."""
    tags: tuple[str, ...] = ()
    requirement: str = ""
    """The phrase of `requirements` it meets, once matched."""

    def markdown(self, tie: str = "") -> str:
        if self.lead or not self.sentences:
            return _sentences(self.lead, *self.sentences, tie)
        first, *rest = self.sentences
        where = f" ({md(self.where)})" if self.where else ""
        return _sentences(first[:-1] + where + first[-1], *rest, tie)


def _item(profile: Profile, update: Update) -> Any:
    return getattr(profile, update.section)[update.index]


def update_evidence(profile: Profile, update: Update, writer: _Writer) -> Evidence:
    """An update as the letter states it: a line naming it and when, then its outcomes."""
    item = _item(profile, update)
    what = update.what
    highlights: list[str] = []
    if update.section == "projects":
        what = item.name or what
        highlights = outcomes(item.highlights) or ([item.description] if item.description else [])
    elif update.section in ("work", "volunteer"):
        highlights = outcomes(item.highlights) or ([item.summary] if item.summary else [])
    elif update.section in ("publications", "awards") and item.summary:
        highlights = [item.summary] if len(item.summary) <= 200 else []
    key = f"update.{update.kind}"
    if not update.source and writer.book.has(f"{key}_alone"):
        key += "_alone"
    lead = writer.say(key, what=md(what), source=md(update.source), month=writer.month(update.date))
    texts = [what, update.source, *highlights, *getattr(item, "keywords", [])]
    if update.section == "projects" and item.description:
        texts.append(item.description)
    return Evidence(
        lead=lead,
        sentences=[_sentence(h) for h in highlights],
        matched=words(*texts),
        tags=tuple(item.tags),
    )


def result_evidence(view: Profile) -> list[Evidence]:
    """The résumé's results, newest entries first: each job's and project's highlights (or
    its summary or description) with where it was achieved."""
    found: list[Evidence] = []
    for job in visible(view.work):
        texts = outcomes(job.highlights, limit=3) or ([job.summary] if job.summary else [])
        for text in texts:
            found.append(
                Evidence(
                    lead="",
                    sentences=[_sentence(text)],
                    where=job.name or "",
                    matched=words(text, job.position),
                    tags=tuple(job.tags),
                )
            )
    for p in visible(view.projects):
        texts = outcomes(p.highlights, limit=2) or ([p.description] if p.description else [])
        for text in texts:
            found.append(
                Evidence(
                    lead="",
                    sentences=[_sentence(text)],
                    where=p.name or "",
                    matched=words(text, p.name, p.description, *p.keywords),
                    tags=tuple(p.tags),
                )
            )
    return found


def match_requirements(evidence: Sequence[Evidence], requirements: Sequence[str]) -> None:
    """Give each piece of evidence the requirement it meets best, each requirement once: the
    pairs sharing the largest part of the requirement's words first, so a strong match ("CHSE
    certification" for the CHSE) is never taken by a weak one. One shared word of three is
    not a match: "program" alone does not make a residency program "simulation program
    coordination"."""
    wanted = [words(req) for req in requirements]
    pairs = sorted(
        (-len(want & ev.matched) / len(want), i, j)
        for i, ev in enumerate(evidence)
        for j, want in enumerate(wanted)
        if want and (len(want & ev.matched) >= 2 or 2 * len(want & ev.matched) >= len(want))
    )
    used_ev: set[int] = set()
    used_req: set[int] = set()
    for _, i, j in pairs:
        if i in used_ev or j in used_req:
            continue
        evidence[i].requirement = requirements[j]
        used_ev.add(i)
        used_req.add(j)


def evidence_bullets(evidence: Sequence[Evidence], writer: _Writer) -> list[str]:
    """The evidence as bullets, each matched one ending with its tie to the requirement; the
    ties are taken in turn so that no two bullets end alike."""
    ties: list[str] = list(writer.book.raw("ties"))
    out: list[str] = []
    n = 0
    for ev in evidence:
        tie = ""
        if ev.requirement:
            tie = ties[n % len(ties)].format(requirement=md(ev.requirement))
            n += 1
        out.append(ev.markdown(tie))
    return out


def _current_role(view: Profile) -> Any:
    for job in visible(view.work):
        if job.position and job.name and job.endDate in (None, ONGOING):
            return job
    return None


def _pick(
    pool: Sequence[Evidence],
    limit: int,
    role_words: set[str],
    tags: Sequence[str],
    *,
    need_match: bool,
) -> list[Evidence]:
    """The strongest evidence for a role: meeting a requirement counts most, then words
    shared with the role's title, being new since the application, tags shared with
    tailor.tags, and a number; the profile's order breaks ties. At most two from one place,
    so the letter is not about one job."""

    def score(ev: Evidence) -> int:
        return (
            4 * bool(ev.requirement)
            + 2 * len(ev.matched & role_words)
            + bool(ev.lead)
            + len(set(tags).intersection(ev.tags))
        )

    ranked = sorted(
        enumerate(pool),
        key=lambda p: (-score(p[1]), not re.search(r"\d", " ".join(p[1].sentences)), p[0]),
    )
    picked: list[tuple[int, Evidence]] = []
    per_place: dict[str, int] = {}
    seen: set[str] = set()  # a new role's highlight is also a résumé result: say it once
    for i, ev in ranked:
        if need_match and score(ev) == 0:
            continue
        place = ev.lead or ev.where
        if per_place.get(place, 0) >= 2 or seen.intersection(ev.sentences):
            continue
        per_place[place] = per_place.get(place, 0) + 1
        seen.update(ev.sentences)
        picked.append((i, ev))
        if len(picked) == limit:
            break
    return [ev for _, ev in sorted(picked, key=lambda p: p[0])]


# --- assembled bodies, one per kind -------------------------------------------------------------


def _requirements(app: Application) -> list[str]:
    return [r for r in app.requirements if r.strip()]


def _cover(app: Application, view: Profile, w: _Writer) -> str:
    opening = w.say("cover.opening", the_position=w.the_position())
    current = _current_role(view)
    if current is not None:
        opening = _sentences(
            opening, w.say("cover.current", role=md(current.position), employer=md(current.name))
        )
    pool = result_evidence(view)
    match_requirements(pool, _requirements(app))
    tags = app.tailor.tags if app.tailor else []
    picked = _pick(pool, MAX_EVIDENCE, words(app.position), tags, need_match=False)
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
    w: _Writer,
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


def _time_passed(app: Application, letter_date: str, w: _Writer) -> str:
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
    w: _Writer,
    where: FieldPath,
    findings: list[Finding],
) -> str:
    thanks = _sentences(
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
    w: _Writer,
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


def _thank_you(app: Application, w: _Writer) -> str:
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
    w: _Writer,
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
    picked = _pick(pool, 2, words(alt), tags, need_match=True)
    if picked:
        intro = w.say("role-proposal.reasons" if len(picked) == 2 else "role-proposal.reason")
        ask = _sentences(ask, intro) + "\n\n" + bullets(evidence_bullets(picked, w))
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
    w = _Writer(app, lang)
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
    w = _Writer(app, lang)
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
    "letter_kind",
    "since_date",
    "update_lines",
    "words",
]
