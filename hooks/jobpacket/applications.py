"""All applications at a glance: one row each, for `jobpacket applications`.

`status` answers in detail for one packet; this answers "where do I stand" across all of
them: the status, the dates, the last contact, the next step and whether the packet is ready
(readiness.py's verdict). Values only; the CLI prints them as a table, CSV or JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from .profile.validate import LoadedProfile
from .readiness import Readiness, readiness


@dataclass(frozen=True)
class Overview:
    """One application's row."""

    id: str
    position: str
    organization: str
    status: str
    applied: str
    decided: str
    last_contact: str
    next_step: str
    readiness: str
    errors: int
    warnings: int


def next_step(item: Readiness) -> str:
    """What to do next: what is being prepared, else the next follow-up, else why none."""
    app, sched = item.application, item.schedule
    if item.preparing:
        return item.preparing
    if app.status == "draft":
        return "apply" + (f" (letter: jobpacket letter {app.id})" if app.letter else "")
    nxt = sched.next
    if nxt is not None:
        return f"follow-up {nxt.attempt} {nxt.state} {nxt.date.isoformat()}"
    return f"none ({sched.why_none})"


def overview(loaded: LoadedProfile, today: date, build_dir: Path) -> list[Overview]:
    """Every application's row, in profile order."""
    rows = []
    for item in readiness(loaded, today, build_dir):
        app = item.application
        last = item.schedule.last_contact
        rows.append(
            Overview(
                id=app.id,
                position=app.position or "",
                organization=app.organization or "",
                status=app.status,
                applied=app.applied or "",
                decided=app.decided or "",
                last_contact=last.isoformat() if last else "",
                next_step=next_step(item),
                readiness=item.verdict,
                errors=item.count("error"),
                warnings=item.count("warning"),
            )
        )
    return rows


_COLUMNS = (
    ("id", "ID"),
    ("status", "STATUS"),
    ("applied", "APPLIED"),
    ("decided", "DECIDED"),
    ("last_contact", "LAST CONTACT"),
    ("next_step", "NEXT STEP"),
    ("readiness", "READINESS"),
)


def table_lines(rows: Sequence[Overview]) -> list[str]:
    """An aligned text table, one line per application, dates as YYYY-MM-DD."""
    cells = [[title for _, title in _COLUMNS]]
    for row in rows:
        values = asdict(row)
        verdict = row.readiness
        if row.errors or row.warnings:
            verdict += f" ({row.errors}E {row.warnings}W)"
        cells.append([verdict if k == "readiness" else str(values[k]) or "-" for k, _ in _COLUMNS])
    widths = [max(len(r[i]) for r in cells) for i in range(len(_COLUMNS))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]


def as_csv(rows: Sequence[Overview]) -> str:
    out = io.StringIO()
    fields = list(Overview.__dataclass_fields__)
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(asdict(row))
    return out.getvalue()


def as_json(rows: Sequence[Overview]) -> str:
    return json.dumps({"applications": [asdict(r) for r in rows]}, indent=2, ensure_ascii=False)


__all__ = ["Overview", "as_csv", "as_json", "next_step", "overview", "table_lines"]
