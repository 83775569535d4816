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

Cyrillic prose is read by its alphabet instead (`cyrillic_language`: Russian, Ukrainian,
Belarusian, Bulgarian, Serbian, Macedonian), Arabic-script prose by the letters Persian adds.

When the evidence is thin (a few words, two languages close), nothing is decided and the
default, English, stays (for Cyrillic prose, spelling is then not checked).

Rule `language`: jobpacket writes a letter's date line, subject line, salutation and closing
in the letter's language (its application's `lang`, else `meta.lang`), and the résumé's
headings, month names and "Present" in `meta.lang`'s; a letter written in another language
than its own then goes out mixed ("3. November 2026", "Bitte um erneute Prüfung" around "Dear
Dr. Feldman" and English paragraphs). Each letter's own text
(greeting, body, closing, circumstances) and the profile's prose outside the applications are
read with the same function words, and a warning says when one clearly reads as another
language. It is cautious: a text under `MIN_WORDS` words is not judged, the other language must
have `CLEAR` times the declared one's function words (a German letter quoting English
highlights or an English project title stays German), referees' quotations are someone else's
words, and a declared language this module cannot recognize (Polish, Japanese...) is never
contradicted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..errors import FieldPath, Problem
from ..i18n.letterbook import has_letters
from ..i18n.tags import primary
from ..profile.model import ApplicationLetter
from ..profile.validate import LoadedProfile
from ..views.letterlang import letter_lang
from .text import mask, strings, words
from .where import finding

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
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "mk": "Macedonian",
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

# --- Cyrillic: which language, from the letters its alphabet has -------------------------------
#
# Every Cyrillic text was once named Russian, so a Ukrainian profile was told "set meta.lang:
# ru" and spell-checked with the Russian word list. The alphabets differ enough to tell the
# languages apart without a list of function words for each. A letter a language's alphabet
# lacks is evidence against it: Ukrainian has no ы, э, ё, ъ and
# has і, ї, є, ґ; Belarusian has ў and no и, щ; Bulgarian has no ы, э, ё; Serbian and
# Macedonian have ј, љ, њ, џ and none of й, щ, ъ, ы, ь, э, ю, я, ё. Bulgarian's alphabet is
# Russian's less three letters, so a text that fits both is Bulgarian only when ъ stands
# where Russian never puts it: before a consonant or at a word's end (път, България, към;
# Russian writes ъ only before е, ё, ю, я: объект), or it has words only one of the two has
# (че, това, като; что, это, также), none of them a word of the other Cyrillic languages.
# Serbian and Macedonian are told apart by ђ, ћ (Serbian) and ѓ, ќ, ѕ (Macedonian). When the
# letters do not decide, nothing is named.

_RU = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset(_RU),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "be": frozenset("абвгдеёжзійклмнопрстуўфхцчшыьэюя"),
    "bg": frozenset(_RU) - frozenset("ыэё"),
    "sr": frozenset("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "mk": frozenset("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
}
#: Letters outside a language's alphabet it may still hold, as a share of its Cyrillic
#: letters: a place or a name in another language (Київ in a Russian résumé).
FOREIGN_SHARE = 0.01
_CYRILLIC_LETTERS = frozenset().union(*ALPHABETS.values())
_FREE_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
_OWN_WORDS: dict[str, frozenset[str]] = {
    "bg": frozenset(
        {"съм", "като", "че", "ще", "със", "във", "към", "това", "също", "които", "който",
         "която", "което"}
    ),
    "ru": frozenset(
        {"что", "это", "также", "который", "которые", "которая", "которых", "чтобы", "если"}
    ),
}  # fmt: skip
#: Serbian's and Macedonian's own words (је, у; е, во, со), read only when no other alphabet
#: fits: Russian and Bulgarian have у, е, во and со too.
_SOUTH_WORDS: dict[str, frozenset[str]] = {
    "sr": frozenset({"је", "у", "са", "сам", "није", "који", "које"}),
    "mk": frozenset({"е", "во", "со", "сум", "кој", "кое", "дека"}),
}


def mostly_cyrillic(text: str) -> bool:
    """Whether most of the text's letters are Cyrillic (then `detect` reads its alphabet)."""
    letters = sum(c.isalpha() for c in text)
    return bool(letters) and len(_CYRILLIC.findall(text)) > letters / 2


def cyrillic_language(text: str) -> str | None:
    """The Cyrillic-script language the text is written in, from the letters its alphabet
    has and lacks, or None when they do not decide (too few, or two alphabets mixed)."""
    lower = text.lower()
    letters = [c for c in lower if c in _CYRILLIC_LETTERS]
    allowed = len(letters) * FOREIGN_SHARE
    fitting = [
        lang
        for lang, alphabet in ALPHABETS.items()
        if sum(1 for c in letters if c not in alphabet) <= allowed
    ]
    # Evidence for each fitting language: its letters none of the other fitting ones has.
    evidence: dict[str, int] = {}
    for lang in fitting:
        others = frozenset().union(*(ALPHABETS[o] for o in fitting if o != lang))
        evidence[lang] = sum(1 for c in letters if c not in others)
    if "bg" in evidence:
        evidence["bg"] += len(_FREE_HARD_SIGN.findall(lower))
    words = _OWN_WORDS if not set(fitting) <= {"sr", "mk"} else _SOUTH_WORDS
    for token in _TOKEN.findall(lower):
        for lang, own in words.items():
            if lang in evidence and token in own:
                evidence[lang] += 1
    named = [lang for lang, count in evidence.items() if count > 0]
    return named[0] if len(named) == 1 else None


def function_words(texts: Iterable[str]) -> dict[str, float]:
    """How many function words of each language the texts hold. A word several languages
    share ("de", "la", "in") counts for each a share of one: the words only one language has
    decide between close ones (Spanish, Portuguese)."""
    hits: dict[str, float] = {}
    for token in _TOKEN.findall("\n".join(texts).lower()):
        owners = _OWNERS.get(token, ())
        for lang in owners:
            hits[lang] = hits.get(lang, 0.0) + 1 / len(owners)
    return hits


def detect(texts: Iterable[str]) -> str | None:
    """The language code the texts are written in, or None when they do not say clearly."""
    joined = "\n".join(texts)
    letters = sum(c.isalpha() for c in joined)
    if mostly_cyrillic(joined):
        return cyrillic_language(joined)
    if letters and len(_ARABIC.findall(joined)) > letters / 2:
        return "fa" if _PERSIAN.search(joined) else "ar"
    hits = function_words([joined])
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])[:2]
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best if count >= MARGIN * runner_up else None


# --- rule `language`: a text in another language than the one declared ----------------------

RULE = "language"
#: Words of prose below which a text is not judged: a short note, a greeting and a closing.
MIN_WORDS = 40
#: How many times the declared language's function words the other language must have.
CLEAR = 2.0
#: Languages `detect` can name; a declared one it cannot (pl, ja) is never contradicted.
#: Serbian is not: it is written in Latin letters as often as in Cyrillic, which
#: `cyrillic_language` alone reads.
KNOWN = frozenset({*STOP_WORDS, "ru", "uk", "be", "bg", "mk", "ar", "fa"})
#: Languages told apart by a few letters only: not contradicted by each other.
_SAME_SCRIPT = {"fa": "ar"}
#: The fields of a letter the writer wrote, in the order it prints them.
LETTER_FIELDS = ("greeting", "body", "circumstances", "closing")


def other_language(texts: list[str], declared: str) -> str | None:
    """The language `texts` clearly read as when it is not `declared`, else None: enough
    prose, `detect` decided, and far more of its function words than of the declared one's."""
    masked = [mask(t) for t in texts]
    if sum(1 for t in masked for _ in words(t)) < MIN_WORDS:
        return None
    found = detect(masked)
    if found is None or _SAME_SCRIPT.get(found, found) == _SAME_SCRIPT.get(declared, declared):
        return None
    if found in STOP_WORDS:
        hits = function_words(masked)
        if hits[found] < CLEAR * hits.get(declared, 0.0):
            return None
    return found


def _letters(
    loaded: LoadedProfile,
) -> Iterator[tuple[int, FieldPath, ApplicationLetter, bool]]:
    """Every letter of every application (`letter:`, then each of `letters:`) with the
    application's index, the letter's path, and whether it prints an enclosures line
    (print/enclosures.py: a thank-you encloses only the application's own attachments and
    documents)."""
    from ..views.timeline import timeline

    for i, app in enumerate(loaded.profile.applications):
        for entry in timeline(app):
            encloses = entry.letter.kind != "thank-you" or bool(app.attachments or app.documents)
            yield i, ("applications", i, *entry.path), entry.letter, encloses


def _name(code: str) -> str:
    return NAMES.get(code, code)


def _profile_prose(loaded: LoadedProfile) -> list[str]:
    """The profile's own prose: not its letters (judged one by one) nor the referees'
    quotations (their words, in their language)."""
    return [
        t.value
        for t in strings(loaded.profile)
        if t.prose and t.path[0] != "applications" and t.field != "reference"
    ]


def _letter_hint(loaded: LoadedProfile, index: int, found: str, rest: str | None) -> str:
    """What to do about a letter that reads as `found`, not as its application's language.

    The letter's language is its application's `lang`, else `meta.lang`
    (views/letterlang.py). Writing it in that language is always offered; then the setting
    that changes the least: this application's `lang` when jobpacket writes letters in the
    letter's language (or removing it, when the letter is in meta.lang's), and `meta.lang`
    only when the rest of the profile reads as the letter does (else the résumé's headings
    would no longer match it)."""
    profile = loaded.profile
    declared = _name(primary(letter_lang(profile, index)))
    own = profile.applications[index].lang is not None
    setting = f"applications[{index}].lang"
    whole = not own and rest in (None, found) and found != primary(profile.meta.lang)
    if own and found == primary(profile.meta.lang):
        return f"write it in {declared}, or remove {setting} to use meta.lang's"
    if has_letters(found):
        hint = f"write it in {declared}, or set {setting}: {found} for this application's letters"
        return hint + (f", or meta.lang: {found} for the whole profile" if whole else "")
    if whole:
        return f"write it in {declared}, or set meta.lang: {found}"
    if not own and rest == primary(profile.meta.lang):
        return (
            f"write it in {declared}: meta.lang sets the letters' language, and the rest of "
            f"the profile reads as {declared}"
        )
    return f"write it in {declared}"


def _letter_finding(
    loaded: LoadedProfile,
    index: int,
    where: FieldPath,
    letter: ApplicationLetter,
    encloses: bool,
    rest: str | None,
) -> Problem | None:
    """The finding for one letter whose own text reads as another language than its
    application's (`lang`, else meta.lang); `rest` is the language the rest of the profile
    reads as."""
    profile = loaded.profile
    lang = letter_lang(profile, index)
    declared = primary(lang)
    texts = {f: v for f in LETTER_FIELDS if (v := getattr(letter, f)) and v.strip()}
    found = other_language(list(texts.values()), declared)
    if found is None:
        return None
    # what jobpacket writes itself, in the letter's language: the user's greeting and closing
    # replace its own
    written = ["date", "subject line"]
    written += [] if "greeting" in texts else ["salutation"]
    written += [] if "closing" in texts else ["closing"]
    written += ["enclosures line"] if encloses else []
    parts = ", ".join(written[:-1]) + " and " + written[-1]
    field = "body" if "body" in texts else max(texts, key=lambda f: len(texts[f]))
    setting = f"applications[{index}].lang" if profile.applications[index].lang else "meta.lang"
    return finding(
        loaded,
        RULE,
        (*where, field),
        f"the {letter.kind} letter reads as {_name(found)} but {setting} is {lang}: its "
        f"{parts} come out in {_name(declared)} around {_name(found)} paragraphs",
        hint=_letter_hint(loaded, index, found, rest),
    )


def check(loaded: LoadedProfile) -> list[Problem]:
    """A warning at each letter that clearly reads as another language than its
    application's (`applications[].lang`, else `meta.lang`), and at `meta.lang` when the
    profile's own prose does."""
    profile = loaded.profile
    lang = profile.meta.lang
    declared = primary(lang)
    prose = _profile_prose(loaded)
    out: list[Problem] = []
    found = None
    if lang and declared in KNOWN:
        found = other_language(prose, declared)
        if found is not None:
            out.append(
                finding(
                    loaded,
                    RULE,
                    ("meta", "lang"),
                    f"the profile reads as {_name(found)} but meta.lang is {lang}: its "
                    f"headings, month names and 'Present' come out in {_name(declared)} "
                    f"around {_name(found)} text",
                    hint=f"set meta.lang: {found}, or write the profile in {_name(declared)}",
                )
            )
    rest: str | None = None
    read_rest = False
    for index, where, letter, encloses in _letters(loaded):
        own = letter_lang(profile, index)
        if not own or primary(own) not in KNOWN:
            continue  # unset (English by default, not judged) or one `detect` cannot name
        if not read_rest:
            rest, read_rest = found or detect(mask(t) for t in prose), True
        problem = _letter_finding(loaded, index, where, letter, encloses, rest)
        if problem is not None:
            out.append(problem)
    return out


__all__ = [
    "ALPHABETS",
    "CLEAR",
    "FOREIGN_SHARE",
    "KNOWN",
    "MARGIN",
    "MIN_HITS",
    "MIN_WORDS",
    "NAMES",
    "STOP_WORDS",
    "check",
    "cyrillic_language",
    "detect",
    "function_words",
    "mostly_cyrillic",
    "other_language",
]
