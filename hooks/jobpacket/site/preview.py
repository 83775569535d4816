"""What `mkdocs serve` adds to a build: PDFs rendered off the page's path, a fast profile watch.

Two costs stood between a saved edit and the refreshed page: the rebuild waited for the
public résumé PDF (its print HTML, then its layout), and MkDocs notices a changed file by
polling every 0.5 s. So while serving:

- `Latest` runs the newest of a kind of work on one thread. The MkDocs adapter uses it, once
  a rebuild's pages are out, to make the public documents of the saved profile (a PDF whose
  inputs changed renders in the render worker process, under its time limit); until then
  the site serves the previous PDF. A changed PDF goes into the served site and the browsers
  reload (`publish_and_reload`: no rebuild, which at four times a large profile would hold
  the next edit's rebuild back by seconds). A newer edit supersedes an older one: only the
  newest result is published, older ones only fill the cache.
- `FastWatch` watches the profile's folder with the operating system's file events (inotify
  on Linux, through watchdog, which MkDocs itself depends on) and wakes MkDocs' rebuild loop
  at once.

Waking the loop and reloading the browsers are the one place jobpacket touches MkDocs'
internals (`LiveReloadServer._rebuild_cond`, `_want_rebuild`, `_epoch_cond`,
`_visible_epoch` and `_wanted_epoch`, unchanged from MkDocs 1.4 to 1.6): MkDocs has no public
way to ask for a rebuild or a reload, its polling alone takes much of the time a saved edit
may take to show, and a whole rebuild only to reload grows with the profile.
`can_wake` and `can_reload` check for them; without them the profile is watched by MkDocs'
own polling and a ready PDF reaches the browser through a touched file in a watched folder
(a rebuild), the supported path. tests/test_site_preview.py fails when an upgrade removes
them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_wake(server: Any) -> bool:
    """Whether `wake` works with this MkDocs' live-reload server."""
    return isinstance(getattr(server, "_rebuild_cond", None), threading.Condition) and hasattr(
        server, "_want_rebuild"
    )


def wake(server: Any) -> bool:
    """Ask MkDocs' serve loop for a rebuild now, as its own file watcher does on a change."""
    if not can_wake(server):
        return False
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
    return True


def can_reload(server: Any) -> bool:
    """Whether `publish_and_reload` works with this MkDocs' live-reload server."""
    return (
        isinstance(getattr(server, "_epoch_cond", None), threading.Condition)
        and isinstance(getattr(server, "_visible_epoch", None), int)
        and isinstance(getattr(server, "_wanted_epoch", None), int)
    )


def publish_and_reload(server: Any, write: Callable[[], None]) -> bool:
    """Run `write` (files into the served folder) while MkDocs holds new requests, as it does
    during a rebuild, then make open pages reload, without rebuilding.

    MkDocs answers a request with the size of the file on disk and the bytes of the file it
    opened; a PDF replaced between the two arrives cut short, so files change only while
    requests wait. Pages long-poll for an epoch newer than the one they were served with.
    While a rebuild runs, `write` just runs: requests are held already, and the rebuild's end
    serves the newest PDF and reloads the pages. False (nothing done) when this MkDocs lacks
    what this relies on.
    """
    if not can_reload(server):
        return False
    with server._epoch_cond:
        held = server._wanted_epoch == server._visible_epoch
        if held:
            ours = server._wanted_epoch = server._visible_epoch + 1  # requests wait from here
    try:
        write()
    finally:
        if held:
            with server._epoch_cond:
                if server._wanted_epoch == ours:  # else a rebuild began: its end reloads
                    server._visible_epoch = ours
                server._epoch_cond.notify_all()
    return True


#: watchdog's event types that are changes; opening and reading the profile are not.
_CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})


class FastWatch:
    """Operating-system file events on one folder (not recursive) that wake the rebuild loop."""

    def __init__(self, folder: Path, on_change: Callable[[], object]) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if not event.is_directory and event.event_type in _CHANGES:
                    on_change()

        self.observer = Observer()
        self.observer.daemon = True
        self.observer.schedule(Handler(), str(folder), recursive=False)
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


@dataclass(frozen=True)
class _Request(Generic[Item]):
    generation: int
    item: Item


class Latest(Generic[Item, Result]):
    """One thread that works on the newest submitted item; older items not yet started are
    dropped, and the result of one that was superseded while running is not delivered.

    `work(item)` may raise; `failed` then gets the exception (when still the newest).
    """

    def __init__(
        self,
        work: Callable[[Item], Result],
        done: Callable[[Result], None],
        failed: Callable[[BaseException], None],
        name: str = "jobpacket-preview",
    ) -> None:
        self._work, self._done, self._failed = work, done, failed
        self._cond = threading.Condition()
        self._wanted: _Request[Item] | None = None
        self._generation = 0
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, item: Item) -> None:
        """Work on this next; an item not yet started is dropped for this one."""
        with self._cond:
            self._generation += 1
            self._wanted = _Request(self._generation, item)
            self._cond.notify_all()

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until nothing is pending or running (for tests and shutdown)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._wanted is None and not self._busy, timeout)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._wanted = None
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _current(self, request: _Request[Item]) -> bool:
        with self._cond:
            return request.generation == self._generation

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted is not None or self._closed)
                if self._closed:
                    return
                request, self._wanted, self._busy = self._wanted, None, True
            assert request is not None
            try:
                result = self._work(request.item)
                if self._current(request):
                    self._done(result)
            except BaseException as exc:  # reported; what was served stays
                if self._current(request):
                    self._failed(exc)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
