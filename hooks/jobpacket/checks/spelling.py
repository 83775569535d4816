"""Rule `spelling`: words that are in no dictionary, not in the profile, not in your list.

The dictionary is pyspellchecker's word list for the profile's language (`meta.lang`,
English by default); an application with a `lang` of its own has its text (its letters) read
in that one. It knows nothing of your employer or your tools, so the profile's own
names (people, organizations, technologies, keywords, tags), a list of common technical terms
(words/tech.txt) and your own list (profiles/dictionary.txt, one word per line) count as
words too. Web and email addresses, code spans, identifiers, CamelCase, acronyms, anything
with a digit, and capitalized words inside a sentence (names the profile does not list) are
not proofread.

Loading pyspellchecker's dictionary is most of the time of `jobpacket check`. Whether a word
is in it only needs the list of words, so that list is kept as plain text in the cache folder
(`.jobpacket-cache/spelling/`, or JOBPACKET_CACHE_DIR), which reads far faster; the full
dictionary is loaded only to suggest a correction for a word that is not in it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import FieldPath, Problem
from ..i18n.tags import DEFAULT, primary
from ..profile.validate import LoadedProfile
from .text import mask, proper_nouns, strings, words
from .vocabulary import DICTIONARY_FILE, known_words, user_words
from .where import Tally, finding, occurrence

RULE = "spelling"
#: Languages pyspellchecker ships a dictionary for.
LANGUAGES = frozenset({"en", "es", "fr", "pt", "de", "it", "ru", "ar", "lv", "eu", "nl", "fa"})


@lru_cache(maxsize=2)
def dictionary(language: str) -> Any:
    from spellchecker import SpellChecker

    # Distance 1 only: a distance-2 suggestion for a long word takes up to a second.
    return SpellChecker(language=language, distance=1)


def _cache_file(loaded: LoadedProfile, language: str) -> Path:
    from spellchecker.info import __version__

    from ..caches import cache_folder

    name = f"{language}-pyspellchecker-{__version__}.txt"
    return cache_folder(loaded.path) / "spelling" / name


@lru_cache(maxsize=4)
def _word_list(cache: Path, language: str) -> frozenset[str]:
    """The dictionary's words, from the cache file, else from the dictionary (then cached)."""
    from ..caches import read_text_entry, write_cache_entry

    found = read_text_entry(cache)
    if found is not None:
        return frozenset(found.split("\n"))
    words = frozenset(dictionary(language).word_frequency.keys())
    # in set order: sorting the list costs a first run more than reading it ever saves
    write_cache_entry(cache, "\n".join(words).encode("utf-8"), keep=None)
    return words


def release() -> None:
    """Let go of the dictionaries and word lists (tens of MB), kept for the next run of the
    rules: a one-shot command that has proofread frees them before it renders."""
    dictionary.cache_clear()
    _word_list.cache_clear()


_OPENERS = frozenset(" \t*_\"'“‘(-•")


def _sentence_start(text: str, offset: int) -> bool:
    """Whether a word begins a sentence, a line or a list item (where any word is capitalized).

    Looks back from the word over spaces and opening marks only, never copying the text
    before it: done for every word, a copy made checking a long text quadratic."""
    i = offset - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:\n#>"


def _plural_of_known(vocabulary: frozenset[str], word: str) -> bool:
    if len(word) < 4 or not word.endswith("s"):
        return False
    return word[:-1] in vocabulary or (word.endswith("es") and word[:-2] in vocabulary)


def _stem(word: str) -> str:
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") else lower


#: The spelling language of Cyrillic prose whose language its letters do not decide (Russian
#: or Bulgarian, Serbian or Macedonian): no dictionary, as English would flag every word.
UNDETERMINED = "und"


def language_of(loaded: LoadedProfile) -> str:
    """The spelling language: `meta.lang`, else the one the prose is written in
    (language.py), else English (`UNDETERMINED` for Cyrillic prose)."""
    if loaded.profile.meta.lang:
        return primary(loaded.profile.meta.lang)
    detected = detected_language(loaded)
    if detected is not None:
        return detected
    from .language import mostly_cyrillic

    return UNDETERMINED if mostly_cyrillic("\n".join(_prose(loaded))) else DEFAULT


def _prose(loaded: LoadedProfile) -> list[str]:
    return [mask(t.value) for t in strings(loaded.profile) if t.prose]


def detected_language(loaded: LoadedProfile) -> str | None:
    """The language of the profile's prose when `meta.lang` is not set (None: not clear)."""
    from .language import detect

    return detect(_prose(loaded))


def _detected_note(loaded: LoadedProfile, language: str) -> Problem | None:
    """One info line saying which language the spelling was checked in, and why: when it is
    not the default, English (which needs no saying)."""
    if loaded.profile.meta.lang or language == "en":
        return None
    from .language import NAMES

    if language == UNDETERMINED:
        return finding(
            loaded,
            RULE,
            ("meta", "lang"),
            "meta.lang is not set and the text's Cyrillic letters do not say which language "
            "it is, so spelling is not checked",
            level="info",
            hint="set meta.lang: ru, uk, be, bg, sr or mk (it also sets the headings' language)",
        )
    detected = detected_language(loaded)
    if detected is None:
        return None
    name = NAMES.get(detected, detected)
    checked = "spelling is checked in it" if detected in LANGUAGES else "spelling is not checked"
    return finding(
        loaded,
        RULE,
        ("meta", "lang"),
        f"meta.lang is not set; the text reads as {name}, so {checked}",
        level="info",
        hint=f"set meta.lang: {detected} to say so (it also sets the headings' language)",
    )


def text_language(loaded: LoadedProfile, path: FieldPath, language: str) -> str:
    """The spelling language of the text at ``path``: an application's own `lang` for
    everything under that application (its letters, position, contact: what its letters
    print), else ``language``, the profile's (`language_of`)."""
    if len(path) > 1 and path[0] == "applications" and isinstance(path[1], int):
        own = loaded.profile.applications[path[1]].lang
        if own:
            return primary(own)
    return language


def vocabulary(loaded: LoadedProfile, language: str | None = None) -> frozenset[str]:
    """Words of ``language`` (by default the profile's), and English: people write English
    technical words ("stack", "embedded") in any language. Empty when the language has no
    dictionary."""
    language = language or language_of(loaded)
    if language not in LANGUAGES:
        return frozenset()
    english = _word_list(_cache_file(loaded, "en"), "en")
    if language == "en":
        return english
    return _word_list(_cache_file(loaded, language), language) | english


#: Dictionary languages whose script has no capitals.
_UNCASED = frozenset({"ar", "fa"})
_ELISION = re.compile(r"^[a-zA-Z]{1,2}['’](?=\w{2})")  # l’, d’, qu’, dell’


def _known_form(vocab: frozenset[str], word: str, english: bool) -> bool:
    """Regular forms a word list may lack: plurals ("años"); outside English, elided articles
    ("l’accessibilité") and inflected endings ("spiegabile" next to "spiegabili")."""
    if _plural_of_known(vocab, word):
        return True
    unligated = word.replace("œ", "oe").replace("æ", "ae")
    if unligated != word and (unligated in vocab or _plural_of_known(vocab, unligated)):
        return True  # œuvre: the word lists write oeuvre
    if english:
        return False
    bare = _ELISION.sub("", word)
    if bare != word and (bare in vocab or _plural_of_known(vocab, bare)):
        return True
    return bare[-1:] in "aeiou" and any(bare[:-1] + v in vocab for v in "aeiou")


def check(loaded: LoadedProfile) -> list[Problem]:
    language = language_of(loaded)
    note = _detected_note(loaded, language)
    return ([note] if note else []) + _check(loaded, language)


def _check(loaded: LoadedProfile, language: str) -> list[Problem]:
    """The profile's text in ``language``; an application with a `lang` of its own in that
    language (`text_language`)."""
    profile = loaded.profile
    notes: list[Problem] = []
    if language not in LANGUAGES and profile.meta.lang:
        notes.append(
            finding(
                loaded,
                RULE,
                ("meta", "lang"),
                f"no spelling dictionary for {profile.meta.lang!r}; spelling is not checked",
                level="info",
                hint="languages with a dictionary: " + ", ".join(sorted(LANGUAGES)),
            )
        )  # without meta.lang, the note of `_detected_note` says so
    known = proper_nouns(profile) | known_words() | user_words(loaded.path)
    found = []
    for text in strings(profile):
        if not text.prose:
            continue
        lang = text_language(loaded, text.path, language)
        if lang not in LANGUAGES:
            continue
        uncased = lang in _UNCASED
        for word, offset in words(text.value):
            stem = _stem(word)
            if len(stem) < 3 or word.isupper() or stem in known:
                continue
            if not uncased and not any(c.islower() for c in word):
                continue  # a name in a script without case (漢字) in a Latin-script profile
            if word[:1].isupper() and not _sentence_start(text.value, offset):
                continue  # a capitalized word mid-sentence is a name: Sooners, Weisman
            found.append((text, word, stem, offset, lang))
    vocabs = {lang: vocabulary(loaded, lang) for *_, lang in found}
    unknown = {
        (lang, stem)
        for _, _, stem, _, lang in found
        if stem not in vocabs[lang] and not _known_form(vocabs[lang], stem, lang == "en")
    }
    if not unknown:
        return notes
    out = []
    tally = Tally(RULE)
    guesses: dict[tuple[str, str], str | None] = {}
    for text, word, stem, offset, lang in found:
        if (lang, stem) not in unknown:
            continue
        english = lang == "en"
        if not tally.room(text.path):
            tally.take(text.path)  # counted as not listed, without a costly suggestion
            continue
        bare = stem if english else _ELISION.sub("", stem)
        # An English suggestion for a word with letters English does not use (projets is
        # French, não Portuguese) would corrupt it: say it is unknown, suggest nothing.
        if english and not bare.isascii():
            guess = None
        else:
            if (lang, bare) not in guesses:
                guesses[lang, bare] = dictionary(lang).correction(bare)
            guess = guesses[lang, bare]
        if guess and bare != stem:
            guess = stem[: len(stem) - len(bare)] + guess  # keep the elided article: d’...
        if not english and not (guess and guess != stem):
            # Outside English the word lists are thinner: a word with no near neighbour is
            # more likely missing from the list than misspelt, so only likely typos are shown.
            continue
        if not tally.take(text.path):
            continue
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
    return notes + out + tally.notes(loaded)
