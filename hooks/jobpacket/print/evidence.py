"""Evidence for a letter: what the profile shows, stated as outcomes.

What makes a letter worth reading is evidence (DOMAIN.md): each update and each strength is
stated as its outcome (the user's highlights, those with numbers first) and, when the
application lists the posting's `requirements`, tied to the one it meets. Nothing is invented:
an outcome appears only as the user wrote it. letters.py places the evidence in each kind of
letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import ONGOING
from ..profile.model import Profile
from ..views.since import Update
from .letterblocks import Writer, md, sentence, sentences
from .printkit import visible

#: Outcomes quoted under one update: the user's highlights, those with numbers first.
MAX_OUTCOMES = 2

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
            return sentences(self.lead, *self.sentences, tie)
        first, *rest = self.sentences
        where = f" ({md(self.where)})" if self.where else ""
        return sentences(first[:-1] + where + first[-1], *rest, tie)


def _item(profile: Profile, update: Update) -> Any:
    return getattr(profile, update.section)[update.index]


def update_evidence(profile: Profile, update: Update, writer: Writer) -> Evidence:
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
        sentences=[sentence(h) for h in highlights],
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
                    sentences=[sentence(text)],
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
                    sentences=[sentence(text)],
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


def evidence_bullets(evidence: Sequence[Evidence], writer: Writer) -> list[str]:
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


def current_role(view: Profile) -> Any:
    for job in visible(view.work):
        if job.position and job.name and job.endDate in (None, ONGOING):
            return job
    return None


def pick_evidence(
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
