"""Typewriter text -> typeset text for print: curly quotes and apostrophes, and a
non-breaking space between a number and its unit.

People type "straight" quotes and it's; a typeset page has “curly” ones and it’s. The change
is only made in prose: addresses (URLs, e-mail addresses, `data:` images), code spans in
backticks and markup typed as text (`<b class="x">`) pass through untouched, so a link or a
command still works when copied. HTML (a rendered Markdown body) is changed in its text
only: never inside a tag, an attribute, or a <code>, <pre>, <kbd> or <samp> element.

"C++" and "Notepad++" are set in one piece (`tighten_plus`): in Charis the plus signs stand
apart ("C + +") and a line may break between them.

Dates are kept on one line by the print CSS (`white-space: nowrap` on .dates and the
reference index's dates), not by characters: the extracted text then has plain spaces, which
is what applicant tracking systems search. The non-breaking space between a number and a
closed list of units ("14 TB", "5 mm") is the one character added.
"""

from __future__ import annotations

import re

from markupsafe import Markup

NBSP = "\u00a0"

# Spans left alone: addresses and code.
_UNTOUCHED = re.compile(
    r"""`[^`]*`                                  # a code span
    | <[^<>\n]*>                                # markup typed as text: shown as typed
    | \b(?:https?|ftp|mailto|tel|data):[^\s<>"]+  # an address with a scheme
    | \bwww\.[^\s<>"]+                           # a bare web address
    | (?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+  # an e-mail address, from its start
    """,
    re.VERBOSE,
)
# A quote opens after the start, a space, an opening bracket or a dash; otherwise it closes.
_OPENS_AFTER = " \t\n([{\u2014\u2013-/\u00a0\u201c\u2018"
# Units that cannot be read as a word: no single letters but h and s (so "5 A" and "2 x" stay).
_UNITS = (
    "%|‰|°C|°F|mm|cm|km|µm|nm|kg|mg|ms|µs|ns|s|min|h|kB|KB|MB|GB|TB|PB|kHz|MHz|GHz|"
    "Hz|kW|MW|GW|kWh|MWh|mA|px|pt|dpi|ppm"
)
_NUMBER_UNIT = re.compile(rf"(?<![\w.,])(\d[\d,.]*) ((?:{_UNITS}))(?![\w])")
_HTML_SKIP = ("code", "pre", "kbd", "samp", "script", "style")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")


def _quotes(prose: str, before: str) -> str:
    """Curl the quotes of a stretch of prose; `before` is the character that precedes it."""
    if '"' not in prose and "'" not in prose:
        return prose  # most prose reaches here for its digits alone: no walk per character
    out = []
    prev = before
    for i, ch in enumerate(prose):
        nxt = prose[i + 1] if i + 1 < len(prose) else ""
        if ch == '"':
            ch = "\u201c" if (prev == "" or prev in _OPENS_AFTER) else "\u201d"
        elif ch == "'":
            if prev.isalnum() and (nxt.isalpha() or nxt == ""):
                ch = "\u2019"  # it's, Lakefront's, the '90s handled below
            elif (prev == "" or prev in _OPENS_AFTER) and nxt.isdigit():
                ch = "\u2019"  # ’90s
            elif prev == "" or prev in _OPENS_AFTER:
                ch = "\u2018"
            else:
                ch = "\u2019"
        out.append(ch)
        prev = ch
    return "".join(out)


def smarten(text: str, before: str = "") -> str:
    """Curly quotes and number–unit non-breaking spaces in plain text; addresses and code
    spans are left exactly as typed. `before` is the character preceding `text` on the page
    (for a piece of HTML text that follows a tag), so "<em>x</em>'s" gets an apostrophe."""
    if not text or ("'" not in text and '"' not in text and not any(c.isdigit() for c in text)):
        return text
    out = []
    last = 0
    for match in _UNTOUCHED.finditer(text):
        out.append(_prose(text[last : match.start()], text[last - 1] if last else before))
        out.append(match.group(0))
        last = match.end()
    out.append(_prose(text[last:], text[last - 1] if last else before))
    return "".join(out)


def _prose(prose: str, before: str) -> str:
    return _NUMBER_UNIT.sub(rf"\1{NBSP}\2", _quotes(prose, before))


# A name ending in "++" (C++, Notepad++), not inside a longer run of plus signs; at most 41
# characters, so that a long run of name characters is scanned once, not from every start.
_PLUS_PLUS = re.compile(r"(?<![\w+])([A-Za-z][\w.]{0,40})\+\+(?![\w+])")


def tighten_plus(escaped: str) -> str:
    """HTML text (already escaped) with each "C++" in a `pp` span: the print CSS sets it
    on one line and, in the designs whose plus signs stand apart, tighter."""
    if "++" not in escaped:
        return escaped
    return _PLUS_PLUS.sub(r'<span class="pp">\1<span>++</span></span>', escaped)


class Verbatim(Markup):
    """Markup that is code, not prose (a <style> rule, a script): never typeset, so that a
    CSS string such as `content: "Page "` keeps its straight quotes."""


def smarten_html(html: Markup) -> Markup:
    """`smarten` applied to the text between tags of safe HTML, outside code elements.

    Entities stay as they are: a straight quote escaped as &#34; or &quot; is left alone,
    since only `"` and `'` typed as characters in text are changed.
    """
    source = str(html)
    if (
        "'" not in source
        and '"' not in source
        and "++" not in source
        and not any(c.isdigit() for c in source)
    ):
        return html
    out = []
    skipping: list[str] = []
    last = 0
    before = ""  # the last character of text, across inline tags
    for tag in _TAG.finditer(source):
        piece = source[last : tag.start()]
        out.append(piece if skipping else tighten_plus(smarten(piece, before)))
        before = piece[-1:] or before
        if tag.group(2).lower() in ("p", "li", "br", "div", "td", "th", "h1", "h2", "h3"):
            before = ""  # a new block or line starts: a quote there opens
        out.append(tag.group(0))
        name = tag.group(2).lower()
        if name in _HTML_SKIP:
            if tag.group(1):
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif not tag.group(0).endswith("/>"):
                skipping.append(name)
        last = tag.end()
    piece = source[last:]
    out.append(piece if skipping else tighten_plus(smarten(piece, before)))
    return Markup("".join(out))
