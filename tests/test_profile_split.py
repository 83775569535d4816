"""profile/split.py and `jobpacket split-private`: a profile's private parts moved into
private.yml line for line, kept only when the two files merge into the same profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.errors import UserError
from jobpacket.profile.split import split_private
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, run_cli
from .test_profile_overlay import PROFILE, site

PHONE_AND_APPLICATION = """\
basics:
  name: Ann Example  # as on my passport
  phone: "+44 113 496 0718"
  location:
    city: Leeds
    address: 1 Park Row
work:
  - name: Acme
applications:
  - id: acme-lead  # sent in March
    organization: Acme
references:
  - name: Bo Lee
    email: bo@example.org
"""


def test_the_private_lines_move_with_their_comments_and_nothing_else() -> None:
    done = split_private(PHONE_AND_APPLICATION, "p.yml")
    assert done.moved == ["applications", "references", "basics.phone", "basics.location.address"]
    assert done.left == []
    assert done.profile == (
        "basics:\n  name: Ann Example  # as on my passport\n  location:\n    city: Leeds\n"
        "work:\n  - name: Acme\n"
    )
    assert done.private == (
        "basics:\n  location:\n    address: 1 Park Row\n"
        '  phone: "+44 113 496 0718"\n'
        "applications:\n  - id: acme-lead  # sent in March\n    organization: Acme\n"
        "references:\n  - name: Bo Lee\n    email: bo@example.org\n"
    )


def test_a_profile_with_nothing_private_is_returned_as_it_was() -> None:
    text = "basics:\n  name: Ann\nwork:\n  - name: Acme\n"
    done = split_private(text, "p.yml", "# mine\n")
    assert (done.profile, done.private, done.moved) == (text, "# mine\n", [])


def test_an_overlay_that_already_holds_values_is_refused() -> None:
    with pytest.raises(UserError, match="already holds values"):
        split_private(PHONE_AND_APPLICATION, "p.yml", "basics:\n  phone: '1'\n")


def test_split_private_round_trips_the_example(tmp_path: Path) -> None:
    before = load_profile(EXAMPLE).profile.model_dump()
    folder = tmp_path / "profiles"
    folder.mkdir()
    path = folder / "profile.yml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    assert "moved applications, references, basics.phone, basics.location.address" in (
        result.stderr
    )
    after = load_profile(path)
    assert after.profile.model_dump() == before  # the merged profile is unchanged
    public = path.read_text(encoding="utf-8")
    for gone in ("412-555-0147", "1820 Murray Avenue", "applications:", "Rachel Donnelly"):
        assert gone not in public, gone
    private = (folder / "private.yml").read_text(encoding="utf-8")
    assert "    address: 1820 Murray Avenue, Apt 3\n" in private
    # Messages about moved values now point into private.yml.
    assert after.source.origin(("applications", 0, "id")).file.endswith("private.yml")
    again = run_cli("split-private", "--profile", str(path))
    assert again.returncode == 1 and "already holds values" in again.stderr


def test_split_private_leaves_what_it_cannot_move_as_typed(tmp_path: Path) -> None:
    flow = PROFILE.replace("location: {city: Leeds", "location: {address: 1 Park Row, city: Leeds")
    flow += "applications:\n  - id: a\n    organization: Acme # keep\n"
    path = site(tmp_path, profile=flow, private="# mine\napplications: []\n")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    assert "left in" in result.stderr and "basics.location.address" in result.stderr
    assert "1 Park Row" in path.read_text(encoding="utf-8")
    private = (path.parent / "private.yml").read_text(encoding="utf-8")
    assert private == "# mine\n\napplications:\n  - id: a\n    organization: Acme # keep\n"
    assert [a.id for a in load_profile(path).profile.applications] == ["a"]


def test_split_private_refuses_json(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"basics": {"name": "A", "phone": "1"}}', encoding="utf-8")
    result = run_cli("split-private", "--profile", str(path))
    assert result.returncode == 1 and "edits YAML profiles" in result.stderr
    assert "Traceback" not in result.stderr
