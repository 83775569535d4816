"""The one place where jobpacket saves time by working around a library's slow default.

Importing WeasyPrint on Linux takes far longer than it needs: WeasyPrint opens each
native library by trying several names, and for every name that is not a path cffi asks
`ctypes.util.find_library`, which runs ldconfig and the C compiler. Every name list ends
with the library's exact soname, which the dynamic loader finds by itself, so answering
"not found" at once while WeasyPrint imports loses nothing. benchmarks/bench_worker.py
shows the gain; tests/test_print_speedups.py fails if an upgrade makes the
shortcut lose a library (the optional HarfBuzz subsetter included).

Should the shortcut ever fail, the import is retried the supported way.
"""

from __future__ import annotations

import ctypes.util
import sys
from typing import Any


def _drop_weasyprint_modules() -> None:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]


def import_weasyprint(shortcut: bool = True) -> Any:
    """WeasyPrint, imported with the find_library shortcut on Linux (fallback: plain import)."""
    if not shortcut or "weasyprint.text.ffi" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        _drop_weasyprint_modules()
        ctypes.util.find_library = original
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint
