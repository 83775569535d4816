"""The language a profile is written in, when `meta.lang` does not say (JSON Resume files
never carry it): read from the words of its prose.

Without it, a French, German or Portuguese résumé was proofread as English: hundreds of
warnings, some of them suggestions that would corrupt the text ('projets' -> 'projects').

How: the short function words of each language with a spelling dictionary (articles,
prepositions, conjunctions: "the, and, of", "le, la, des, et", "der, und, mit") are the most
frequent words of any prose and differ between languages, so counting them is enough for a
profile's few hundred words. It runs in well under a millisecond, offline, with nothing to
install and the same answer every time. A trained detector was weighed and left out:
lingua-language-detector is a large install and building it for these languages takes longer
than all the other rules together; langdetect is no longer maintained and its answers are
random unless seeded. On a whole profile the function words decide as
well (scripts/false_positives.py: every realworld file without meta.lang is recognized).

When the evidence is thin (a few words, two languages close), nothing is decided and the
default, English, stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# fmt: off
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({
        "the", "and", "of", "to", "in", "for", "with", "on", "by", "from", "at", "as", "an",
        "is", "was", "were", "are", "our", "my", "i", "their", "that", "which", "this", "into",
        "over", "across", "using", "who", "while", "than", "per", "through", "within",
    }),
    "fr": frozenset({
        "le", "la", "les", "des", "du", "et", "en", "pour", "dans", "avec", "une", "un",
        "sur", "au", "aux", "par", "est", "sont", "d", "l", "qu", "qui", "que", "chez",
        "depuis", "ou", "ses", "leur", "plus", "entre", "auprès", "cette", "ces", "de",
    }),
    "de": frozenset({
        "der", "die", "das", "und", "mit", "für", "von", "bei", "den", "dem", "ein", "eine",
        "einer", "im", "zur", "zum", "auf", "als", "ist", "sowie", "durch", "über", "nach",
        "aus", "sich", "wurde", "vom", "am", "zu", "in",
    }),
    "es": frozenset({
        "el", "la", "los", "las", "y", "a", "de", "en", "con", "para", "por", "del", "una", "un",
        "que", "se", "sus", "como", "al", "desde", "su", "más", "entre", "sobre",
    }),
    "pt": frozenset({
        "o", "a", "os", "as", "e", "de", "do", "da", "dos", "das", "em", "no", "na", "nos",
        "nas", "com", "para", "por", "um", "uma", "que", "pelo", "pela", "ao", "mais", "seu",
        "sua",
    }),
    "it": frozenset({
        "il", "lo", "la", "gli", "le", "e", "di", "del", "della", "dei", "delle", "per",
        "con", "in", "un", "una", "che", "nel", "nella", "al", "alla", "sul", "da", "degli",
        "ed", "dalla",
    }),
    "nl": frozenset({
        "de", "het", "een", "en", "van", "voor", "met", "op", "in", "aan", "bij", "naar",
        "als", "door", "zijn", "ook", "tot", "uit", "om", "werd", "binnen",
    }),
}
# fmt: on

_OWNERS: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOP_WORDS.items():
    for _word in _words:
        _OWNERS[_word] = (*_OWNERS.get(_word, ()), _lang)

NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
    "ar": "Arabic",
    "fa": "Persian",
}
#: Function words (weighted) needed before a language is named, and how far ahead of the
#: runner-up it must be.
MIN_HITS = 3.0
MARGIN = 1.5
_TOKEN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN = re.compile(r"[پچژگ]")  # letters Persian adds to the Arabic alphabet


def detect(texts: Iterable[str]) -> str | None:
    """The language code the texts are written in, or None when they do not say clearly."""
    joined = "\n".join(texts)
    letters = sum(c.isalpha() for c in joined)
    if letters and len(_CYRILLIC.findall(joined)) > letters / 2:
        return "ru"
    if letters and len(_ARABIC.findall(joined)) > letters / 2:
        return "fa" if _PERSIAN.search(joined) else "ar"
    # A word several languages share ("de", "la", "in") counts for each a share of one:
    # the words only one language has decide between close ones (Spanish, Portuguese).
    hits: dict[str, float] = {}
    for token in _TOKEN.findall(joined.lower()):
        owners = _OWNERS.get(token, ())
        for lang in owners:
            hits[lang] = hits.get(lang, 0.0) + 1 / len(owners)
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])[:2]
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best if count >= MARGIN * runner_up else None


__all__ = ["MARGIN", "MIN_HITS", "NAMES", "STOP_WORDS", "detect"]
