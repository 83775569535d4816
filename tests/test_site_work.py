"""What a site build does besides the pages (site/work.py), whatever the engine: proofreading
that stops on errors, the print step's findings filtered as `check` filters them, the
calendar, and what it says about build/. The documents themselves are rendered in
test_site.py and test_site_engines.py, through real builds."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from jobpacket.errors import Problem, ProfileError, UserError
from jobpacket.print.manifest import Made, profile_digest, updated
from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.site.publish import SiteError
from jobpacket.site.work import (
    PrivateOutputs,
    counted,
    disabled_filter,
    followups,
    private_documents,
    private_summary,
    problem_lines,
    proofread,
    stale_note,
)

from .conftest import EXAMPLE, checkout_env, run_python


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE, "profiles/example.yml")


def test_a_failed_build_says_each_problem_and_how_many() -> None:
    problem = Problem("p.yml", 3, 3, ("basics", "emial"), "unknown key 'emial'")
    assert problem_lines(ProfileError([problem, problem])) == [str(problem)] * 2
    assert problem_lines(UserError("no application 'x'")) == ["error: no application 'x'"]
    assert counted(["a"]) == "a\n1 problem found in the profile"
    assert counted(["a", "b"]) == "a\nb\n2 problems found in the profile"


def test_proofreading_reports_findings_and_stops_on_errors(
    example: LoadedProfile, tmp_path: Path
) -> None:
    reported: list[Problem] = []
    proofread(example, reported.append)
    assert all(p.severity != "error" for p in reported)
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann Lee\n  summary: Lorem ipsum dolor sit amet.\n", encoding="utf-8"
    )
    with pytest.raises(SiteError) as caught:
        proofread(load_profile(path, "p.yml"), reported.append)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("p.yml:3:12: error placeholders: basics.summary:")
    assert lines[-1] == "1 problem found in the profile"


def test_the_print_steps_findings_are_filtered_as_check_filters_them(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann Lee\nmeta:\n  checks:\n    disable: [length]\n", encoding="utf-8"
    )
    loaded = load_profile(path, "p.yml")
    seen: list[Problem] = []
    report = disabled_filter(loaded, seen.append)
    report(Problem("p.yml", 1, 1, ("meta", "pages"), "too long", "warning", "length"))
    report(Problem("p.yml", 1, 1, ("basics",), "a glyph", "warning", "glyphs"))
    assert [p.rule for p in seen] == ["glyphs"]


def test_a_document_that_cannot_be_made_stops_the_build_before_rendering(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann Lee\napplications:\n  - id: acme\n    letter:\n      body: ''\n",
        encoding="utf-8",
    )
    with pytest.raises(SiteError) as caught:
        private_documents(load_profile(path, "p.yml"), tmp_path, lambda p: None)
    assert "applications[0].letter.body: the letter body is" in str(caught.value)
    assert not (tmp_path / "build").exists()


def test_the_calendar_goes_to_build_and_overdue_follow_ups_are_reported(
    tmp_path: Path,
) -> None:
    applied = (date.today() - timedelta(days=60)).isoformat()
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann Lee\napplications:\n  - id: acme-analyst\n"
        f"    organization: Acme\n    status: applied\n    applied: '{applied}'\n",
        encoding="utf-8",
    )
    seen: list[Problem] = []
    target, data = followups(load_profile(path, "p.yml"), tmp_path, seen.append)
    assert target == tmp_path / "build" / "followups.ics"
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert events and all("Acme" in str(e["SUMMARY"]) for e in events)
    assert [(p.severity, p.path) for p in seen] == [("info", ("applications", 0, "applied"))]


def test_the_summary_counts_documents_and_packets_not_manifests(tmp_path: Path) -> None:
    build = tmp_path / "build"
    outputs = PrivateOutputs(
        documents=[(build / "resume.pdf", b""), (build / "jobpacket-manifest.json", b"")],
        packets=[(build / "packets" / "acme.pdf", b"")],
        packets_unchanged=2,
    )
    assert private_summary(outputs, tmp_path) == [
        f"1 private document in {build}/ (never deployed)",
        f"3 application packets in {build / 'packets'}/ (1 rebuilt; never deployed)",
    ]
    assert private_summary(PrivateOutputs(), tmp_path) == []
    assert outputs.files() == [*outputs.documents, *outputs.packets]


def test_serving_names_the_documents_made_from_an_older_profile(
    example: LoadedProfile, tmp_path: Path
) -> None:
    build = tmp_path / "build"
    build.mkdir()
    assert stale_note(example, tmp_path) is None  # nothing made yet
    now, before = profile_digest(example), "0" * 64
    for name in ("resume.pdf", "references.pdf", "acme/cover-letter.pdf"):
        (build / name).parent.mkdir(exist_ok=True)
        (build / name).write_bytes(b"%PDF-")
    records = {
        build / "resume.pdf": Made(now, "k1", "s1"),
        build / "references.pdf": Made(before, "k2", "s2"),
        build / "acme/cover-letter.pdf": Made(before, "k3", "s3"),
    }
    manifest, data = updated(build, records)
    manifest.write_bytes(data)
    note = stale_note(example, tmp_path)
    assert note is not None
    assert note.startswith(f"{build}/: 2 private documents made from an earlier version")
    assert "(acme/cover-letter.pdf, references.pdf)" in note and "resume.pdf" not in note


CALENDAR_PROBE = """
import sys
from pathlib import Path
from jobpacket.profile.validate import load_profile
from jobpacket.site.work import calendar

data = calendar(load_profile(Path("p.yml"), "p.yml"))
sys.stdout.buffer.write(b"icalendar imported: %d\\n" % ("icalendar" in sys.modules) + data)
"""


def test_an_unchanged_profile_s_calendar_is_read_back_without_icalendar(tmp_path: Path) -> None:
    """The calendar is the same bytes for the same profile text, so a build with nothing new
    takes it from the cache and does not import icalendar; an edit makes it again."""
    env = checkout_env(JOBPACKET_CACHE_DIR=str(tmp_path / "cache"))
    profile = tmp_path / "p.yml"

    def write(organization: str) -> None:
        profile.write_text(
            "basics:\n  name: Ann Lee\napplications:\n  - id: acme-analyst\n"
            f"    organization: {organization}\n    status: applied\n"
            "    applied: '2026-10-01'\n",
            encoding="utf-8",
        )

    def probe() -> tuple[str, bytes]:
        done = run_python("-c", CALENDAR_PROBE, cwd=tmp_path, env=env, check=True, binary=True)
        head, _, data = done.stdout.partition(b"\n")
        return head.decode(), data

    write("Acme")
    first = probe()
    assert first[0] == "icalendar imported: 1"
    assert probe() == ("icalendar imported: 0", first[1]), "read back, same bytes"
    write("Globex")
    edited = probe()
    assert edited[0] == "icalendar imported: 1"
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(edited[1]).walk("VEVENT")]
    assert summaries and all("Globex" in s for s in summaries)
