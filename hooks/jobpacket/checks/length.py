"""Rule `length`: a letter body far too short to say anything, or too long for one page.

Counted in words here, so `jobpacket check` needs no renderer; whether a letter really
overflows its page, and whether the résumé keeps to `meta.pages`, is measured on the rendered
PDF by render.py (the build's print step and `jobpacket check --render`).
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..profile.validate import LoadedProfile
from .where import finding

RULE = "length"
#: A letter that says why this role, two or three achievements and a close needs about
#: 150 words; a page of letter holds about 450 below the sender and recipient blocks.
MIN_WORDS = 80
MAX_WORDS = 450


_LINK_TARGET = re.compile(r"\]\([^)\]]*\)")  # stops at the next `]`: linear time
_WORD = re.compile(r"[\w'’-]+")


def word_count(markdown: str) -> int:
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown)))


def check(loaded: LoadedProfile) -> list[Problem]:
    out = []
    for i, app in enumerate(loaded.profile.applications):
        letter = app.letter
        if letter is None or not letter.body or not letter.body.strip():
            continue
        n = word_count(letter.body)
        where = ("applications", i, "letter", "body")
        if n < MIN_WORDS:
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the {letter.kind} letter has {n} words, far too short",
                    hint=f"aim for 150 to 400: why this role, two or three achievements "
                    f"that match it, and a courteous close (at least {MIN_WORDS})",
                )
            )
        elif n > MAX_WORDS:
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the {letter.kind} letter has {n} words, more than one page holds",
                    hint=f"cut it to about 400 (at most {MAX_WORDS}); keep the strongest examples",
                )
            )
    return out
