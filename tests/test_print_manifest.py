"""print/manifest.py on its own: what each private output was made from, written beside the
outputs, and the verdict `jobpacket status` gives from it (ok, stale, unknown). Through real
builds and commands in test_outgoing.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobpacket.print import manifest
from jobpacket.profile.validate import LoadedProfile, load_profile

PROFILE = """\
basics:
  name: Dana Whitfield
  email: dana@example.org
applications:
  - id: stmarys
    organization: St. Mary's Hospital
    position: Clinical Nurse Educator
"""


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    path = tmp_path / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "profile.yml")


def _write(folder: Path, name: str, data: bytes, record: manifest.Made) -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    path, raw = manifest.updated(folder, {target: record})
    path.write_bytes(raw)
    return target


def test_records_are_written_sorted_and_read_back(loaded: LoadedProfile, tmp_path: Path) -> None:
    out = tmp_path / "build"
    _write(out, "stmarys/letter.pdf", b"%PDF-letter", manifest.made(loaded, "k1", b"%PDF-letter"))
    _write(out, "resume.pdf", b"%PDF-r", manifest.made(loaded, "k2", b"%PDF-r", "modern"))
    doc = json.loads((out / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert doc["format"] == 1 and list(doc["files"]) == ["resume.pdf", "stmarys/letter.pdf"]
    records = manifest.read(out)
    assert records["resume.pdf"].design == "modern"
    assert records["stmarys/letter.pdf"].inputs == "k1"
    assert records["stmarys/letter.pdf"].profile == manifest.profile_digest(loaded)


def test_a_record_of_a_file_that_is_gone_is_dropped(loaded: LoadedProfile, tmp_path: Path) -> None:
    out = tmp_path / "build"
    gone = _write(out, "old.pdf", b"x", manifest.made(loaded, "k", b"x"))
    gone.unlink()
    _write(out, "new.pdf", b"y", manifest.made(loaded, "k", b"y"))
    assert list(manifest.read(out)) == ["new.pdf"]


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b'{"format": 2, "files": {"a.pdf": {"profile": "p", "inputs": "i", "sha256": "s"}}}',
        b'{"format": 1, "files": {"a.pdf": {"profile": 1, "inputs": "i", "sha256": "s"}}}',
        b"[1, 2]",
    ],
)
def test_a_manifest_jobpacket_did_not_write_is_ignored(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / manifest.MANIFEST).write_bytes(raw)
    assert manifest.read(tmp_path) == {}


def test_a_symlinked_manifest_is_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_text('{"format": 1, "files": {"a.pdf": {"profile": "p", "inputs": "i", '
                    '"sha256": "s"}}}', encoding="utf-8")  # fmt: skip
    (tmp_path / manifest.MANIFEST).symlink_to(real)
    assert manifest.read(tmp_path) == {}


def test_freshness_says_ok_stale_or_unknown_and_why(loaded: LoadedProfile, tmp_path: Path) -> None:
    out = tmp_path / "build"
    target = _write(out, "letter.pdf", b"%PDF-1", manifest.made(loaded, "key", b"%PDF-1"))

    def same(design: str | None) -> str:
        return "key"

    assert manifest.freshness(out, target, loaded, same) == ("ok", "up to date")
    assert manifest.freshness(out, target, loaded, lambda d: None) == (
        "ok",
        "made from this profile",
    )
    assert manifest.freshness(out, target, loaded, lambda d: "other") == (
        "stale",
        "a file it encloses, the design or jobpacket changed after it was made",
    )
    edited = tmp_path / "edited.yml"
    edited.write_text(PROFILE.replace("Educator", "Lead"), encoding="utf-8")
    changed = load_profile(edited, "edited.yml")
    assert manifest.freshness(out, target, changed, lambda d: "other") == (
        "stale",
        "the profile changed after it was made",
    )
    target.write_bytes(b"%PDF-edited by hand")
    assert manifest.freshness(out, target, loaded, same) == (
        "unknown",
        "changed after jobpacket made it",
    )
    unrecorded = out / "other.pdf"
    unrecorded.write_bytes(b"x")
    assert manifest.freshness(out, unrecorded, loaded, same)[0] == "unknown"


def test_the_design_recorded_is_the_one_asked_of_inputs(
    loaded: LoadedProfile, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    target = _write(out, "r.pdf", b"r", manifest.made(loaded, "k-modern", b"r", "modern"))
    asked: list[str | None] = []

    def inputs(design: str | None) -> str:
        asked.append(design)
        return "k-modern"

    assert manifest.freshness(out, target, loaded, inputs)[0] == "ok"
    assert asked == ["modern"]
