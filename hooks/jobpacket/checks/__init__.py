"""Proofreading rules: what a careful second reader would flag before a packet goes out.

Each rule family is a module with a pure function ``check(loaded) -> list[Problem]``; this
registry names them by id, runs them, and applies what the user turned off
(``meta.checks.disable`` for the whole profile, ``checks: {disable: [...]}`` on one entry).
Rules that need heavy libraries (the spelling dictionary, phone metadata) import them inside
the function, only when there is text or a number to check; rules that need a rendered page
(``length`` on pages) live in render.py and are run by the print step and ``check --render``.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from ..errors import FieldPath, Problem, ProfileError
from ..profile.disabled import ALWAYS_ON, BUILD_ERRORS, apply_disable, item_paths
from ..profile.validate import LoadedProfile
from .where import finding


def _followups(loaded: LoadedProfile, *, today: date | None = None) -> list[Problem]:
    from ..followups import followup_findings

    return followup_findings(loaded, today or date.today())


@dataclass(frozen=True)
class RuleInfo:
    """A rule family: its id, what it looks for, and its function as ``module:name`` in this
    package. The module is imported when the rule runs, so a build whose findings come from
    the cache (cache.py) imports none of them."""

    id: str
    summary: str
    target: str

    def run(self, loaded: LoadedProfile, **kwargs: date | None) -> list[Problem]:
        module, _, name = self.target.partition(":")
        owner = import_module(f"{__name__}.{module}") if module else sys.modules[__name__]
        result: list[Problem] = getattr(owner, name)(loaded, **kwargs)
        return result


RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo(
            "files", "named files exist, stay in the project, are the right kind", "files:check"
        ),
        RuleInfo(
            "spelling",
            "words not in the dictionary, the profile or your word list",
            "spelling:check",
        ),
        RuleInfo(
            "placeholders",
            "template text left in: [Company Name], TODO, XX",
            "placeholders:check",
        ),
        RuleInfo("contact", "email, phone, web addresses and profile links", "contact:check"),
        RuleInfo(
            "dates", "future dates, overlapping jobs, gaps, letters dated too early", "dates:check"
        ),
        RuleInfo("length", "letters far too short or too long", "length:check"),
        RuleInfo("tone", "casual words, !!, emoji, shouting, 'I' bullets, repeats", "tone:check"),
        RuleInfo(
            "language",
            "a letter written in another language than its own, the profile than meta.lang",
            "language:check",
        ),
        RuleInfo(
            "consistency",
            "letters name the right contact, organization and position",
            "consistency:check",
        ),
        RuleInfo(
            "letters", "what preparing each letter finds: blocks, missing dates", "letters:check"
        ),
        RuleInfo("tailoring", "tailoring tags that select nothing", "letters:tailoring"),
        RuleInfo(
            "follow-up", "applications waiting past their next follow-up (info)", ":_followups"
        ),
        RuleInfo("private", "private values in a file git tracks", "tracked:check"),
    )
}
#: Rules whose findings depend on more than the cache's inputs (git's index): run every time.
_UNCACHED = frozenset({"private"})
#: Rules whose findings depend on today's date (a parameter, so tests and `status --today` can
#: ask about any day).
_DATED = frozenset({"dates", "follow-up"})


def _unknown_ids(loaded: LoadedProfile, ids: Sequence[str], where: FieldPath) -> Iterable[Problem]:
    for i, rule in enumerate(ids):
        if rule in RULES:
            continue
        guess = difflib.get_close_matches(rule, list(RULES), n=1, cutoff=0.6)
        yield finding(
            loaded,
            "checks",
            (*where, i),
            f"unknown rule {rule!r}",
            hint=f"did you mean {guess[0]!r}?" if guess else "rules: " + ", ".join(RULES),
        )


def release() -> None:
    """Free what the rules keep for their next run (the spelling dictionaries: tens of MB);
    a rule module that was never imported holds nothing and is not imported for this."""
    spelling = sys.modules.get(f"{__name__}.spelling")
    if spelling is not None:
        spelling.release()


def run_checks(
    loaded: LoadedProfile,
    *,
    disable: Iterable[str] = (),
    today: date | None = None,
    cache: bool = False,
    unwanted: Iterable[str] = (),
) -> list[Problem]:
    """Every rule's findings, with what the profile or the caller disabled left out, sorted
    by position.

    With `cache`, the findings are read from the cache folder while every input of the
    rules is unchanged (checks/cache.py): the same findings, without opening every enclosure
    and loading the dictionaries again on each build. `unwanted` rules (with `cache` only)
    are findings the caller drops anyway: taken out of a stored complete run when there is
    one (`jobpacket check` stored it), else not run at all, and stored apart.
    """
    day = today or date.today()
    if not cache:
        return _run_rules(loaded, disable=disable, today=day)
    from .cache import cached_findings, stored_findings

    off = set(disable)
    skip = set(unwanted) - off
    complete = stored_findings(loaded, today=day, disable=disable) if skip else None
    if complete is not None:
        found = [p for p in complete if p.rule not in skip]
    else:
        found = cached_findings(
            loaded,
            lambda: _run_rules(loaded, disable=off | skip | _UNCACHED, today=day),
            today=day,
            disable=off | skip,
        )
    for rule in sorted(_UNCACHED - off - skip):
        found = [*found, *apply_disable(loaded, RULES[rule].run(loaded))]
    return sorted(set(found), key=sort_key)


def _run_rules(loaded: LoadedProfile, *, disable: Iterable[str], today: date) -> list[Problem]:
    off = set(disable)
    found: list[Problem] = []
    found.extend(
        _unknown_ids(loaded, loaded.profile.meta.checks.disable, ("meta", "checks", "disable"))
    )
    for path, item in item_paths(loaded.profile):
        checks = getattr(item, "checks", None)
        if checks is not None:
            found.extend(_unknown_ids(loaded, checks.disable, (*path, "checks", "disable")))
    from . import required

    found.extend(required.check(loaded))
    for rule in RULES.values():
        if rule.id in off:
            continue
        if rule.id in _DATED:
            found.extend(rule.run(loaded, today=today))
        else:
            found.extend(rule.run(loaded))
    kept = apply_disable(loaded, found)
    return sorted(set(kept), key=sort_key)


def findings_on_rest(exc: ProfileError, *, disable: Iterable[str] = ()) -> list[Problem]:
    """The proofreading findings on the valid rest of a profile that has errors
    (profile/partial.py), numbered as the file is, leaving out what is inside a value an
    error already names: with the errors, every kind of problem in one run."""
    from dataclasses import replace

    from ..profile.validate import InvalidProfile

    if not isinstance(exc, InvalidProfile) or exc.partial is None:
        return []
    rest = exc.partial
    bad = [p.path for p in exc.problems if p.path]
    out: list[Problem] = list(rest.notes)
    for p in run_checks(rest, disable=disable):
        path = exc.restore(p.path)
        if not any(path[: len(b)] == b for b in bad):
            out.append(replace(p, path=path))
    return out


_LEVELS = {"error": 0, "warning": 1, "info": 2}


def sort_key(p: Problem) -> tuple[str, int, int, int, str, str]:
    """File order; at one position, errors before warnings before infos."""
    return (p.file, p.line, p.col, _LEVELS.get(p.severity, 3), p.rule, p.message)


__all__ = [
    "ALWAYS_ON",
    "BUILD_ERRORS",
    "RULES",
    "RuleInfo",
    "apply_disable",
    "findings_on_rest",
    "run_checks",
    "sort_key",
]
