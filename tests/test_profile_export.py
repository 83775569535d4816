"""`jobpacket export` (profile/export.py): a JSON Resume the official schema accepts, without
jobpacket's extensions or private items unless asked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from jobpacket.cli import main

from .conftest import JSONRESUME


@pytest.fixture(scope="module")
def official_schema() -> dict:
    return json.loads((JSONRESUME / "schema.json").read_text(encoding="utf-8"))


def test_export_validates_against_official_schema(tmp_path: Path, official_schema: dict):
    out = tmp_path / "resume.json"
    result = CliRunner().invoke(main, ["export", "--format", "jsonresume", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, official_schema)
    text = out.read_text(encoding="utf-8")
    for extension in ('"applications"', '"documents"', '"tags"', '"visibility"', '"letter"'):
        assert extension not in text
    assert '"present"' not in text  # ongoing is written as no endDate
    assert "Family caregiving" not in text  # the example's private interest


def test_export_include_private_keeps_private_items(official_schema: dict):
    result = CliRunner().invoke(main, ["export", "--include-private"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    jsonschema.validate(data, official_schema)
    assert "Family caregiving" in {i["name"] for i in data["interests"]}


def test_export_round_trips_fixtures(official_schema: dict):
    for path in JSONRESUME.glob("*.resume.json"):
        result = CliRunner().invoke(main, ["export", "--profile", str(path)])
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        jsonschema.validate(data, official_schema)
        original = json.loads(path.read_text(encoding="utf-8"))
        assert data["basics"]["name"] == original["basics"]["name"]
        assert len(data.get("work", [])) == len(original.get("work", []))
