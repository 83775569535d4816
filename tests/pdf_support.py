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

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader(data).pages]


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
