"""Printed outputs keyed on their inputs (print/inputkeys.py): an unchanged build makes no
print HTML and renders nothing; an edit remakes exactly the documents that read it.

The builds are real `mkdocs build` runs in a subprocess; what the print side did is read
from the debug line the MkDocs adapter logs for that purpose (`print outputs: ...`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jobpacket import digests
from jobpacket.print import documents, inputkeys, outputs
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE
from .test_site_support import build, make_site, mkdocs_env

pytestmark = pytest.mark.slow

_TALLY = re.compile(r"print outputs: (\d+) print HTML made, (\d+) rendered, (\d+) packets bound")


def _build(site: Path, cache: Path) -> tuple[int, int, int]:
    """`mkdocs build -v`; what the print side made, rendered and bound."""
    result = build(site, "-v", env=mkdocs_env() | {"JOBPACKET_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    found = _TALLY.findall(result.stderr)
    assert len(found) == 1, result.stderr
    made, rendered, bound = (int(n) for n in found[0])
    return made, rendered, bound


def _outputs(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for folder in (site / "build", site / "site")
        for p in folder.rglob("*.pdf")
    }


def test_unchanged_build_makes_no_print_html_and_an_edit_remakes_only_its_documents(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site", EXAMPLE)
    cache = tmp_path / "cache"
    made, rendered, bound = _build(site, cache)
    assert made > 0 and rendered > 0 and bound == 2  # the example's two packets
    first = _outputs(site)

    assert _build(site, cache) == (0, 0, 0)
    assert _outputs(site) == first

    # One word in the first application's letter: its letter and its packet, nothing else.
    profile = site / "profiles" / "profile.yml"
    text = profile.read_text(encoding="utf-8")
    edited = text.replace("I am writing to apply for", "I am writing today to apply for", 1)
    assert edited != text
    profile.write_text(edited, encoding="utf-8")
    made, rendered, bound = _build(site, cache)
    # the letter once alone and once in the packet (with the tailored résumé and the index)
    assert (made, rendered, bound) == (4, 2, 1)
    after = _outputs(site)
    changed = sorted(name for name in first if after[name] != first[name])
    assert changed == [
        "build/keystone-genomics-staff-mle/cover-letter.pdf",
        "build/packets/keystone-genomics-staff-mle.pdf",
    ]

    assert _build(site, cache) == (0, 0, 0)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site", EXAMPLE)
    return site / "profiles" / "profile.yml"


def test_a_named_file_is_an_input(example: Path) -> None:
    """The enclosures and the photo the profile names are digested with it."""
    loaded = load_profile(example)
    key = inputkeys.input_key(loaded, ("letter", "x"), 0)
    assert key == inputkeys.input_key(load_profile(example), ("letter", "x"), 0)
    enclosed = sorted((example.parent / "documents").glob("*.pdf"))
    assert enclosed
    enclosed[0].write_bytes(enclosed[0].read_bytes() + b"\n%")
    assert inputkeys.input_key(load_profile(example), ("letter", "x"), 0) != key
    # another application's part of the profile is not an input of this letter
    other = inputkeys.input_key(loaded, ("letter", "x"), 1)
    assert other != key


def test_a_file_outside_the_project_is_never_read_for_a_key(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path leading out of the project is refused when the document is made; its key
    must not read it first (nor a file past the local-file limit)."""
    secret = tmp_path / "secret.pdf"  # beside the site folder, outside the project
    secret.write_bytes(b"%PDF-1.4 secret")
    text = example.read_text(encoding="utf-8")
    example.write_text(
        text.replace("documents/ledgerline-case-study.pdf", "../../secret.pdf"), encoding="utf-8"
    )
    read: list[Path] = []
    real_digest = digests.file_digest
    monkeypatch.setattr(digests, "file_digest", lambda p: read.append(p) or real_digest(p))
    loaded = load_profile(example)
    key = inputkeys.input_key(loaded, ("letter", "x"), 0)
    assert read  # the files inside the project are read
    assert secret.resolve() not in [p.resolve() for p in read]
    secret.write_bytes(b"%PDF-1.4 changed")
    assert inputkeys.input_key(load_profile(example), ("letter", "x"), 0) == key


def test_a_document_with_a_warning_is_made_and_reported_every_time(
    example: Path, tmp_path: Path
) -> None:
    """A warning is never served from the index: its file may appear, its line may move."""
    shutil.rmtree(example.parent / "documents")  # the files the example encloses
    cache = tmp_path / "cache"
    runs: list[tuple[list[str], int]] = []
    for _ in range(2):
        notes: list[str] = []
        outputs.tally.reset()
        outputs.prepare_private_documents(
            load_profile(example), tmp_path / "out", cache_dir=cache, report=notes.append
        )
        runs.append(([str(n) for n in notes], outputs.tally.made))
    (first, made_first), (second, made_second) = runs
    assert first and all("add the file" in note for note in first), first
    assert second == first
    # every document on the first run; on the second only those with a warning
    assert made_first == len(list(documents.private_plan(load_profile(example))))
    assert 0 < made_second < made_first
