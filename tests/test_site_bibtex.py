"""Citations of the publications (site/bibtex.py): BibTeX entries with every TeX special
escaped and braces balanced, unique keys, and the plain citation text."""

from __future__ import annotations

import re

from jobpacket.profile.model import Publication
from jobpacket.site import bibtex


def _braces_balanced(text: str) -> bool:
    depth = 0
    for match in re.finditer(r"\\.|[{}]", text):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_bibtex_escapes_every_tex_special_and_keeps_braces_balanced() -> None:
    pub = Publication(
        name=r"Fast & Fair: 100% {Noisy} $x_1$ #2 ~ ^ \ end",
        publisher="A & B",
        releaseDate="2024-03-05",
        url="https://doi.example.org/10.1000/x y{1}",
    )
    (entry,) = bibtex.citations("Amara Okonkwo-Lindqvist", [pub])
    assert entry.key == "okonkwolindqvist2024fast"
    text = entry.bibtex
    assert text.startswith("@misc{okonkwolindqvist2024fast,\n") and text.endswith("\n}")
    assert r"\& Fair: 100\% \{Noisy\} \$x\_1\$ \#2 \textasciitilde{} \textasciicircum{} " in text
    assert r"\textbackslash{} end}}" in text
    assert "author       = {Okonkwo-Lindqvist, Amara}" in text
    assert "howpublished = {A \\& B}" in text
    assert "month        = mar," in text
    assert "url          = {https://doi.example.org/10.1000/x%20y%7B1%7D}" in text
    assert _braces_balanced(text)
    assert entry.text == (
        "Okonkwo-Lindqvist, A. (2024). Fast & Fair: 100% {Noisy} $x_1$ #2 ~ ^ \\ end. A & B."
    )


def test_bibtex_keys_are_unique_and_entries_omit_missing_fields() -> None:
    pubs = [Publication(name="The Same Title", releaseDate="2020")] * 3
    keys = [c.key for c in bibtex.citations("Jo Doe", pubs)]
    assert keys == ["doe2020same", "doe2020samea", "doe2020sameb"]
    (bare,) = bibtex.citations(None, [Publication()])
    assert bare.bibtex == "@misc{publication}" and bare.text == ""
