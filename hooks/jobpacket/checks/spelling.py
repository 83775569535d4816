"""Rule `spelling`: words that are in no dictionary, not in the profile, not in your list.

The dictionary is pyspellchecker's word list for the profile's language (`meta.lang`,
English by default). It knows nothing of your employer or your tools, so the profile's own
names (people, organizations, technologies, keywords, tags), a list of common technical terms
(words/tech.txt) and your own list (profiles/dictionary.txt, one word per line) count as
words too. Web and email addresses, code spans, identifiers, CamelCase, acronyms, anything
with a digit, and capitalized words inside a sentence (names the profile does not list) are
not proofread.

Loading the dictionary costs about 0.35 s, so it is loaded only when some word is not already
known from those lists, and once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..profile.errors import Problem
from ..profile.validate import LoadedProfile
from .text import proper_nouns, strings, words
from .vocabulary import DICTIONARY_FILE, known_words, user_words
from .where import finding, occurrence

RULE = "spelling"
#: Languages pyspellchecker ships a dictionary for.
LANGUAGES = frozenset({"en", "es", "fr", "pt", "de", "it", "ru", "ar", "lv", "eu", "nl", "fa"})


@lru_cache(maxsize=2)
def dictionary(language: str) -> Any:
    from spellchecker import SpellChecker

    # Distance 1 only: a distance-2 suggestion for a long word takes up to a second.
    return SpellChecker(language=language, distance=1)


def _sentence_start(text: str, offset: int) -> bool:
    """Whether a word begins a sentence, a line or a list item (where any word is capitalized)."""
    before = text[:offset].rstrip(" \t*_\"'“‘(-•")
    return not before or before[-1] in ".!?:\n#>"


def _plural_of_known(spell: Any, word: str) -> bool:
    if len(word) < 4 or not word.endswith("s"):
        return False
    return not spell.unknown([word[:-1]]) or (
        word.endswith("es") and not spell.unknown([word[:-2]])
    )


def _stem(word: str) -> str:
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def check(loaded: LoadedProfile) -> list[Problem]:
    profile = loaded.profile
    language = (profile.meta.lang or "en").replace("_", "-").split("-")[0].lower()
    if language not in LANGUAGES:
        return [
            finding(
                loaded,
                RULE,
                ("meta", "lang"),
                f"no spelling dictionary for {profile.meta.lang!r}; spelling is not checked",
                level="info",
                hint="languages with a dictionary: " + ", ".join(sorted(LANGUAGES)),
            )
        ]
    known = proper_nouns(profile) | known_words() | user_words(loaded.path)
    found = []
    for text in strings(profile):
        if not text.prose:
            continue
        for word, offset in words(text.value):
            stem = _stem(word)
            if len(stem) < 3 or word.isupper() or stem in known:
                continue
            if word[:1].isupper() and not _sentence_start(text.value, offset):
                continue  # a capitalized word mid-sentence is a name: Sooners, Weisman
            found.append((text, word, stem, offset))
    if not found:
        return []
    spell = dictionary(language)
    unknown = spell.unknown({stem for _, _, stem, _ in found})
    # Some word lists (Spanish) lack regular plurals: "años" is a word when "año" is.
    unknown = {w for w in unknown if not _plural_of_known(spell, w)}
    out = []
    for text, word, stem, offset in found:
        if stem not in unknown:
            continue
        guess = spell.correction(stem)
        if guess and guess != stem:
            shown = guess.capitalize() if word[:1].isupper() else guess
            hint = f"did you mean {shown!r}?"
        else:
            hint = f"if it is right, add it to profiles/{DICTIONARY_FILE}"
        out.append(
            finding(
                loaded,
                RULE,
                text.path,
                repr(word),
                hint=hint,
                text=word,
                occurrence=occurrence(text.value, word, offset),
            )
        )
    return out
