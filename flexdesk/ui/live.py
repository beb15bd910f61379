"""Live refresh in the window: other PCs' changes arrive on the change bus (issue 15).

:class:`LiveRefresh` runs a :class:`flexdesk.services.live.ChangeWatcher` on a thread of its
own, never on the GUI thread and never on the database worker (``ctx.ops``): on PostgreSQL it
sits in a LISTEN wait, which would hold up every page's calls queued behind it. When the
watcher reports topics that another PC (another process, or another engine) changed, they are
published on ``ctx.events`` on the GUI thread, exactly as a page's own ``MutationOp`` does; the
window's own saves are left out by the watcher (they published already). A visible page then
refreshes at once, a hidden one at its next show (``ChangeBus.follow``).

Started for each sign-in by the session host (``ui.restart.SessionHost.open_window``) and
stopped before anything closes the database: sign-out, a restore (which disposes the engine and
replaces the file), quitting. ``stop()`` wakes the wait and joins the thread.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from flexdesk.services.live import ChangeWatcher
from flexdesk.ui.context import UiContext

log = logging.getLogger(__name__)

#: after a failed poll (server down, database being replaced), wait this long before the next
RETRY_S = 2.0


class LiveRefresh(QObject):
    """Publishes other PCs' changes on ``ctx.events``; ``start()`` once, ``stop()`` once."""

    #: topics published for a change made elsewhere (tests and the latency benchmark wait on it)
    published = Signal(object)
    _arrived = Signal(object)  # emitted on the watcher thread, delivered on the GUI thread

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stop = threading.Event()
        self._watcher: ChangeWatcher | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._arrived.connect(self._publish)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> LiveRefresh:
        self._thread = threading.Thread(target=self._run, name="flexdesk-live", daemon=True)
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """Whether the watcher took its first mark (changes after it are seen); for tests."""
        return self._ready.wait(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                watcher = self._watcher or ChangeWatcher(self._ctx.db)
            except Exception:
                log.warning("live refresh cannot read the change counter", exc_info=True)
                self._stop.wait(RETRY_S)
                continue
            self._watcher = watcher
            self._ready.set()
            if self._stop.is_set():  # stop() came before the watcher existed
                break
            watcher.wait()
            if self._stop.is_set():
                break
            try:
                topics = watcher.poll()
            except Exception:
                log.warning("live refresh could not poll", exc_info=True)
                self._stop.wait(RETRY_S)
                continue
            if topics:
                try:
                    self._arrived.emit(topics)
                except RuntimeError:  # the window's objects are gone: nothing to refresh
                    break
        if self._watcher is not None:
            self._watcher.close()

    def _publish(self, topics: frozenset[str]) -> None:
        if self._stop.is_set():
            return
        log.debug("changed elsewhere: %s", sorted(topics))
        self._ctx.events.publish(topics)
        self.published.emit(topics)

    def stop(self, timeout: float = 5.0) -> None:
        """End the watching and wait for the thread (it holds database connections)."""
        self._stop.set()
        watcher = self._watcher
        if watcher is not None:
            watcher.stop()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("live refresh thread did not stop within %.0f s", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
