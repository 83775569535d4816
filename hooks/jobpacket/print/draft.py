"""A letter as a draft email: `jobpacket letter ID --eml FILE`.

Many applications go by email: the letter becomes the message, the packet its attachment.
The draft is an RFC 5322 message any mail client opens (Thunderbird, Apple Mail, Outlook read
``X-Unsent: 1`` as "open as a draft to edit and send"): To the contact's address, the letter's
subject, the letter as plain text from the salutation to the signature, the application's
packet attached as one PDF. jobpacket writes the file and never sends anything.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from ..profile.model import LetterKind
from ..profile.validate import LoadedProfile
from . import documents, packet


def email_subject(subject_line: str) -> str:
    """The letter's subject line without its letter-only prefix ("Re:", "Objet :",
    "Asunto:"): in an email, "Re:" would claim to be a reply."""
    text = re.sub(r"^\w{2,7}\s?:\s*", "", subject_line.strip())
    return text[:1].upper() + text[1:]


def draft_email(
    loaded: LoadedProfile,
    app_id: str,
    *,
    design: str | None = None,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> tuple[bytes, list[str]]:
    """The draft message as bytes (CRLF line ends, as RFC 5322 has them) and notes for the
    user (a missing address)."""
    parts = documents.letter_parts(loaded, app_id, kind=kind, number=number)
    prepared = packet.prepare(loaded, app_id, design=design, kind=kind, number=number)
    pdf = packet.render(prepared)
    notes: list[str] = []
    message = EmailMessage(policy=SMTP)
    basics = loaded.profile.basics
    if basics.email:
        message["From"] = Address(display_name=parts.name, addr_spec=basics.email)
    contact = parts.app.contact
    if contact and contact.email:
        message["To"] = Address(display_name=contact.name or "", addr_spec=contact.email)
    else:
        notes.append(f"application {app_id!r} has no contact.email; the draft has no recipient yet")
    message["Subject"] = email_subject(parts.subject or parts.kind_title)
    message["X-Unsent"] = "1"
    message.set_content(documents.letter_text(loaded, app_id, full=False, kind=kind, number=number))
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=f"{prepared.title}.pdf"
    )
    return message.as_bytes(), notes


__all__ = ["draft_email", "email_subject"]
