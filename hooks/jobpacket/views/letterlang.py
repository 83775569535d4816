"""The language an application's letters are written in, and the profile they are printed from.

A person applying in Germany in German and in the US in English keeps one profile:
`applications[].lang` says which language that application's letters are in, `meta.lang`
the rest (the résumé, the site, every other application). Everything that writes words of
its own into a letter (its date, subject line, salutation, closing, enclosures line, the
titles of what it encloses, the PDF's declared language and its hyphenation) reads
`meta.lang`; so rather than teach each of them about applications, a letter is printed from
a profile whose `meta.lang` is its application's language (`in_letter_language`), the way
views/timeline.py's `with_letter` hands it the chosen letter. The proofreading rules that
only need the language ask `letter_lang`. These two functions are the one home of
"the application's language, else the profile's".

The derived profile keeps the paper the profile's own documents are printed on
(profile/paper.py reads the region of `meta.lang` when the address names no country): a
`lang: de` letter of an `en-US` profile goes on Letter like its résumé, and a packet is one
size throughout.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..profile.model import Profile
from ..profile.paper import page_size

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile


def letter_lang(profile: Profile, index: int) -> str | None:
    """The language application ``index``'s letters are written in: its `lang`, else
    `meta.lang` (None: English, as for the profile)."""
    return profile.applications[index].lang or profile.meta.lang


def in_letter_language(loaded: LoadedProfile, index: int) -> LoadedProfile:
    """The profile as application ``index``'s letters see it: `meta.lang` its language, the
    paper unchanged. The same profile when the application sets no language of its own."""
    profile = loaded.profile
    lang = profile.applications[index].lang
    if not lang or lang == profile.meta.lang:
        return loaded
    meta = profile.meta.model_copy(update={"lang": lang, "pageSize": page_size(profile)})
    return replace(loaded, profile=profile.model_copy(update={"meta": meta}))


__all__ = ["in_letter_language", "letter_lang"]
