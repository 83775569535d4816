"""Rule `tone`: professional, never casual.

The proofreading checklist asks for "a professional tone with no casual language": slang,
runs of exclamation marks, emoji and shouting read as careless in a letter or a résumé. A
résumé bullet starts with a verb, not "I"; the same bullet twice reads as padding.
"""

from __future__ import annotations

import re

from ..profile.errors import FieldPath, Problem, shown
from ..profile.validate import LoadedProfile
from .text import proper_nouns, strings, words
from .vocabulary import acronyms
from .where import Tally, finding, occurrence

RULE = "tone"

CASUAL = frozenset(
    {
        "gonna",
        "wanna",
        "gotta",
        "kinda",
        "sorta",
        "dunno",
        "ain't",
        "awesome",
        "super",
        "stuff",
        "guys",
        "hey",
        "lol",
        "btw",
        "fyi",
        "tbh",
        "imo",
        "omg",
        "yeah",
        "yep",
        "nope",
        "ok",
        "okay",
        "cool",
        "ninja",
        "rockstar",
        "guru",
        "dude",
        "totally",
        "crazy",
        "thx",
        "pls",
        "u",
    }
)
#: A run of ! and ? holding "!!" or "?!", matched from the run's start only (linear time).
_BANGS = re.compile(r"(?<![!?])[!?]*(?:!!|\?!)[!?]*")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff\u2b50\u2b55\u203c\u2049]"
)
#: Template markers are the `placeholders` rule's (an error there), not shouting.
_MARKERS = frozenset({"todo", "fixme", "tktk"})
_BULLET_I = re.compile(r"^\s*I(?:'m|’m|'ve|’ve)?\s")


def _dictionary(loaded: LoadedProfile) -> frozenset[str]:
    """Ordinary words: a word in capitals that is one ("THAT") is shouting; one that is not
    ("RGAA", "PNRR") is an acronym. Loaded only when a capitalized word needs deciding."""
    from .spelling import vocabulary

    return vocabulary(loaded)


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def check(loaded: LoadedProfile) -> list[Problem]:
    out: list[Problem] = []
    known = proper_nouns(loaded.profile) | acronyms()
    bullets: dict[str, FieldPath] = {}
    tally = Tally(RULE)
    for text in strings(loaded.profile):
        if not text.prose:
            continue
        hits: list[tuple[str, int, str, str]] = []
        for word, offset in words(text.value):
            lower = word.lower()
            if lower in CASUAL and not (word.isupper() and len(word) > 1):
                hits.append((word, offset, f"{word!r} is casual", "use plain professional wording"))
            elif (
                len(word) >= 4
                and word.isupper()
                and lower not in known | _MARKERS
                and lower in _dictionary(loaded)
            ):
                hits.append(
                    (
                        word,
                        offset,
                        f"{word!r} in capitals reads as shouting",
                        "write it in lower case",
                    )
                )
        for match in _BANGS.finditer(text.value):
            hits.append((match.group(), match.start(), shown(match.group()), "one '!' at most"))
        for match in _EMOJI.finditer(text.value):
            hits.append(
                (match.group(), match.start(), f"emoji {match.group()!r}", "leave emoji out")
            )
        for found, offset, message, hint in sorted(hits, key=lambda hit: hit[1]):
            if not tally.take(text.path):
                continue
            n = occurrence(text.value, found, offset)
            out.append(
                finding(loaded, RULE, text.path, message, hint=hint, text=found, occurrence=n)
            )
        if text.field == "highlights":
            if _BULLET_I.match(text.value):
                out.append(
                    finding(
                        loaded,
                        RULE,
                        text.path,
                        "the bullet starts with 'I'",
                        hint="start with the verb: 'Led...', 'Built...'",
                    )
                )
            key = _normal(text.value)
            if key in bullets:
                first = bullets[key]
                out.append(
                    finding(
                        loaded,
                        RULE,
                        text.path,
                        "the same highlight appears twice",
                        hint=f"it is also at line {loaded.source.locate(first)[0]}; keep one",
                    )
                )
            else:
                bullets[key] = text.path
    return out + tally.notes(loaded)
