"""Letter bodies by kind: assembled from the profile's facts, or the user's text with blocks.

When `letter.body` is absent, jobpacket writes the letter a careful adviser would (DOMAIN.md):
short paragraphs in the order the kind calls for, built only from facts the profile states
(the position, the organisation, the dates, `alternateRole`, what is new since the
application, the user's own highlights and skills, the enclosures). Nothing is invented: an
achievement appears only as the user wrote it, quoted as a bullet under the entry it belongs
to. Courtesy sentences are fixed text; they thank and ask, never claim.

When `letter.body` is present it is the user's Markdown, with the blocks ``[[updates]]`` and
``[[enclosures]]`` expanded by letterblocks.py and nothing else interpreted.

Everything here is pure: profile values in, Markdown text and findings out. documents.py turns
the findings into located problems and the Markdown into sanitized print HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n.dates import prose_date
from ..profile.bounds import MAX_LETTER_CHARS
from ..profile.errors import FieldPath
from ..profile.model import ONGOING, Application, LetterKind, Profile
from ..views.since import Update, is_after, updates_since
from ..views.tailored import tailored_view
from .letterblocks import Finding, bullets, expand_blocks, md
from .printkit import visible

#: More updates than this would push a letter past one page; the rest are left out, oldest kept.
MAX_UPDATES = 6
#: Highlights quoted in a cover letter, and matches named in a role proposal.
MAX_EVIDENCE = 3

# Words that say nothing about what a role does: seniority, generic titles, filler.
# fmt: off
_STOP = frozenset({
    "a", "an", "and", "the", "for", "with", "of", "in", "on", "at", "to", "or", "by", "as",
    "from", "into", "role", "roles", "position", "posting", "job", "senior", "junior", "staff",
    "principal", "lead", "head", "chief", "associate", "assistant", "intern", "engineer",
    "developer", "specialist", "manager", "team", "new", "ii", "iii",
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


def _the_position(app: Application) -> str:
    return f"the {md(app.position)} position" if app.position else "the position"


def _org(app: Application) -> str:
    return md(app.organization) if app.organization else "your organization"


def _enclosed(enclosures: Sequence[str]) -> str:
    if not enclosures:
        return ""
    return (
        f"I have enclosed the {'document' if len(enclosures) == 1 else 'documents'} listed below."
    )


# --- evidence from the profile ------------------------------------------------------------------


def _norm(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def words(*texts: str | None) -> set[str]:
    """The content words of some text, lowercased and lightly singularized, for matching a
    role's title against skills and entries."""
    found: set[str] = set()
    for text in texts:
        for w in re.findall(r"[a-z0-9]+", (text or "").lower()):
            if len(w) >= 3 and not w.isdigit() and w not in _STOP:
                found.add(_norm(w))
    return found


def _best_highlight(highlights: Sequence[str], role_words: set[str]) -> str:
    """The highlight sharing most words with the role; the first one on a tie."""
    if not highlights:
        return ""
    return max(highlights, key=lambda h: (len(words(h) & role_words), -highlights.index(h)))


def _current_role(view: Profile) -> Any:
    for job in visible(view.work):
        if job.position and job.name and job.endDate in (None, ONGOING):
            return job
    return None


def _cover_evidence(view: Profile) -> list[str]:
    """Up to three of the user's own highlights, from the (tailored) first jobs and project."""
    jobs = []
    for job in visible(view.work):
        text = job.highlights[0] if job.highlights else job.summary
        if text:
            label = ", ".join(md(x) for x in (job.position, job.name) if x)
            jobs.append(f"**{label}:** {md(text)}" if label else md(text))
    projects = []
    for p in visible(view.projects):
        text = p.description or (p.highlights[0] if p.highlights else "")
        if text and p.name:
            projects.append(f"**{md(p.name)}:** {md(text)}")
    picked = jobs[:2] + projects[:1]
    for extra in jobs[2:] + projects[1:]:
        if len(picked) >= MAX_EVIDENCE:
            break
        picked.append(extra)
    return picked[:MAX_EVIDENCE]


def role_matches(view: Profile, role: str, tags: Sequence[str]) -> list[str]:
    """Bullets tying the profile to another role: the skills and the jobs or projects whose
    words meet the role's title, or whose tags meet the application's tailor tags.

    Ranked by overlap (a shared word of the title counts twice, a shared tag once); at most
    two skills and two entries, so the letter stays on one page.
    """
    role_words = words(role)
    wanted = set(tags)

    def score(texts: Iterable[str | None], item_tags: Iterable[str]) -> int:
        return 2 * len(words(*texts) & role_words) + len(wanted.intersection(item_tags))

    skills: list[tuple[int, int, str]] = []
    for i, s in enumerate(visible(view.skills)):
        if not s.name:
            continue
        whole = bool(words(s.name) & role_words or wanted.intersection(s.tags))
        shown = [k for k in s.keywords if whole or words(k) & role_words]
        points = score([s.name, *s.keywords], s.tags)
        if points and shown:
            skills.append((points, i, f"**{md(s.name)}:** {', '.join(md(k) for k in shown)}"))
    entries: list[tuple[int, int, str]] = []
    for i, job in enumerate(visible(view.work)):
        points = score([job.position, job.name, job.summary, job.description], job.tags)
        text = _best_highlight(job.highlights, role_words) or job.summary
        if points and text:
            label = ", ".join(md(x) for x in (job.position, job.name) if x)
            entries.append((points, i, f"**{label}:** {md(text)}"))
    for i, p in enumerate(visible(view.projects)):
        points = score([p.name, p.description, *p.keywords], p.tags)
        text = p.description or _best_highlight(p.highlights, role_words)
        if points and text and p.name:
            entries.append((points, 100 + i, f"**{md(p.name)}:** {md(text)}"))

    def top(found: list[tuple[int, int, str]]) -> list[str]:
        return [line for _, _, line in sorted(found, key=lambda f: (-f[0], f[1]))[:2]]

    return top(skills) + top(entries)


# --- assembled bodies, one per kind -------------------------------------------------------------


def _cover(app: Application, view: Profile, enclosures: Sequence[str]) -> str:
    opening = f"I am writing to apply for {_the_position(app)} at {_org(app)}."
    current = _current_role(view)
    if current is not None:
        opening += f" I am currently {md(current.position)} at {md(current.name)}."
    evidence = _cover_evidence(view)
    relevant = (
        "Highlights of my experience that bear on this role:\n\n" + bullets(evidence)
        if evidence
        else ""
    )
    close = " ".join(
        x
        for x in (
            _enclosed(enclosures),
            f"I would welcome the opportunity to discuss how I could contribute to {_org(app)}.",
            "Thank you for your time and consideration.",
        )
        if x
    )
    return _paragraphs(opening, relevant, close)


def _update_list(updates: Sequence[Update], where: FieldPath, findings: list[Finding]) -> list[str]:
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
    return [md(u.text) for u in updates[:MAX_UPDATES]]


def _reconsideration(
    app: Application,
    lang: str | None,
    updates: Sequence[Update],
    enclosures: Sequence[str],
    where: FieldPath,
    findings: list[Finding],
) -> str:
    thanks = (
        f"Thank you for letting me know your decision on my application for "
        f"{_the_position(app)} at {_org(app)}, and for the time you and your colleagues spent "
        "considering it. I respect your decision."
    )
    applied = f" on {prose_date(app.applied, lang)}" if app.applied else ""
    if updates:
        interest = (
            f"My interest in the position and in {_org(app)} continues. I am writing to ask "
            f"whether you would reconsider my application in light of what is new since I "
            f"applied{applied}:\n\n"
            + bullets(_update_list(updates, where, findings))
            + "\n\nI would be glad to go into any of these in more detail."
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
        interest = (
            f"My interest in the position and in {_org(app)} continues, and I would welcome "
            "the chance to be considered again should the position remain open."
        )
    circumstances = (app.letter.circumstances or "") if app.letter else ""
    close = " ".join(
        x
        for x in (
            _enclosed(enclosures),
            "Whatever you decide, thank you again for your time and consideration. I would be "
            "glad to speak at any time that suits you.",
        )
        if x
    )
    return _paragraphs(thanks, interest, circumstances, close)


def _follow_up(
    app: Application,
    lang: str | None,
    since: str,
    updates: Sequence[Update],
    enclosures: Sequence[str],
    where: FieldPath,
    findings: list[Finding],
) -> str:
    applied = f", submitted on {prose_date(app.applied, lang)}" if app.applied else ""
    opening = (
        f"I am writing to follow up on my application for {_the_position(app)} at "
        f"{_org(app)}{applied}. I remain very interested in the role and in the work of "
        f"{_org(app)}."
    )
    news = ""
    if updates:
        when = (
            f"I applied on {prose_date(since, lang)}"
            if since == app.applied
            else f"we were last in touch on {prose_date(since, lang)}"
        )
        news = f"Since {when}, there is news I would like to share:\n\n" + bullets(
            _update_list(updates, where, findings)
        )
    close = " ".join(
        x
        for x in (
            _enclosed(enclosures),
            "Thank you for your time. I would be glad to provide anything further that would "
            "help, and I look forward to hearing from you.",
        )
        if x
    )
    return _paragraphs(opening, news, close)


def _thank_you(app: Application, enclosures: Sequence[str]) -> str:
    if app.status in ("interviewing", "offer", "accepted"):
        thanks = (
            f"Thank you for the time you and your colleagues spent with me during the "
            f"interviews for {_the_position(app)} at {_org(app)}."
        )
        middle = "I appreciated the chance to learn more about the role and about the team."
    elif app.status in _DECIDED:
        thanks = (
            f"Thank you for letting me know your decision on my application for "
            f"{_the_position(app)} at {_org(app)}, and for the time you and your colleagues "
            "spent considering it."
        )
        middle = "I appreciated the chance to learn about the role, and I respect your decision."
    else:
        thanks = (
            f"Thank you for considering my application for {_the_position(app)} at {_org(app)}."
        )
        middle = ""
    close = " ".join(
        x
        for x in (
            _enclosed(enclosures),
            f"I remain interested in the work of {_org(app)} and would be glad to stay in "
            "touch. Thank you again for your time and consideration.",
        )
        if x
    )
    return _paragraphs(thanks, middle, close)


def _role_proposal(
    app: Application,
    view: Profile,
    enclosures: Sequence[str],
    where: FieldPath,
    findings: list[Finding],
) -> str:
    alt = app.alternateRole or ""
    if app.status in _DECIDED:
        thanks = (
            f"Thank you for letting me know your decision on my application for "
            f"{_the_position(app)} at {_org(app)}, and for the time you spent considering it."
        )
        ask = f"I would like to ask you to consider me for the {md(alt)} role instead."
    else:
        thanks = (
            f"Thank you for considering my application for {_the_position(app)} at {_org(app)}."
        )
        ask = f"I would like to ask you to consider me for the {md(alt)} role as well."
    tags = app.tailor.tags if app.tailor else []
    matches = role_matches(view, alt, tags)
    if matches:
        ask += " My experience suits that role in particular:\n\n" + bullets(matches)
    else:
        findings.append(
            Finding(
                (*where, "alternateRole"),
                "no skill, job or project shares a word with this role or a tag with "
                "tailor.tags, so the letter cannot say why you suit it; tag the entries that "
                "fit the role and list the tags under tailor.tags, or write letter.body yourself",
            )
        )
    close = " ".join(
        x
        for x in (
            _enclosed(enclosures),
            f"I would welcome the chance to discuss the {md(alt)} role with you. Thank you for "
            "your time and consideration.",
        )
        if x
    )
    return _paragraphs(thanks, ask, close)


# --- the entry point ----------------------------------------------------------------------------


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
    are the names the letter's "Enclosures:" line lists; ``letter_date`` bounds what counts as
    new (nothing dated after the letter itself).
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
            where=(*where, "letter", "body"),
            blocks={
                "updates": [md(u.text) for u in updates]
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
    if kind == "cover":
        text = _cover(app, view, enclosures)
    elif kind == "reconsideration":
        text = _reconsideration(app, lang, updates, enclosures, where, findings)
    elif kind == "follow-up":
        assert since is not None
        text = _follow_up(app, lang, since, updates, enclosures, where, findings)
    elif kind == "thank-you":
        text = _thank_you(app, enclosures)
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
        text = _role_proposal(app, view, enclosures, where, findings)
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
    "letter_body",
    "letter_kind",
    "role_matches",
    "since_date",
    "words",
]
