"""Helpers for the PDF tests: read PDFs back with pypdf, watch WeasyPrint's log, and a
loopback HTTP server that counts the requests it gets (it should get none)."""

from __future__ import annotations

import contextlib
import http.server
import io
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader(data).pages]


@dataclass(frozen=True)
class TextLine:
    """A line of a page as pypdf reads it: its baseline's distance from the top of the page
    (pt) and its text."""

    page: int
    top: float
    text: str


def _runs(page: PageObject) -> list[tuple[float, float, str]]:
    """A page's text runs as (baseline from the top of the page, left edge, text), in pt."""
    height = float(page.mediabox.height)
    runs: list[tuple[float, float, str]] = []

    def visit(value: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if value.strip(" \n"):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((height - y, x, value))

    page.extract_text(visitor_text=visit)
    return runs


def text_lines(data: bytes) -> list[TextLine]:
    """Every page's lines, top to bottom: the text runs pypdf reports joined left to right,
    those whose baselines lie within a point of each other making one line (a bold or italic
    word is a run of its own)."""
    lines: list[TextLine] = []
    for number, page in enumerate(reader(data).pages, start=1):
        rows: list[list[tuple[float, float, str]]] = []
        for run in sorted(_runs(page)):
            if rows and run[0] - rows[-1][0][0] < 1:
                rows[-1].append(run)
            else:
                rows.append([run])
        for row in rows:
            values = [value for _, _, value in sorted(row, key=lambda r: r[1])]
            # A list marker is a run of its own, set apart from its item by its box, not a space.
            if len(values) > 1 and re.fullmatch(r"\s*(•|\d+\.)\s*", values[0]):
                values[0] = values[0].strip() + " "
            # Spaces collapsed, no-break spaces kept: a date is one word to the line breaker.
            joined = re.sub(r"[ \t\n]+", " ", "".join(values)).strip(" ")
            lines.append(TextLine(number, row[0][0], joined))
    return lines


def text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def flat(value: str) -> str:
    """Extracted text with line breaks and hyphenation breaks joined, for phrase lookups.

    A line that ends after a word's own hyphen ("early-" / "warning") is joined with the
    hyphen kept; print never hyphenates, so any other hyphen at a line end is the word's."""
    value = re.sub(r"(\w)-\n(?=\w)", r"\1-", value)
    return " ".join(re.sub("[\u2010\u00ad]\n", "", value).split())


class LogCapture(logging.Handler):
    """Collects WeasyPrint's warnings and errors; a clean render logs none."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


@contextlib.contextmanager
def weasyprint_log() -> Iterator[LogCapture]:
    capture = LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        yield capture
    finally:
        logger.removeHandler(capture)


@dataclass
class Server:
    url: str
    hits: list[str] = field(default_factory=list)


@contextlib.contextmanager
def loopback_server() -> Iterator[Server]:
    """An HTTP server on 127.0.0.1 that answers everything and records each request."""
    server_info = Server(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server_info.hits.append(self.path)
            body = b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_info.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_info
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- hostile enclosures: active content, and a walk over every object of a PDF ---------------

#: What a hostile enclosure's active parts say, so a test can look for any trace of them.
ACTIVE_MARKERS = (b"zqjs", b"zqattached", b"zqlaunch", b"/etc/passwd", b"javascript:")


def hostile_pdf() -> bytes:
    """A one-page PDF with every kind of active content a viewer may run or follow: JavaScript
    on opening, in the names tree and on a page event, an embedded file, a /Launch link, file:
    and javascript: links, a file attachment, and a form field that runs JavaScript when typed
    in (its appearance, "zqfield", is what flattening must keep). One https link is allowed."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    def name(value: str) -> NameObject:
        return NameObject(value)

    def js(code: str) -> DictionaryObject:
        return DictionaryObject(
            {name("/S"): name("/JavaScript"), name("/JS"): TextStringObject(code)}
        )

    def rect(*values: float) -> ArrayObject:
        return ArrayObject(FloatObject(v) for v in values)

    def link(y: float, action: DictionaryObject) -> DictionaryObject:
        return DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name("/Link"),
                name("/Rect"): rect(50, y, 200, y + 20),
                name("/A"): action,
            }
        )

    def uri(target: str) -> DictionaryObject:
        return DictionaryObject({name("/S"): name("/URI"), name("/URI"): TextStringObject(target)})

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_attachment("zqattached.txt", b"zqattached secret")
    root = writer.root_object
    names = root["/Names"].get_object()
    names[name("/JavaScript")] = DictionaryObject(
        {
            name("/Names"): ArrayObject(
                [TextStringObject("zq"), writer._add_object(js("app.alert('zqjs names');"))]
            )
        }
    )
    root[name("/OpenAction")] = writer._add_object(js("app.alert('zqjs open');"))
    page = writer.pages[0]
    page[name("/AA")] = DictionaryObject({name("/O"): js("app.alert('zqjs page');")})
    launch = DictionaryObject(
        {name("/S"): name("/Launch"), name("/F"): TextStringObject("zqlaunch.exe")}
    )
    for y, action in (
        (700, launch),
        (660, uri("file:///etc/passwd")),
        (620, uri("javascript:app.alert('zqjs uri')")),
        (580, uri("https://example.com/kept")),
    ):
        writer.add_annotation(0, link(y, action))
    attachment = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/FileAttachment"),
            name("/Rect"): rect(300, 700, 320, 720),
            name("/FS"): DictionaryObject(
                {name("/Type"): name("/Filespec"), name("/F"): TextStringObject("zqattached.bin")}
            ),
        }
    )
    writer.add_annotation(0, attachment)
    helvetica = DictionaryObject(
        {
            name("/Type"): name("/Font"),
            name("/Subtype"): name("/Type1"),
            name("/BaseFont"): name("/Helvetica"),
        }
    )
    look = DecodedStreamObject()
    look.set_data(b"BT /Helv 12 Tf 2 6 Td (zqfield) Tj ET")
    look.update(
        {
            name("/Type"): name("/XObject"),
            name("/Subtype"): name("/Form"),
            name("/BBox"): rect(0, 0, 150, 20),
            name("/Resources"): DictionaryObject(
                {name("/Font"): DictionaryObject({name("/Helv"): helvetica})}
            ),
        }
    )
    field = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Widget"),
            name("/FT"): name("/Tx"),
            name("/T"): TextStringObject("name"),
            name("/V"): TextStringObject("zqfield"),
            name("/Rect"): rect(50, 500, 200, 520),
            name("/F"): NumberObject(4),
            name("/AA"): DictionaryObject({name("/K"): js("app.alert('zqjs keystroke');")}),
            name("/AP"): DictionaryObject({name("/N"): writer._add_object(look)}),
        }
    )
    field_ref = writer.add_annotation(0, field).indirect_reference
    bookmark = writer.add_outline_item(title="zq bookmark", page_number=0).get_object()
    bookmark[name("/A")] = js("app.alert('zqjs bookmark');")
    root[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject([field_ref]), name("/XFA"): TextStringObject("zqjs xfa")}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_ACTIVE_KEYS = {"/AA", "/OpenAction", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA"}
_ACTIONS = {"/GoTo", "/URI"}


def active_content(data: bytes) -> list[str]:
    """Every trace of active content in `data`, looking at every object the file holds
    (referenced or not, in object streams too), not only at what a viewer would reach."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    pdf = PdfReader(io.BytesIO(data))
    ids = {(num, gen) for gen, table in pdf.xref.items() for num in table}
    ids |= {(num, 0) for num in pdf.xref_objStm}
    found: list[str] = []
    stack: list[object] = [pdf.trailer]
    stack += [pdf.get_object(IndirectObject(num, gen, pdf)) for num, gen in sorted(ids)]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, StreamObject):
            body = item.get_data()
            found += [f"stream holds {m!r}" for m in ACTIVE_MARKERS if m in body]
        if isinstance(item, DictionaryObject):
            found += [f"key {k}" for k in item if k in _ACTIVE_KEYS]
            if item.get("/S") is not None and "/S" in item and item.get("/Type") != "/Group":
                kind = item["/S"]
                if (
                    isinstance(kind, str)
                    and kind.startswith("/")
                    and "/N" not in item
                    and kind not in (*_ACTIONS, "/Transparency", "/D", "/R")
                ):
                    found.append(f"action {kind}")
            target = str(item.get("/URI", "")) if item.get("/S") == "/URI" else ""
            if target and not target.startswith(("http:", "https:", "mailto:")):
                found.append(f"link to {target}")
            if item.get("/Subtype") in ("/Widget", "/FileAttachment"):
                found.append(f"annotation {item['/Subtype']}")
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, (str, bytes)):
            raw = item.encode("latin-1", "replace") if isinstance(item, str) else item
            found += [f"string holds {m!r}" for m in ACTIVE_MARKERS if m in raw]
    return found
