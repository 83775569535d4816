"""Words a general dictionary lacks but a résumé uses: technologies, acronyms, job jargon.

Kept in words/*.txt, one word per line as it is written (acronyms in capitals), so adding one
is a one-line change. The user's own words go in profiles/dictionary.txt (`user_words`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

DICTIONARY_FILE = "dictionary.txt"


@lru_cache(maxsize=1)
def _entries() -> tuple[str, ...]:
    folder = resources.files("jobpacket.checks").joinpath("words")
    out: list[str] = []
    for name in ("tech.txt",):
        for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                out.append(word)
    return tuple(out)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _entries())


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """Lower-cased acronyms (AUROC, HIPAA): capitals that are not shouting."""
    return frozenset(w.lower() for w in _entries() if w.isupper())


def user_words(profile_path: Path) -> frozenset[str]:
    """profiles/dictionary.txt next to the profile: one word per line, # starts a comment."""
    path = profile_path.parent / DICTIONARY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(
        w.lower() for line in text.splitlines() if (w := line.split("#", 1)[0].strip())
    )
