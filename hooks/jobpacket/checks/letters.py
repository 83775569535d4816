"""Rule `letters`: what the print step would find in each application's letter, found first.

Every application gets a letter: the user's body (with its ``[[updates]]`` and
``[[enclosures]]`` blocks) or one assembled from the profile (print/letters.py). Preparing a
body reports what stops it (an unknown block, a reconsideration letter with nothing to count
"new" from, a role proposal without the role); the build stops on those errors, so `jobpacket
check` runs the same preparation and reports the same findings, at the same lines. Its errors
cannot be turned off; its warnings can. A body present but blank is the `required` rule's.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import Problem
from ..profile.model import Application
from ..profile.validate import LoadedProfile

RULE = "letters"


def _each_letter(app: Application) -> list[Application]:
    """The application once per letter of its timeline (`letter:`, then each of `letters:`),
    that letter as its `letter`; once, with none, when it has no letter (a cover letter is
    assembled)."""
    from ..views.timeline import timeline

    entries = timeline(app)
    if not entries:
        return [app]
    return [app.model_copy(update={"letter": e.letter}) for e in entries]


def check(loaded: LoadedProfile) -> list[Problem]:
    from ..print.letters import letter_body
    from ..print.printkit import letter_date
    from ..views.letterlang import letter_lang

    out: list[Problem] = []
    profile = loaded.profile
    for i, app in (
        (i, a) for i, whole in enumerate(profile.applications) for a in _each_letter(whole)
    ):
        if app.letter and app.letter.body is not None and not app.letter.body.strip():
            continue  # the `required` rule reports a blank body
        body = letter_body(
            profile,
            i,
            app,
            enclosures=[a.title or a.path for a in app.attachments],
            letter_date=letter_date(loaded, app),
            lang=letter_lang(profile, i),  # dated and worded as the print step does
        )
        out.extend(
            loaded.source.problem(f.path, f.message, severity=f.severity, rule=RULE)
            for f in body.findings
        )
    return out


def tailoring(loaded: LoadedProfile) -> list[Problem]:
    """Rule `tailoring`: tags in an application's `tailor` that select nothing."""
    from ..views.tailored import tailoring_findings

    return [replace(p, rule="tailoring") for p in tailoring_findings(loaded)]
