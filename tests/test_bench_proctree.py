"""The benchmarks' process-tree sampler (benchmarks/proctree.py) must not take the cores of
the command it measures.

Each look at the tree reads every process's smaps_rollup, which walks its page tables: the
more memory the measured command holds, the longer a look takes. A sampler that looked again
after a fixed few milliseconds kept a core busy during large renders and slowed them, more at
a larger scale, so the benchmarks' growth exponents measured the sampler. These tests check,
with a fake clock and no timing, that the rest after a look grows with what the look cost.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def proctree() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location(
        "bench_proctree", ROOT / "benchmarks" / "proctree.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_a_cheap_look_keeps_the_short_interval(proctree: ModuleType) -> None:
    assert proctree.pause(0.0) == proctree.INTERVAL
    assert proctree.pause(proctree.INTERVAL / 100) == proctree.INTERVAL


def test_the_rest_grows_with_the_cost_of_a_look(proctree: ModuleType) -> None:
    for look in (0.002, 0.01, 0.05):
        # at most 5 % of one core: the rest is at least 19 times the look
        assert look / (look + proctree.pause(look)) <= 0.05


def test_the_sampler_rests_after_each_look_by_what_it_cost(
    proctree: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sampler's own loop: a look that takes 10 ms (a render holding about a gigabyte)
    is followed by a rest of at least 190 ms, not the 4 ms interval."""
    clock = [100.0]
    rests: list[float] = []
    sampler = proctree._Sampler()

    def look() -> None:
        clock[0] += 0.010

    def wait(timeout: float) -> bool:
        rests.append(timeout)
        if len(rests) == 3:
            sampler.stop.set()
        return sampler.stop.is_set()

    monkeypatch.setattr(proctree.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(sampler, "sample", look)
    monkeypatch.setattr(sampler.stop, "wait", wait)
    sampler.run()
    assert len(rests) == 3
    assert all(rest >= 19 * 0.010 - 1e-9 for rest in rests), rests


def test_a_child_of_the_benchmark_itself_is_not_waited_for(proctree: ModuleType) -> None:
    """A benchmark that starts a render pool in its own process (bench_site.py writes its
    floor through the hooks; bench_worker.py probes the machine's ceiling with a pool) has
    children that outlive every measured command. They are not the command's orphans: waiting
    for them hung those benchmarks. Here the measured command returns at once while a child
    of this process lives on; measuring it must return, and must not count that child."""
    import subprocess
    import threading

    assert proctree.become_subreaper()  # Linux: the orphan walk this test is about
    own = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        done: list[object] = []
        thread = threading.Thread(
            target=lambda: done.append(proctree.measure([sys.executable, "-c", "pass"])),
            daemon=True,
        )
        thread.start()
        thread.join(30)
        assert done, "measure() waited for a process the command did not start"
        assert own.poll() is None  # still this test's, not reaped by the benchmark
    finally:
        own.kill()
        own.wait()
