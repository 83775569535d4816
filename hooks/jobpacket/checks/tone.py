"""Rule `tone`: professional, never casual.

The proofreading checklist asks for "a professional tone with no casual language": slang,
runs of exclamation marks, emoji and shouting read as careless in a letter or a résumé. A
résumé bullet starts with a verb, not "I"; the same bullet twice reads as padding.
"""

from __future__ import annotations

import re

from ..errors import FieldPath, Problem, shown
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
#: A word in capitals of up to this many letters (a plural "s" aside) may be an acronym
#: whatever a dictionary says: STEM, CRUD, AJAX, WYSIWYG, SMEs (on real profiles, words in
#: capitals are nearly always acronyms). It is shouting only when it is one of _EMPHASIS.
ACRONYM_MAX = 8
#: Short English words people put in capitals for emphasis, and that are nobody's acronym.
_EMPHASIS = frozenset(
    {
        "that", "this", "these", "those", "not", "never", "always", "very", "really", "must",
        "only", "every", "all", "any", "best", "love", "loved", "huge", "highly", "truly",
        "totally", "super", "great", "amazing", "awesome", "important", "urgent", "please",
        "thank", "thanks", "you", "your", "will", "would", "should", "have", "was", "were",
        "and", "the", "with", "from", "more", "most", "much", "many", "so", "too", "extremely",
        "definitely", "passion", "passionate", "excited", "proud", "dream", "hard", "fast",
    }
)  # fmt: skip
_BULLET_I = re.compile(r"^\s*I(?:'m|’m|'ve|’ve)?\s")


def _dictionary(loaded: LoadedProfile, path: FieldPath) -> frozenset[str]:
    """Ordinary words: a word in capitals that is one ("THAT") is shouting; one that is not
    ("RGAA", "PNRR") is an acronym. In the language the spelling rule reads the text at
    `path` in (an application's own `lang` for its letters). Loaded only when a capitalized
    word needs deciding."""
    from .spelling import language_of, text_language, vocabulary

    return vocabulary(loaded, text_language(loaded, path, language_of(loaded)))


def _shouting(word: str, known: frozenset[str], loaded: LoadedProfile, path: FieldPath) -> bool:
    """An ordinary word in capitals. Up to ACRONYM_MAX letters (a plural "s" aside) only
    the emphasis words count, since any such token may be an acronym; longer ones count
    when the dictionary has them (PROFESSIONAL, not ISO27001 or a name the profile uses)."""
    lower = word.lower()
    if lower in known or lower in _MARKERS:
        return False
    core = lower[:-1] if len(lower) > 2 and word.endswith(("s", "S")) else lower
    if len(core) <= ACRONYM_MAX:
        return lower in _EMPHASIS
    return lower in _dictionary(loaded, path)


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
            elif word.isupper() and len(word) >= 2 and _shouting(word, known, loaded, text.path):
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
