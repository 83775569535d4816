"""applications.py, `jobpacket applications`: every application as one row, printed as a
table, CSV or JSON."""

from __future__ import annotations

from pathlib import Path

from .test_outgoing import _cli, _site


def test_applications_lists_every_application_as_a_table_csv_and_json(tmp_path: Path) -> None:
    import csv
    import io
    import json

    site = _site(tmp_path)
    table = _cli(site, "applications", "--today", "2026-12-04")
    assert table.returncode == 0, table.stderr
    header, stmarys, lakeside = table.stdout.splitlines()
    assert header.split() == [
        "ID", "STATUS", "APPLIED", "DECIDED", "LAST", "CONTACT", "NEXT", "STEP", "READINESS",
    ]  # fmt: skip
    assert stmarys.startswith("stmarys") and "a reconsideration letter is being prepared" in stmarys
    assert "NOT READY" in stmarys and "2026-07-10" in stmarys and "2026-09-01" in stmarys
    assert lakeside.startswith("lakeside") and "NOT READY" in lakeside
    rows = list(csv.DictReader(io.StringIO(_cli(site, "applications", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["stmarys", "lakeside"]
    assert rows[0]["status"] == "rejected" and rows[0]["decided"] == "2026-09-01"
    report = json.loads(_cli(site, "applications", "--format", "json").stdout)
    assert report["applications"][0]["errors"] == 2
    assert report["applications"][1]["organization"] == "Lakeside Hospital"
