"""Is the packet ready? One application's letter, recommendations, enclosures and follow-up.

DOMAIN.md's advice is to gather everything before asking again: a current résumé,
certifications, evaluations, recommendation letters, a portfolio. This module answers, per
application, what is there, what is missing and what is new since the application, as values
(rows with a level and located findings); the CLI only prints them. It reads the file system
(enclosures, the PDFs in build/) but never writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from .dates import to_date
from .errors import Problem, ProfileError, UserError, plural
from .print.manifest import freshness
from .profile.model import Application
from .profile.schedule import FINAL_STATUSES, Schedule, letter_in_progress, schedule_for
from .profile.validate import LoadedProfile

Level = Literal["ok", "info", "warning", "error"]

#: Statuses where the employer (or the candidate) has decided: problems there block only while
#: something is still being prepared for the application (`preparing`).
DECIDED = frozenset({"rejected", "accepted", "withdrawn", "offer"})
#: A recommendation letter requested longer ago than this and not received needs a reminder.
RECOMMENDER_DAYS = 21


@dataclass(frozen=True)
class Row:
    """One aspect of the packet: its level, a one-line summary, the located findings."""

    topic: str
    level: Level
    summary: str
    findings: tuple[Problem, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Readiness:
    app_index: int
    application: Application
    rows: tuple[Row, ...]
    schedule: Schedule
    #: Where the counted findings came from ("checks" or "validation and letter").
    source: str = ""
    #: What is being prepared for a decided application ("" when nothing is): its errors
    #: then block as an undecided one's do.
    preparing: str = ""

    @property
    def decided(self) -> bool:
        return self.application.status in DECIDED

    def count(self, level: Level) -> int:
        """Findings of a level; a row without located findings counts once."""
        return sum(
            sum(1 for p in r.findings if p.severity == level)
            or (1 if r.level == level and not r.findings else 0)
            for r in self.rows
        )

    @property
    def live(self) -> bool:
        """Waiting for a decision, or decided with a letter or a follow-up in the works."""
        return not self.decided or bool(self.preparing)

    @property
    def verdict(self) -> str:
        """One phrase: ready, remake before sending (build/ holds a stale file), NOT READY,
        or decided; not blocking."""
        if self.count("error"):
            return "NOT READY" if self.live else "decided; not blocking"
        if any(r.summary.startswith("stale:") for r in self.rows):
            return "remake before sending"  # what build/ holds is not what the profile says
        return "ready"

    @property
    def blocking(self) -> bool:
        """An error in an application that is live: not ready to send."""
        return self.live and self.count("error") > 0


def preparing(app: Application, sched: Schedule) -> str:
    """What the candidate is preparing for a decided application, in words ("" for nothing).

    The status says where the employer stands, not what the candidate is doing: after a
    rejection, a reconsideration request, a role proposal or a thank-you may be in the works
    (DOMAIN.md), and the follow-up schedule may say a contact is due. A letter answering the
    decision (not a cover letter, not dated before the decision) counts until a contact is
    logged on or after its date under followUp.log, which is how the user says it was sent.
    """
    kind = letter_in_progress(app)
    if kind is not None:
        return f"a {kind} letter is being prepared"
    nxt = sched.next
    if nxt is not None and nxt.state in ("due", "overdue"):
        return f"follow-up {nxt.attempt} is {nxt.state} since {nxt.date.isoformat()}"
    return ""


def _under(problem: Problem, prefix: tuple[str | int, ...]) -> bool:
    return tuple(problem.path[: len(prefix)]) == prefix


def _blank_body(app: Application) -> bool:
    """A `body:` the user started and left empty; an absent body is assembled instead."""
    return app.letter is not None and app.letter.body is not None and not app.letter.body.strip()


def _letter_row(loaded: LoadedProfile, index: int, app: Application, build_dir: Path) -> Row:
    from .views.timeline import choose, letter_path, with_letter

    # The letter the commands print: the latest of `letters:` not yet sent, or `letter:`.
    if app.letters:
        app = with_letter(loaded, index, choose(app)).profile.applications[index]
    letter = app.letter
    where = ("applications", index, *letter_path(app), "body")
    if _blank_body(app):
        problem = loaded.source.problem(
            where,
            "the letter body is blank; write it (Markdown), or remove `body:` to have "
            "jobpacket assemble it from the profile",
            severity="info" if app.status in FINAL_STATUSES else "error",
        )
        return Row("letter", problem.severity, "missing", (problem,))
    kind = letter.kind if letter else "cover"
    dated = f" dated {letter.date}" if letter and letter.date else ""
    if letter is None or letter.body is None:
        dated += " (from the profile)"
    made = build_dir / app.id / f"{kind}-letter.pdf"
    if not made.is_file():
        return Row(
            "letter",
            "ok",
            f"present: {kind} letter{dated}; not printed yet (jobpacket letter {app.id})",
        )

    def inputs(design: str | None) -> str | None:
        from .print import documents, outputs

        try:
            return outputs.cache_key(documents.letter(loaded, app.id, design=design))
        except (ProfileError, UserError):
            return None

    state, why = freshness(build_dir, made, loaded, inputs)
    shown = f"{made.parent.name}/{made.name}"
    if state == "ok":
        return Row("letter", "ok", f"assembled: {kind} letter{dated} in {shown}")
    level: Level = "warning" if state == "stale" else "info"
    return Row(
        "letter",
        level,
        f"{state}: {kind} letter{dated} in {shown}: {why}; remake it: jobpacket letter {app.id}",
    )


def _packet_row(loaded: LoadedProfile, app: Application, build_dir: Path) -> Row:
    """The bound packet in build/packets/, and whether the profile still makes it."""
    folder = build_dir / "packets"
    made = folder / f"{app.id}.pdf"
    if not made.is_file():
        return Row("packet", "ok", f"not bound yet (jobpacket packet {app.id})")

    def inputs(design: str | None) -> str | None:
        from .print import packet

        try:
            return packet.prepare(loaded, app.id, design=design).key
        except (ProfileError, UserError, OSError):
            return None

    state, why = freshness(folder, made, loaded, inputs)
    if state == "ok":
        return Row("packet", "ok", f"bound: packets/{made.name}")
    level: Level = "warning" if state == "stale" else "info"
    return Row(
        "packet",
        level,
        f"{state}: packets/{made.name}: {why}; remake it: jobpacket packet {app.id}",
    )


def _checks_findings(loaded: LoadedProfile, today: date) -> list[Problem] | None:
    """Findings of the proofreading checks (jobpacket.checks), when that package exists."""
    try:
        from .checks import run_checks
    except ImportError:
        return None
    return list(run_checks(loaded, today=today))


def _findings_row(
    loaded: LoadedProfile, index: int, app: Application, checked: list[Problem] | None
) -> Row:
    """Errors and warnings located in this application: the proofreading checks' (or, without
    them, the validation notes) and the letter's own print-time findings. Enclosures have
    their own row, so their findings are left out here."""
    prefix = ("applications", index)
    found: list[Problem] = []
    if checked is not None:
        found.extend(p for p in checked if _under(p, prefix))
        origin = "checks and letter"
    else:
        found.extend(p for p in loaded.notes if _under(p, prefix))
        origin = "validation and letter"
    if not _blank_body(app):
        from .print import documents

        try:
            doc = documents.letter(loaded, app.id)
            found.extend(p for p in doc.notes if not _under(p, (*prefix, "attachments")))
        except ProfileError as exc:
            found.extend(p for p in exc.problems if not _under(p, (*prefix, "attachments")))
        except UserError:
            pass
    found = [
        p
        for p in dict.fromkeys(found)
        if p.severity in ("error", "warning") and not _under(p, (*prefix, "attachments"))
    ]
    errors = sum(1 for p in found if p.severity == "error")
    warnings = len(found) - errors
    level: Level = "error" if errors else "warning" if warnings else "ok"
    text = (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} ({origin})"
    )
    return Row("findings", level, text, tuple(found))


def _recommendations_row(loaded: LoadedProfile, today: date) -> Row:
    received = pending = declined = 0
    findings: list[Problem] = []
    details: list[str] = []
    for i, ref in enumerate(loaded.profile.references):
        letter = ref.letter
        if letter is None or letter.status == "none":
            continue
        who = ref.name or f"references[{i}]"
        if letter.status in ("received", "submitted"):
            received += 1
        elif letter.status == "declined":
            declined += 1
        else:
            asked = to_date(letter.requested)
            days = (today - asked).days if asked else None
            if days is not None and days > RECOMMENDER_DAYS:
                findings.append(
                    loaded.source.problem(
                        ("references", i, "letter", "requested"),
                        f"{who}'s letter was requested {letter.requested} ({days} days ago) "
                        "and has not arrived; remind the recommender",
                        severity="warning",
                    )
                )
            else:
                pending += 1
                since = f" (requested {letter.requested})" if letter.requested else ""
                details.append(f"pending: {who}{since}")
    parts = [f"{received} received", f"{pending} pending"]
    if findings:
        parts.append(f"{len(findings)} overdue")
    if declined:
        parts.append(f"{declined} declined")
    if not (received or pending or findings or declined):
        return Row("recommendations", "info", "none requested")
    level: Level = "warning" if findings else "ok"
    return Row("recommendations", level, ", ".join(parts), tuple(findings), tuple(details))


def _enclosures_row(loaded: LoadedProfile, index: int, app: Application) -> Row:
    """The files the packet encloses (print/enclosures.py plans them: enclosed recommendation
    letters, attachments, documents), and whether each is there."""
    from .print.enclosures import plan

    files = [p for p in plan(loaded, index) if p.value is not None]
    if not files:
        return Row("enclosures", "ok", "none listed")
    base = loaded.path.parent
    missing: list[Problem] = []
    for part in files:
        if not (base / str(part.value)).is_file():
            missing.append(
                loaded.source.problem(
                    part.where,
                    f"{part.value!r} not found next to the profile; add the file or fix the path",
                )
            )
    n = len(files)
    present = n - len(missing)
    return Row(
        "enclosures", "error" if missing else "ok", f"{present} of {n} present", tuple(missing)
    )


def _since_row(loaded: LoadedProfile, index: int, app: Application, today: date) -> Row:
    """Documents, certificates and received letters dated after the application (and not
    after today) that the packet does not carry yet: enclosures for files, a mention in the
    letter for the rest."""
    applied = to_date(app.applied)
    if applied is None:
        return Row("since applying", "ok", "no applied date")

    def new(value: str | None) -> bool:
        when = to_date(value)
        return when is not None and applied < when <= today

    profile = loaded.profile
    from .print.enclosures import plan

    enclosed = {os.path.normpath(p.value) for p in plan(loaded, index) if p.value is not None}
    # What the letter will say: the assembled body, or the user's with its [[updates]] and
    # [[enclosures]] blocks expanded, so that what a block lists counts as in the letter.
    from .print import documents

    try:
        body = documents.letter_markdown(loaded, app.id)[0]
    except (ProfileError, UserError):
        body = (app.letter.body or "") if app.letter else ""
    # md()'s escapes undone, so a name is found as the profile writes it
    body = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", body).replace("&lt;", "<")
    missing: list[str] = []
    for doc in profile.documents:
        if new(doc.date) and os.path.normpath(doc.path or ".") not in enclosed:
            missing.append(f"document {doc.title or doc.path!r} ({doc.date}): not enclosed")
    for cert in profile.certificates:
        if new(cert.date) and cert.name and cert.name.lower() not in body.lower():
            missing.append(f"certificate {cert.name} ({cert.date}): not in the letter")
    for ref in profile.references:
        letter = ref.letter
        if (
            letter
            and new(letter.received)
            and letter.file
            and letter.delivery in (None, "enclosed")
            and os.path.normpath(letter.file) not in enclosed
        ):
            missing.append(f"letter from {ref.name} ({letter.received}): not enclosed")
    if not missing:
        return Row("since applying", "ok", "the packet includes everything dated since")
    n = len(missing)
    return Row(
        "since applying",
        "info",
        f"{plural(n, 'item')} dated after {app.applied} not in the packet",
        details=tuple(missing),
    )


def _followup_row(sched: Schedule) -> Row:
    nxt = sched.next
    if nxt is None:
        return Row("next follow-up", "ok", f"none ({sched.why_none})")
    text = f"{nxt.date.isoformat()} {nxt.state} (attempt {nxt.attempt} of {sched.max_attempts})"
    return Row("next follow-up", "info" if nxt.state == "overdue" else "ok", text)


def readiness(loaded: LoadedProfile, today: date, build_dir: Path) -> list[Readiness]:
    """Every application's readiness, in profile order."""
    out: list[Readiness] = []
    recommendations = _recommendations_row(loaded, today)
    checked = _checks_findings(loaded, today)
    for i, app in enumerate(loaded.profile.applications):
        sched = schedule_for(i, app, today)
        rows = (
            _letter_row(loaded, i, app, build_dir),
            _packet_row(loaded, app, build_dir),
            _findings_row(loaded, i, app, checked),
            recommendations,
            _enclosures_row(loaded, i, app),
            _since_row(loaded, i, app, today),
            _followup_row(sched),
        )
        out.append(Readiness(i, app, rows, sched, preparing=preparing(app, sched)))
    return out


# --- text ------------------------------------------------------------------------------------


def report_lines(items: Sequence[Readiness]) -> list[str]:
    """The human-readable report: a header per application, then one aligned row per aspect
    with its located findings and details indented beneath."""
    width = max((len(r.topic) for item in items for r in item.rows), default=0)
    lines: list[str] = []
    for item in items:
        app = item.application
        title = ", ".join(p for p in (app.position, app.organization) if p)
        errors, warnings = item.count("error"), item.count("warning")
        verdict = item.verdict
        if item.decided and item.preparing:
            verdict += f"; {item.preparing}"
        counts = (
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        dates = f"applied {app.applied}" if app.applied else "not applied"
        if app.decided:
            dates += f", decided {app.decided}"
        if lines:
            lines.append("")
        lines.append(f"{app.id}: {title}" if title else app.id)
        lines.append(f"  status {app.status} ({dates}): {verdict} ({counts})")
        for row in item.rows:
            lines.append(f"  {row.topic:<{width}}  {row.level:<7}  {row.summary}")
            indent = " " * (width + 13)
            lines.extend(f"{indent}{p}" for p in row.findings)
            lines.extend(f"{indent}{d}" for d in row.details)
    return lines
