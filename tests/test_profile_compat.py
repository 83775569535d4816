"""Real JSON Resume files are accepted as their authors wrote them (profile/compat.py,
the JSON side of profile/load.py, validate.py's key checks)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from jobpacket.errors import ProfileError
from jobpacket.profile.export import to_jsonresume
from jobpacket.profile.validate import load_profile

from .conftest import FIXTURES, JSONRESUME, run_cli

SHARED = Path("/work/shared/fixtures/jsonresume")
SCHEMA = json.loads((JSONRESUME / "schema.json").read_text(encoding="utf-8"))
CORPUS = sorted(
    [*JSONRESUME.glob("*.resume.json"), *(FIXTURES / "realworld").glob("*.json")]
    + (sorted(SHARED.glob("*.resume.json")) if SHARED.is_dir() else [])
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_schema_valid_file_checks_with_exit_0(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)  # the file really is valid JSON Resume
    result = run_cli("check", "--profile", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def _check(write_profile, data: str | dict, name: str = "resume.json"):
    text = data if isinstance(data, str) else json.dumps(data, indent=2)
    return run_cli("check", "--profile", str(write_profile(text, name)))


@pytest.mark.parametrize(
    "url", ["skype:ann.lee?call", "tel:+33123456789", "xmpp:ann@jabber.org", "matrix:u/ann:m.org"]
)
def test_harmless_profile_schemes_are_accepted(write_profile, url: str):
    data = {"basics": {"name": "Ann", "profiles": [{"network": "Chat", "url": url}]}}
    loaded = load_profile(write_profile(json.dumps(data), "r.json"))
    assert loaded.profile.basics.profiles[0].url == url


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"]
)
def test_dangerous_schemes_are_still_refused(write_profile, url: str):
    data = {"basics": {"name": "Ann", "profiles": [{"network": "X", "url": url}]}}
    result = _check(write_profile, data)
    assert result.returncode == 1
    assert "links are not allowed" in (result.stdout + result.stderr)


def test_json_duplicate_key_keeps_the_last_value_and_names_both_lines(write_profile):
    text = '{\n  "basics": {\n    "name": "First",\n    "name": "Second"\n  }\n}\n'
    loaded = load_profile(write_profile(text, "dup.json"))
    assert loaded.profile.basics.name == "Second"
    [note] = [n for n in loaded.notes if "duplicate" in n.message]
    assert note.severity == "warning" and note.line == 4
    assert "lines 3 and 4" in note.message and "YAML" not in note.message


def test_json_messages_never_mention_yaml(write_profile):
    for text in ('{"basics": {"name": "Ann",}}', '{"basics": {"name": "A"}, "work": {"x": 1}}'):
        result = _check(write_profile, text)
        assert result.returncode == 1
        said = result.stdout + result.stderr
        assert "YAML" not in said and "resume.json:1:" in said


def test_json_emoji_escapes_load(write_profile):
    loaded = load_profile(write_profile('{"basics": {"name": "Ann \\ud83d\\ude80"}}', "e.json"))
    assert loaded.profile.basics.name == "Ann \U0001f680"


def test_lookalike_key_beside_the_real_one_is_extension_data(write_profile):
    data = {"basics": {"name": "Ann"}, "languages": [{"language": "French"}], "language": "fr"}
    result = _check(write_profile, data)
    assert result.returncode == 0, result.stdout + result.stderr
    alone = _check(write_profile, {"basics": {"name": "Ann"}, "language": [{"language": "x"}]})
    # Alone it is probably a slip, but any key is valid JSON Resume: a warning, not a refusal.
    assert alone.returncode == 0 and "warning: language: unknown key 'language'; did you mean" in (
        alone.stdout + alone.stderr
    )


def test_a_file_of_another_shape_gets_one_clear_message(write_profile):
    data = {"name": "Ann Lee", "contact": {"email": "ann@example.com"}, "experience": []}
    result = _check(write_profile, data)
    assert result.returncode == 1
    said = result.stdout + result.stderr
    lines = [line for line in said.splitlines() if "resume.json:" in line]
    assert len(lines) == 1
    assert "not in JSON Resume form" in lines[0] and "basics.name" in lines[0]
    assert "did you mean" not in said


def test_malformed_last_modified_is_a_located_error(write_profile):
    text = '{\n  "basics": {"name": "Ann"},\n  "meta": {"lastModified": "yesterday"}\n}\n'
    result = _check(write_profile, text)
    assert result.returncode == 1
    assert "resume.json:3:28: meta.lastModified:" in (result.stdout + result.stderr)


LEGACY = {
    "basics": {"name": "Ann", "picture": "me.jpg", "website": "https://ann.example"},
    "work": [
        {
            "company": "Acme Tools",
            "website": "https://acme.example",
            "position": "Engineer",
            "startDate": "2019-03",
            "description": "Hand tools",
        }
    ],
    "education": [{"institution": "Uni", "website": "https://uni.example", "gpa": "3.8"}],
    "publications": [{"name": "Paper", "website": "https://doi.example/1"}],
    "skills": [{"name": "Rust", "level": "Advanced"}],
}


def test_legacy_keys_read_as_current_names_with_a_note(write_profile):
    loaded = load_profile(write_profile(json.dumps(LEGACY, indent=2), "old.json"))
    p = loaded.profile
    assert p.work[0].name == "Acme Tools" and p.work[0].url == "https://acme.example"
    assert p.basics.image == "me.jpg" and p.basics.url == "https://ann.example"
    assert p.education[0].url == "https://uni.example" and p.education[0].score == "3.8"
    assert p.publications[0].url == "https://doi.example/1"
    infos = [n for n in loaded.notes if "older JSON Resume name" in n.message]
    assert {n.path[-1] for n in infos} == {"picture", "website", "company", "gpa"}
    assert all(n.severity == "info" and n.line > 1 for n in infos)
    exported = json.dumps(to_jsonresume(p))
    assert '"company"' not in exported and '"website"' not in exported
    assert '"name": "Acme Tools"' in exported
    jsonschema.validate(to_jsonresume(p), SCHEMA)


def test_legacy_key_beside_the_current_one_is_left_alone(write_profile):
    data = {"basics": {"name": "A"}, "work": [{"name": "New Co", "company": "Old Co"}]}
    loaded = load_profile(write_profile(json.dumps(data), "both.json"))
    assert loaded.profile.work[0].name == "New Co"


def test_error_under_a_renamed_key_points_at_the_line_written(write_profile):
    text = '{\n  "basics": {"name": "A"},\n  "work": [\n    {"company": ["Acme"]}\n  ]\n}\n'
    with pytest.raises(ProfileError) as exc:
        load_profile(write_profile(text, "bad.json"))
    [problem] = exc.value.problems
    assert problem.line == 4 and problem.path == ("work", 0, "name")
