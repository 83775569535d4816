"""The profile as one application should see it: `tailor.tags`, `tailor.exclude`, `summary`.

A résumé sent to one employer leads with what that role asks for. The user says what that is
by tagging entries and listing tags per application; this view applies those choices and
nothing else, so the same profile keeps producing the plain résumé when no application is
named.

The rules (README, "Tailoring"):

- In work, volunteer, projects and skills, an entry whose tags meet `tailor.tags` is kept and
  moves to the front, ranked by the earliest tag of the list it carries (ties keep the
  profile's order). An entry without tags always stays, after the ranked ones, in the
  profile's order.
- An entry with tags, none of them listed, is left out of projects and skills: its tags say
  what it is about, and that is not what this role asks for. Jobs and volunteer roles stay
  (after the ranked ones): they are the candidate's history, and a gap in it costs more than
  a line that is less relevant. Only `tailor.exclude` removes a job.
- `tailor.exclude` drops every entry, in any résumé section, that carries one of its tags; it
  wins over `tailor.tags`.
- `tailor.summary` replaces `basics.summary`.

JSON Resume highlights are plain strings with nowhere to hold tags, so tailoring works on
whole entries; a highlight goes wherever its entry goes.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import Problem
from ..profile.model import SECTIONS, Application, Item, Profile

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile

E = TypeVar("E", bound=Item)

#: Sections whose entries `tailor.tags` selects and orders.
RANKED = ("work", "volunteer", "projects", "skills")
#: Of those, the candidate's history: reordered, never thinned by `tailor.tags`.
HISTORY = ("work", "volunteer")
#: Further résumé sections where `tailor.exclude` drops entries (never reordered).
EXCLUDABLE = ("education", "awards", "certificates", "publications", "languages", "interests")


def _ranked(
    items: Sequence[E], tags: Sequence[str], exclude: frozenset[str], *, history: bool
) -> list[E]:
    """Listed-tag entries first (by their earliest listed tag), then the rest that stays:
    untagged entries and, in a history section, entries tagged for something else."""
    order = {tag: i for i, tag in enumerate(dict.fromkeys(tags))}
    matched: list[tuple[int, int, E]] = []
    rest: list[E] = []
    for position, item in enumerate(items):
        if exclude.intersection(item.tags):
            continue
        ranks = [order[t] for t in item.tags if t in order]
        if ranks:
            matched.append((min(ranks), position, item))
        elif not item.tags or not order or history:
            rest.append(item)
    return [item for _, _, item in sorted(matched, key=lambda m: m[:2])] + rest


def tailored_view(profile: Profile, application: Application) -> Profile:
    """The profile with one application's tailoring applied; the same object when it has
    none, so an untailored résumé is exactly the plain one."""
    tailor = application.tailor
    if tailor is None or not (tailor.tags or tailor.exclude or tailor.summary is not None):
        return profile
    exclude = frozenset(tailor.exclude)
    update: dict[str, Any] = {}
    for section in RANKED:
        items = getattr(profile, section)
        update[section] = _ranked(items, tailor.tags, exclude, history=section in HISTORY)
    for section in EXCLUDABLE:
        items = getattr(profile, section)
        update[section] = [i for i in items if not exclude.intersection(i.tags)]
    if tailor.summary is not None:
        update["basics"] = profile.basics.model_copy(update={"summary": tailor.summary})
    return profile.model_copy(update=update)


def known_tags(profile: Profile) -> set[str]:
    """Every tag some entry carries (applications' own tags aside: they are not content)."""
    found: set[str] = set()
    for section in SECTIONS:
        if section == "applications":
            continue
        for item in getattr(profile, section):
            found.update(item.tags)
    for social in profile.basics.profiles:
        found.update(social.tags)
    return found


def tailoring_findings(loaded: LoadedProfile) -> list[Problem]:
    """A warning for each tag in an application's `tailor` that no entry carries.

    Such a tag selects nothing, which is almost always a typo ("heathcare") or a tag the user
    meant to add to an entry and forgot; the résumé would silently miss what they wanted.
    """
    profile = loaded.profile
    known = known_tags(profile)
    problems: list[Problem] = []
    for i, app in enumerate(profile.applications):
        if app.tailor is None:
            continue
        for field in ("tags", "exclude"):
            for j, tag in enumerate(getattr(app.tailor, field)):
                if tag in known:
                    continue
                verb = "selects" if field == "tags" else "excludes"
                close = difflib.get_close_matches(tag, sorted(known), n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else "add it to the entries this application should "
                    + ("show" if field == "tags" else "leave out")
                    + ", or remove it here"
                )
                problems.append(
                    loaded.source.problem(
                        ("applications", i, "tailor", field, j),
                        f"no entry carries the tag {tag!r}, so it {verb} nothing; {hint}",
                        severity="warning",
                    )
                )
    return problems


__all__ = ["EXCLUDABLE", "RANKED", "known_tags", "tailored_view", "tailoring_findings"]
