"""The JSON Schema of a profile (profile/schema.py): the committed file is fresh and accepts
the example and the JSON Resume fixtures."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from jobpacket.cli import main
from jobpacket.profile.schema import schema_text

from .conftest import EXAMPLE, JSONRESUME, ROOT


def test_committed_schema_is_fresh():
    committed = (ROOT / "profiles" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: jobpacket schema -o profiles/schema.json"
    assert CliRunner().invoke(main, ["schema"]).stdout == committed


def test_schema_describes_extensions_and_example_points_at_it():
    schema = json.loads(schema_text())
    defs = schema["$defs"]
    assert {"applications", "documents", "$schema"} <= set(schema["properties"])
    assert "followUp" in defs["Application"]["properties"]
    first_line = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema.json"


def test_schema_accepts_the_example_and_fixtures():
    schema = json.loads(schema_text())
    from jobpacket.profile.read import read_file

    for path in [EXAMPLE, *JSONRESUME.glob("*.resume.json")]:
        jsonschema.validate(read_file(path).data, schema)
