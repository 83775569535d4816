"""Rule `required`: what the build needs to make the documents, found without making them.

`mkdocs build` and `jobpacket pdf` stop on these; `jobpacket check` must say so first, at the
same line, or a profile it calls fine would fail to build. They cannot be turned off.
"""

from __future__ import annotations

from ..errors import Problem
from ..profile.validate import LoadedProfile
from .where import finding

RULE = "required"


def check(loaded: LoadedProfile) -> list[Problem]:
    out: list[Problem] = []
    profile = loaded.profile
    if not (profile.basics.name or "").strip():
        out.append(
            finding(
                loaded,
                RULE,
                ("basics", "name"),
                "printed documents need your name",
                level="error",
                hint="add basics.name",
                key=profile.basics.name is None,
            )
        )
    for i, app in enumerate(profile.applications):
        letter = app.letter
        # An absent body is assembled from the profile; a body present but blank is a
        # letter the user started and left empty.
        if letter is not None and letter.body is not None and not letter.body.strip():
            out.append(
                finding(
                    loaded,
                    RULE,
                    ("applications", i, "letter", "body"),
                    "the letter body is empty",
                    level="error",
                    hint=f"write the {letter.kind} letter in Markdown under letter.body, or "
                    "remove `body:` to have jobpacket assemble it from the profile",
                )
            )
    return out
