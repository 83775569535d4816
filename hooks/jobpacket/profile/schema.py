"""The JSON Schema of a profile, for editors (autocomplete) and for other tools."""

from __future__ import annotations

import json
from typing import Any

from .model import Profile

SCHEMA_ID = "https://jobpacket.example/schema/profile.json"


def profile_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jobpacket profile (JSON Resume v1.3.1 + jobpacket extensions)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """Stable text (sorted keys, trailing newline) so the committed copy diffs cleanly."""
    return json.dumps(profile_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
