"""What a site build does besides the pages: proofreading, the documents, the calendar.

Whatever the engine, building the site also proofreads the profile (`jobpacket check`'s
rules: errors stop the build), makes the public résumé PDF the site links, renders every
private document and packet into build/ (never deployed) and writes the follow-up calendar.
These steps take the loaded profile and return values or raise `SiteError`; findings go to
the ``report`` callback of the adapter, which logs them its own way. The print side is
optional for the site: without it there are no documents and nothing fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, ProfileError, UserError, plural
from ..fsutil import unwritable
from ..settings import display_path
from .names import PRIVATE_DIR
from .publish import FOLLOWUPS_ICS, SiteError

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile

Report = Callable[[Problem], None]


def problem_lines(exc: ProfileError | UserError) -> list[str]:
    if isinstance(exc, ProfileError):
        return [str(p) for p in exc.problems]
    return [f"error: {exc}"]


def counted(lines: list[str]) -> str:
    """The lines, then how many problems they are: what a failed build says."""
    n = len(lines)
    return "\n".join([*lines, f"{plural(n, 'problem')} found in the profile"])


def _has_print() -> bool:
    try:
        from ..print import outputs  # noqa: F401
    except ModuleNotFoundError as exc:  # the print side is optional for the site
        if exc.name != f"{__package__.rsplit('.', 1)[0]}.print.outputs":
            raise
        return False
    return True


def print_work() -> str | None:
    """What the print side did since the last call (print HTML made, documents rendered,
    packets bound), for the adapter's debug log, and counting starts again; None without the
    print side. An unchanged build reports zeros: its outputs are known by their inputs."""
    if not _has_print():
        return None
    from ..print.inputkeys import tally

    line = work_line(tally.made, tally.rendered, tally.bound)
    tally.reset()
    return line


def work_line(made: int, rendered: int, bound: int) -> str:
    """The debug line of `print_work`; a replayed build (site/replay.py) says zeros."""
    return f"print outputs: {made} print HTML made, {rendered} rendered, {bound} packets bound"


def proofread(loaded: LoadedProfile, report: Report) -> None:
    """`jobpacket check`'s rules: findings reported, errors stop the build."""
    from ..checks import run_checks

    findings = run_checks(loaded, cache=True)
    errors = [p for p in findings if p.severity == "error"]
    if errors:
        raise SiteError(counted([str(p) for p in errors]))
    for problem in findings:
        report(problem)


def disabled_filter(loaded: LoadedProfile, report: Report) -> Report:
    """The print step's findings, minus rules the profile turned off (as `check` does)."""
    from ..checks import apply_disable

    def filtered(problem: Problem) -> None:
        for p in apply_disable(loaded, [problem]):
            report(p)

    return filtered


def site_documents(loaded: LoadedProfile, report: Report) -> dict[str, bytes]:
    """The public documents (the résumé PDF) by site path; {} without the print side."""
    if not _has_print():
        return {}
    from ..print import outputs

    try:
        return outputs.site_documents(loaded, report=report)
    except (ProfileError, UserError) as exc:
        raise SiteError("\n".join(problem_lines(exc))) from None


@dataclass
class PrivateOutputs:
    """The private documents, packets and their manifests, rendered and not yet written."""

    documents: list[tuple[Path, bytes]] = field(default_factory=list)
    packets: list[tuple[Path, bytes]] = field(default_factory=list)
    packets_unchanged: int = 0

    def files(self) -> list[tuple[Path, bytes]]:
        return [*self.documents, *self.packets]


def private_documents(loaded: LoadedProfile, root: Path, report: Report) -> PrivateOutputs:
    """Render every private document and packet and check that build/ can take them; writes
    nothing (the adapter does, once the site is built)."""
    if not _has_print():
        return PrivateOutputs()
    from ..print import outputs
    from ..print.packets import PACKETS_DIR, bindable_ids, render_packets

    out_dir = root / PRIVATE_DIR
    try:
        rendered = outputs.prepare_private_documents(loaded, out_dir, report=report)
    except (ProfileError, UserError) as exc:
        raise SiteError("\n".join(problem_lines(exc))) from None
    packets_dir = root / PACKETS_DIR
    packets, run = render_packets(loaded, bindable_ids(loaded), packets_dir)
    if run.problems:
        raise SiteError("\n".join(str(p) for p in run.problems))
    if run.made:  # what each packet was made from, written with them (print/manifest.py)
        from ..print.manifest import updated

        packets.append(updated(packets_dir, run.made))
    problems = unwritable([target for target, _ in [*rendered, *packets]])
    if problems:
        lines = [f"error: {display_path(where)}: {why}" for where, why in problems]
        raise SiteError("\n".join([*lines, "nothing was written; fix the above and rebuild"]))
    return PrivateOutputs(rendered, packets, len(run.unchanged))


def private_summary(outputs: PrivateOutputs, root: Path) -> list[str]:
    """What a published build tells about build/."""
    out_dir = root / PRIVATE_DIR
    lines = []
    documents = [p for p, _ in outputs.documents if p.suffix == ".pdf"]  # not the manifest
    if documents:
        n = len(documents)
        lines.append(
            f"{plural(n, 'private document')} in {display_path(out_dir)}/ (never deployed)"
        )
    packets = [p for p, _ in outputs.packets if p.suffix == ".pdf"]
    if packets or outputs.packets_unchanged:
        n, rebuilt = len(packets) + outputs.packets_unchanged, len(packets)
        lines.append(
            f"{plural(n, 'application packet')} in "
            f"{display_path(out_dir / 'packets')}/ ({rebuilt} rebuilt; never deployed)"
        )
    return lines


def followups(loaded: LoadedProfile, root: Path, report: Report) -> tuple[Path, bytes]:
    """build/followups.ics (private: it names contacts) as (path, bytes); the follow-ups
    overdue today go to ``report`` (they depend on the date, so they never fail a build)."""
    from ..followups import followup_findings

    for problem in followup_findings(loaded, date.today()):
        report(problem)
    return root / PRIVATE_DIR / FOLLOWUPS_ICS, calendar(loaded)


#: How many calendars the cache keeps: the last few versions of a profile being edited.
_CALENDARS_KEPT = 8


def calendar(loaded: LoadedProfile) -> bytes:
    """The calendar's bytes, kept by a digest of the profile's text and of the code: they
    depend on nothing else (never on today), and an unchanged build then does not import
    icalendar, one of the larger costs of a build that has nothing to remake."""
    import hashlib

    from ..caches import cache_folder, code_fingerprint, read_entry, write_cache_entry
    from ..digests import add_text

    h = hashlib.sha256(b"jobpacket followups.ics 1\0")
    add_text(h, code_fingerprint())
    add_text(h, loaded.source.text)
    entry = cache_folder(loaded.path) / "calendar" / f"{h.hexdigest()}.ics"
    data = read_entry(entry)
    if data is None:
        from ..followups_ics import calendar_bytes

        data = calendar_bytes(loaded.profile)
        write_cache_entry(entry, data, keep=_CALENDARS_KEPT, pattern="*.ics")
    return data


def stale_note(loaded: LoadedProfile, root: Path) -> str | None:
    """While serving, the private documents are not remade (seconds each): which ones in
    build/ the profile no longer matches, as `jobpacket status` says."""
    from ..print.manifest import profile_digest, read

    now = profile_digest(loaded)
    out_dir = root / PRIVATE_DIR
    stale = [
        name
        for folder, prefix in ((out_dir, ""), (out_dir / "packets", "packets/"))
        for name in (prefix + n for n, made in read(folder).items() if made.profile != now)
    ]
    if not stale:
        return None
    n = len(stale)
    return (
        f"{display_path(out_dir)}/: {plural(n, 'private document')} made from "
        f"an earlier version of the profile ({', '.join(sorted(stale)[:3])}"
        f"{', ...' if n > 3 else ''}); `jobpacket status` says which are stale, "
        "`mkdocs build` remakes them"
    )


__all__ = [
    "PrivateOutputs",
    "calendar",
    "counted",
    "disabled_filter",
    "followups",
    "private_documents",
    "private_summary",
    "problem_lines",
    "proofread",
    "site_documents",
    "stale_note",
]
