"""The résumé as plain text and as Markdown, for the application forms that want no PDF.

Plain text follows what applicant tracking systems read best (shared/DOMAIN.md): the
standard section headings in capitals, one date style (the PDF's "Apr 2023 – Present", with
ordinary spaces), each date on a line of its own under its entry, contact details as plain
text with whole addresses, and no decoration: no rules, no Markdown markers, no columns. A
bullet is a hyphen, the plain-text convention. Markdown keeps the user's own Markdown in
summaries and highlights and escapes every plain field.

Both render the outline (outline.py) that the PDF renders: same view, same sections.
"""

from __future__ import annotations

from ..i18n.labels import labels
from ..markup import markdown_to_text
from .letterblocks import md
from .outline import Contact, Entry, Line, Outline, Pair, Section


def _entry_head(e: Entry) -> str:
    return ", ".join(x for x in (e.title, e.org, e.where) if x)


def _text_item(item: Entry | Pair | Line) -> list[str]:
    if isinstance(item, Entry):
        lines = [_entry_head(item)]
        if item.about:
            lines.append(item.about)
        if item.dates:
            lines.append(item.dates)
        if item.url:
            lines.append(item.url)
        if item.summary:
            lines.append(markdown_to_text(item.summary))
        lines += [f"- {markdown_to_text(b)}" for b in item.bullets]
        return lines
    if isinstance(item, Pair):
        return [f"{item.label}: {item.text}" if item.label else item.text]
    text = ", ".join(x for x in (item.text, item.by, item.dates) if x)
    return [f"- {text}" + (f" ({item.url})" if item.url else "")]


def _text_section(section: Section) -> str:
    if section.style == "entries":
        body = "\n\n".join("\n".join(_text_item(i)) for i in section.items)
    else:
        body = "\n".join(line for i in section.items for line in _text_item(i))
    return f"{section.heading.upper()}\n{body}"


def resume_text(o: Outline) -> str:
    """The résumé as plain text: name, label and contact lines, then each section under
    its heading in capitals, one blank line between sections and between entries."""
    head = [o.name, o.label, *(c.plain for c in o.contact)]
    blocks = ["\n".join(x for x in head if x)]
    if o.summary.strip():
        heading = labels(o.lang)["sections"]["summary"]
        blocks.append(f"{heading.upper()}\n{markdown_to_text(o.summary)}")
    blocks += [_text_section(s) for s in o.sections]
    return "\n\n".join(blocks) + "\n"


def _md_contact(c: Contact) -> str:
    return f"[{md(c.text)}]({c.href})" if c.href else md(c.text)


def _md_item(item: Entry | Pair | Line) -> str:
    if isinstance(item, Entry):
        title = md(item.title)
        if item.url:
            title = f"[{title}]({item.url})"
        org = f"[{md(item.org)}]({item.org_url})" if item.org and item.org_url else md(item.org)
        parts = [f"### {', '.join(x for x in (title, org) if x)}"]
        if item.about:
            parts.append(md(item.about))
        meta = " · ".join(x for x in (md(item.where), item.dates) if x)
        if meta:
            parts.append(meta)
        if item.summary:
            parts.append(item.summary.strip())
        if item.bullets:
            parts.append("\n".join(f"- {b.strip()}" for b in item.bullets))
        return "\n\n".join(parts)
    if isinstance(item, Pair):
        return f"- **{md(item.label)}:** {md(item.text)}" if item.label else f"- {md(item.text)}"
    text = f"[{md(item.text)}]({item.url})" if item.url else md(item.text)
    return "- " + ", ".join(x for x in (text, md(item.by), item.dates) if x)


def resume_markdown(o: Outline) -> str:
    """The résumé as Markdown: `#` name, `##` sections, `###` entries; the user's Markdown
    fields as written, every plain field escaped."""
    blocks = [f"# {md(o.name)}"]
    if o.label:
        blocks.append(f"**{md(o.label)}**")
    if o.contact:
        blocks.append(" · ".join(_md_contact(c) for c in o.contact))
    if o.summary.strip():
        blocks.append(f"## {labels(o.lang)['sections']['summary']}\n\n{o.summary.strip()}")
    for section in o.sections:
        sep = "\n\n" if section.style == "entries" else "\n"
        items = sep.join(_md_item(i) for i in section.items)
        blocks.append(f"## {md(section.heading)}\n\n{items}")
    return "\n\n".join(blocks) + "\n"


__all__ = ["resume_markdown", "resume_text"]
