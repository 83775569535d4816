"""An application keeps its letters over time (`letters:`; the single `letter:` still works):
the command prints the one asked for, the packet encloses what that letter calls for, a
sent letter counts as a contact, and `--format text` gives a plain email body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobpacket.errors import UserError
from jobpacket.print import documents, packet
from jobpacket.print.letterblocks import letter_findings
from jobpacket.profile.model import Application
from jobpacket.profile.schedule import schedule_for
from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.views.timeline import choose, letter_path, timeline, with_letter

from .conftest import run_cli
from .pdf_support import page_texts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "letters" / "nurse-educator.yml"
# One application to Lakeshore Health over five months: the cover letter sent when applying,
# a thank-you after the interview, and the reconsideration request, written but not sent.
TIMELINE = """\
  - id: lakeshore
    organization: Lakeshore Health
    position: Clinical Simulation Educator
    contact: {name: Ms. Priya Natarajan, title: Director of Nursing Education}
    applied: "2026-07-15"
    decided: "2026-09-01"
    status: reconsideration
    requirements: [CHSE certification, structured debriefing]
    followUp: {every: 2w, maxAttempts: 3}
    letters:
      - {kind: cover, date: "2026-07-15", sent: "2026-07-15"}
      - kind: thank-you
        date: "2026-08-20"
        sent: "2026-08-20"
        body: |
          Thank you for this morning's conversation.

          [[update]]
      - {kind: reconsideration, date: "2026-12-02"}
"""


def _load(tmp_path: Path, timeline: str = TIMELINE) -> LoadedProfile:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "applications:\n", "applications:\n" + timeline, 1
    )
    path = tmp_path / "profile.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path, "profile.yml")


def test_the_latest_letter_not_yet_sent_is_printed_by_default(tmp_path: Path) -> None:
    loaded = _load(tmp_path)
    doc = documents.letter(loaded, "lakeshore")
    assert doc.name == "lakeshore/reconsideration-letter"
    assert "Request for reconsideration" in doc.title
    # --kind takes another one; --letter N counts `letter:` first, then `letters:`.
    assert documents.letter(loaded, "lakeshore", kind="cover").name == "lakeshore/cover-letter"
    assert documents.letter(loaded, "lakeshore", number=1).name == "lakeshore/cover-letter"
    # A kind the timeline lacks is assembled fresh from the profile.
    proposal = documents.letter_text(loaded, "lakeshore", kind="follow-up")
    assert "I am writing to follow up on my application" in proposal


def test_the_single_letter_keeps_working_and_counts_first(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        TIMELINE.replace(
            "    letters:\n",
            '    letter: {kind: cover, date: "2026-07-15", sent: "2026-07-15"}\n    letters:\n',
        ),
    )
    assert documents.letter(loaded, "lakeshore", number=1).name == "lakeshore/cover-letter"
    assert documents.letter(loaded, "lakeshore").name == "lakeshore/reconsideration-letter"
    # The original applications keep their one `letter:`.
    assert documents.letter(loaded, "riverside-cover").name == "riverside-cover/cover-letter"


def test_a_bad_block_in_a_later_letter_is_located_there(tmp_path: Path) -> None:
    loaded = _load(tmp_path)
    (problem,) = letter_findings(loaded)
    assert str(problem).startswith("profile.yml:")
    assert "applications[0].letters[1].body" in str(problem) and "[[updates]]" in str(problem)


def test_the_packet_encloses_what_its_letter_calls_for(tmp_path: Path) -> None:
    loaded = _load(tmp_path, TIMELINE.replace("[[update]]", "[[updates]]"))
    default = packet.prepare(loaded, "lakeshore")
    assert [s.title for s in default.sources] == ["Request for reconsideration", "Résumé"]
    # A thank-you encloses nothing it was not asked to.
    thanks = packet.prepare(loaded, "lakeshore", kind="thank-you")
    assert [s.title for s in thanks.sources] == ["Thank-you letter"]


def test_a_sent_letter_counts_as_a_contact(tmp_path: Path) -> None:
    loaded = _load(tmp_path)
    index = 0
    app = loaded.profile.applications[index]
    before = schedule_for(index, app, date(2026, 12, 1))
    sent = app.letters[2].model_copy(update={"sent": "2026-12-02"})
    after = schedule_for(
        index, app.model_copy(update={"letters": [*app.letters[:2], sent]}), date(2026, 12, 1)
    )
    assert before.last_contact == date(2026, 9, 1)  # the decision, later than both letters sent
    assert after.last_contact == date(2026, 12, 2)
    assert after.items[0].date > before.items[0].date


def test_check_prepares_every_letter_of_the_timeline(tmp_path: Path) -> None:
    from jobpacket.checks import letters

    found = [str(p) for p in letters.check(_load(tmp_path))]
    assert len(found) == 1 and "applications[0].letters[1].body: line 3" in found[0], found


def test_readiness_reports_the_letter_the_commands_print(tmp_path: Path) -> None:
    from jobpacket.readiness import readiness

    loaded = _load(tmp_path, TIMELINE.replace("[[update]]", "[[updates]]"))
    (first, *_) = readiness(loaded, date(2026, 12, 2), tmp_path / "build")
    letter = next(r for r in first.rows if r.topic == "letter")
    assert letter.summary.startswith("present: reconsideration letter dated 2026-12-02"), letter


@pytest.mark.slow
def test_pdf_letter_and_packet_take_the_letter_asked_for(tmp_path: Path) -> None:
    """`--kind` / `--letter` choose the letter in `pdf letter` and `packet` too; a draft's
    mistake in another letter of the application does not stop the one asked for."""
    _load(tmp_path)
    env = {"JOBPACKET_PROFILE": "profile.yml"}
    pdf = run_cli(
        "pdf",
        "letter",
        "-a",
        "lakeshore",
        "--kind",
        "cover",
        "-o",
        "c.pdf",
        cwd=tmp_path,
        **env,
        process=True,
    )
    assert pdf.returncode == 0, pdf.stderr
    (page,) = page_texts((tmp_path / "c.pdf").read_bytes())
    assert "Re: Application for Clinical Simulation Educator" in page
    bound = run_cli(
        "packet", "lakeshore", "--letter", "1", "-o", "out", cwd=tmp_path, **env, process=True
    )
    assert bound.returncode == 0, bound.stderr
    first = page_texts((tmp_path / "out" / "lakeshore.pdf").read_bytes())[0]
    assert "Re: Application for Clinical Simulation Educator" in first
    # The thank-you (letter 2) holds the `[[update]]` typo: asking for it stops on it.
    thanks = run_cli(
        "packet", "lakeshore", "--kind", "thank-you", "-o", "t", cwd=tmp_path, **env, process=True
    )
    assert thanks.returncode == 1 and "Traceback" not in thanks.stderr
    assert "letters[1].body" in thanks.stderr
    wrong = run_cli("pdf", "resume", "--kind", "cover", cwd=tmp_path, **env)
    assert wrong.returncode == 1 and "apply to `letter` only" in wrong.stderr


# --- views/timeline.py on its own ----------------------------------------------------------


def _app(**fields: object) -> Application:
    return Application.model_validate({"id": "lakeshore", "organization": "Lakeshore", **fields})


def test_the_timeline_numbers_letter_first_then_letters() -> None:
    app = _app(
        letter={"kind": "cover", "date": "2026-07-15"},
        letters=[{"kind": "thank-you", "date": "2026-08-20"}, {"kind": "follow-up"}],
    )
    assert [(e.number, e.letter.kind, e.path) for e in timeline(app)] == [
        (1, "cover", ("letter",)),
        (2, "thank-you", ("letters", 0)),
        (3, "follow-up", ("letters", 1)),
    ]
    assert timeline(_app()) == []


def test_choose_prefers_the_latest_unsent_then_the_latest_of_all() -> None:
    app = _app(
        letters=[
            {"kind": "cover", "date": "2026-07-15", "sent": "2026-07-15"},
            {"kind": "reconsideration", "date": "2026-12-02"},
            {"kind": "thank-you", "date": "2026-08-20"},
        ]
    )
    chosen = choose(app)
    assert chosen is not None and chosen.letter.kind == "reconsideration"
    all_sent = _app(
        letters=[
            {"kind": "cover", "date": "2026-07-15", "sent": "2026-07-15"},
            {"kind": "thank-you", "date": "2026-08-20", "sent": "2026-08-21"},
        ]
    )
    latest = choose(all_sent)
    assert latest is not None and latest.number == 2
    assert choose(_app()) is None


def test_choose_by_kind_gives_a_fresh_letter_when_the_timeline_has_none() -> None:
    app = _app(letters=[{"kind": "cover", "date": "2026-07-15"}])
    fresh = choose(app, kind="follow-up")
    assert fresh is not None
    assert (fresh.number, fresh.letter.kind, fresh.letter.body) == (2, "follow-up", None)
    same = choose(app, kind="cover")
    assert same is not None and same.number == 1


def test_choose_by_a_number_out_of_range_lists_the_letters() -> None:
    app = _app(letters=[{"kind": "cover", "date": "2026-07-15", "sent": "2026-07-16"}])
    with pytest.raises(UserError) as caught:
        choose(app, number=2)
    assert str(caught.value) == (
        "application 'lakeshore' has no letter 2; its letters: 1: cover dated 2026-07-15, "
        "sent 2026-07-16"
    )
    with pytest.raises(UserError, match="its letters: none"):
        choose(_app(), number=1)


def test_with_letter_derives_the_profile_and_letter_path_finds_its_place(
    tmp_path: Path,
) -> None:
    loaded = _load(tmp_path)
    app = loaded.profile.applications[0]
    entry = choose(app, number=2)
    derived = with_letter(loaded, 0, entry)
    chosen = derived.profile.applications[0]
    assert chosen.letter is not None and chosen.letter.kind == "thank-you"
    assert letter_path(chosen) == ("letters", 1)
    assert loaded.profile.applications[0].letter is None  # the loaded profile is unchanged
    assert with_letter(loaded, 0, None) is loaded  # nothing chosen, nothing to derive
