"""The JSON Schema of a profile (profile/schema.py): the committed file is fresh and accepts
the example and the JSON Resume fixtures."""

from __future__ import annotations

import json
import re

import jsonschema
from click.testing import CliRunner

from jobpacket.checks import BUILD_ERRORS, RULES
from jobpacket.cli import main
from jobpacket.i18n.letterbook import letter_languages
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


def _ids(listed: str) -> list[str]:
    return [part.strip() for part in re.split(r",\s*", listed)]


def test_disable_names_every_rule_in_order():
    """The editor's hover for `checks.disable` (the schema) and `check --help` name every
    rule of checks.RULES: profile/ cannot import checks/, so the lists are typed there and a
    new rule left out of them fails here (letters, tailoring, follow-up, private, language
    were missing)."""
    schema = json.loads((ROOT / "profiles" / "schema.json").read_text(encoding="utf-8"))
    described = schema["$defs"]["Checks"]["properties"]["disable"]["description"]
    listed = re.match(r"Rule ids to skip: ([^.]+)\.", described)
    kept = re.search(r"Errors that stop the build \(([^)]+)\) stay on\.$", described)
    assert listed is not None and kept is not None, described
    assert _ids(listed.group(1)) == list(RULES)
    assert set(_ids(kept.group(1))) == BUILD_ERRORS
    help_text = " ".join(CliRunner().invoke(main, ["check", "--help"]).stdout.split())
    in_help = re.search(r"Rules: ([^(]+) \(turn one off", help_text)
    assert in_help is not None, help_text
    assert _ids(in_help.group(1)) == list(RULES)


def test_an_applications_lang_names_every_letter_language():
    """`applications[].lang` is refused unless jobpacket writes letters in it: the editor's
    hover lists the same languages as the files of i18n/labels/letters/ (a language added
    there and not here fails), and the committed schema has the field."""
    schema = json.loads((ROOT / "profiles" / "schema.json").read_text(encoding="utf-8"))
    described = schema["$defs"]["Application"]["properties"]["lang"]["description"]
    listed = re.search(r"writes letters in: ([^.]+)\.$", described)
    assert listed is not None, described
    assert _ids(listed.group(1)) == letter_languages()
