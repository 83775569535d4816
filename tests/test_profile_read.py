"""Reading a profile file (profile/read.py): a regular UTF-8 file under the cap, or one located
problem that says what to do. The size cap on a huge file is in test_safety_bounds.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.profile.read import read_file

from .conftest import EXAMPLE, JSONRESUME


def _problem(path: Path, display: str | None = None) -> str:
    with pytest.raises(ProfileError) as caught:
        read_file(path, display)
    [problem] = caught.value.problems
    return str(problem)


def test_the_example_and_a_json_resume_are_read_with_their_positions() -> None:
    loaded = read_file(EXAMPLE, "profiles/example.yml")
    assert loaded.data["basics"]["name"] == "Elena M. Vasquez"
    assert loaded.source.file == "profiles/example.yml"
    line = EXAMPLE.read_text(encoding="utf-8").splitlines().index("  name: Elena M. Vasquez")
    assert loaded.source.locate(("basics", "name")) == (line + 1, 9)
    fixture = sorted(JSONRESUME.glob("*.resume.json"))[0]
    assert read_file(fixture).data["basics"]["name"]


def test_a_byte_order_mark_is_skipped(write_profile) -> None:
    path = write_profile(b"\xef\xbb\xbfbasics:\n  name: Zo\xc3\xab Hart\n")
    assert read_file(path).data == {"basics": {"name": "Zoë Hart"}}
    # a JSON résumé saved by Windows Notepad starts with one too; columns count without it
    path = write_profile(b'\xef\xbb\xbf{"basics": {"name": "Zo\xc3\xab"}}\n', "resume.json")
    loaded = read_file(path)
    assert loaded.data == {"basics": {"name": "Zoë"}}
    assert loaded.source.locate(("basics", "name")) == (1, 21)


def test_latin_1_text_is_located_at_its_first_bad_byte(write_profile) -> None:
    path = write_profile("basics:\n  name: Zoë Hart\n".encode("latin-1"))
    assert _problem(path, "cv.yml").startswith(
        "cv.yml:2:11: byte 0xeb is not UTF-8; save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [("", "the profile is empty"), ("  \n\n", "the profile is empty")],
)
def test_an_empty_file_says_where_to_start(write_profile, content: str, expected: str) -> None:
    message = _problem(write_profile(content), "p.yml")
    assert message.startswith(f"p.yml:1:1: {expected}") and "jobpacket new" in message


def test_a_missing_file_a_folder_and_a_pipe_are_one_located_line(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nope.yml", "nope.yml").startswith("nope.yml:1:1: file not found")
    assert "is a folder" in _problem(tmp_path)
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    assert "is a device, pipe or socket" in _problem(pipe)  # and no wait for a writer


def test_messages_name_the_display_path_not_the_real_one(tmp_path: Path) -> None:
    message = _problem(tmp_path / "a.yml", "profiles/a.yml")
    assert str(tmp_path) not in message and message.startswith("profiles/a.yml:")
