"""print/speedups.py: the find_library shortcut that makes importing WeasyPrint fast loses no
library. Whether it is worth it is measured in benchmarks/bench_worker.py."""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT, run_python

pytestmark = pytest.mark.slow


def test_the_find_library_shortcut_still_loads_every_library() -> None:
    """If a WeasyPrint upgrade renames a library so that only find_library finds it, the
    shortcut would silently lose it (the HarfBuzz subsetter is optional): compare with a
    plain import, library by library, in fresh interpreters."""
    code = (
        "import sys; from jobpacket.print.speedups import import_weasyprint;"
        "import_weasyprint(sys.argv[1] == '1'); from weasyprint.text import ffi;"
        "print(sorted(n for n in ('gobject','pango','harfbuzz','harfbuzz_subset',"
        "'fontconfig','pangoft2') if getattr(ffi, n, None) is not None))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    fast, plain = (run_python("-c", code, flag, env=env, check=True).stdout for flag in ("1", "0"))
    assert "harfbuzz_subset" in fast
    assert fast == plain
