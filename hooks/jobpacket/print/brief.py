"""The application's private brief: the one page to read before an interview or a call.

Everything the profile knows about one application, on one page: the position and who to
talk to, the timeline (applied, each logged contact, the decision, the letter), the private
notes (interview feedback), the pay research (`compensation`: market average, target range)
and what is new since applying, then the next step. It holds what is never published, so it
goes to build/briefs/, never under site/.

Like every printed document it is a function of the profile alone (never the clock): the next
follow-up is given by its date, not as "overdue", which depends on the day it is read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..i18n.dates import long_date
from ..i18n.tags import language
from ..profile.model import Application
from ..profile.schedule import letter_in_progress, schedule_for
from ..profile.validate import LoadedProfile
from ..views.since import updates_since
from .documents import find_application
from .layout import (
    base_context,
    choose_design,
    contact_items,
    environment,
    require_name,
    stylesheets,
)
from .printkit import PrintContext, PrintDocument, print_markdown


def _money(value: float, currency: str | None) -> str:
    amount = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{amount} {currency}" if currency else amount


def _position(app: Application) -> list[tuple[str, str]]:
    rows = [("Role", app.position or ""), ("Organization", app.organization or "")]
    if app.alternateRole:
        rows.append(("Other role proposed", app.alternateRole))
    if app.url:
        rows.append(("Posting", app.url))
    contact = app.contact
    if contact and contact.name:
        rows.append(("Contact", ", ".join(x for x in (contact.name, contact.title) if x)))
    if contact and contact.email:
        rows.append(("Email", contact.email))
    if contact and contact.phone:
        rows.append(("Phone", contact.phone))
    return [(label, value) for label, value in rows if value]


def _timeline(app: Application, lang: str | None) -> list[tuple[str, str]]:
    events: list[tuple[str, str]] = []
    if app.applied:
        events.append((app.applied, "Applied"))
    for contact in app.followUp.log if app.followUp else []:
        if contact.date:
            note = f": {contact.note}" if contact.note else ""
            events.append((contact.date, f"Contact by {contact.channel}{note}"))
    if app.decided:
        events.append((app.decided, f"Decision ({app.status})"))
    if app.letter and app.letter.date and app.letter.kind != "cover":
        events.append((app.letter.date, f"{app.letter.kind.capitalize()} letter"))
    events.sort(key=lambda e: e[0])
    return [(long_date(when, lang), what) for when, what in events]


def _pay(app: Application) -> list[tuple[str, str]]:
    comp = app.compensation
    if comp is None:
        return []
    rows = []
    if comp.marketAverage is not None:
        rows.append(("Market average", _money(comp.marketAverage, comp.currency)))
    if comp.target is not None:
        low, high = comp.target
        rows.append(("Target range", f"{_money(low, None)} to {_money(high, comp.currency)}"))
    extra = comp.model_extra or {}
    for key in ("benefits", "equity", "bonus", "flexibility"):
        value = extra.get(key)
        if isinstance(value, str) and value.strip():
            rows.append((key.capitalize(), value.strip()))
        elif isinstance(value, list) and value:
            rows.append((key.capitalize(), ", ".join(str(v) for v in value)))
    return rows


def _next_step(index: int, app: Application) -> str:
    kind = letter_in_progress(app)
    if kind is not None:
        return f"Send the {kind} letter (jobpacket letter {app.id}), then log the contact."
    if app.status == "draft":
        return "Apply."
    sched = schedule_for(index, app, date.min)
    nxt = sched.next
    if nxt is None:
        return f"Nothing planned ({sched.why_none})."
    return (
        f"Follow up on {nxt.date.isoformat()} (attempt {nxt.attempt} of "
        f"{sched.max_attempts}), then add the contact to followUp.log."
    )


def brief(loaded: LoadedProfile, app_id: str, *, design: str | None = None) -> PrintDocument:
    """One application's private brief as print HTML."""
    design = choose_design(loaded, design)
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    ctx.raise_errors()
    profile = loaded.profile
    lang = profile.meta.lang
    heading = ", ".join(x for x in (app.position, app.organization) if x) or app.id
    title = f"{name} – Brief – {heading}"
    news = [u.text for u in updates_since(profile, app.applied)] if app.applied else []
    context: dict[str, Any] = base_context(loaded, design, "brief", title) | {
        "subject": f"Private brief: {heading}",
        "keywords": [x for x in (app.position, app.organization, "private brief") if x],
        "name": name,
        "contact": contact_items(profile, social=False),
        "heading": heading,
        "status": app.status,
        "position": _position(app),
        "timeline": _timeline(app, lang),
        "notes": print_markdown(app.notes) if app.notes else "",
        "pay": _pay(app),
        "news": news,
        "next_step": _next_step(index, app),
    }
    return PrintDocument(
        name=f"briefs/{app.id}",
        title=title,
        html=environment().get_template("brief.html").render(context),
        stylesheets=stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=language(lang),
    )


__all__ = ["brief"]
