"""Long work off the GUI thread, with a progress dialog that can be cancelled.

A service function that takes ``progress(done, total, text)`` and ``is_cancelled()`` callbacks
runs in a QThreadPool worker; the dialog shows its progress and its Cancel button sets the
flag the service polls. Results and errors come back to the GUI thread through signals. The
service never knows about Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from flexdesk.ui.context import UiContext

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Runs ``fn(progress, is_cancelled)`` in the pool; emits finished(result) or failed(exc)."""

    def __init__(self, fn: Callable[[ProgressFn, CancelledFn], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # reported on the GUI thread, never lost
            if not isinstance(exc, Exception):
                log.exception("worker stopped")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class ProgressRunner(QObject):
    """Starts a Task with a modal, cancellable progress dialog and calls back on the GUI thread."""

    def __init__(self, parent: QWidget, title: str, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._title = title
        self._pool = pool or QThreadPool.globalInstance()
        self.dialog: QProgressDialog | None = None
        self.task: Task | None = None

    def start(
        self,
        fn: Callable[[ProgressFn, CancelledFn], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Task:
        dialog = QProgressDialog(self._title, self.tr("Batal"), 0, 0, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        task = Task(fn)
        dialog.canceled.connect(task.cancel)

        def progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        def finish(result: object) -> None:
            dialog.close()
            on_done(result)

        def fail(exc: object) -> None:
            dialog.close()
            on_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

        task.signals.progress.connect(progress)
        task.signals.finished.connect(finish)
        task.signals.failed.connect(fail)
        self.dialog, self.task = dialog, task
        self._pool.start(task)
        return task


def run_with_progress(
    ctx: UiContext,
    parent: QWidget,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    write: bool = False,
    cancellable: bool = True,
    topics: Iterable[str] = (),
    **kwargs: Any,
) -> ProgressRunner:
    """Long database work with a progress dialog, on the database worker's pool
    (``ctx.ops.pool``), so that it never runs beside another database call of the GUI.

    Runs ``fn(session, actor, *args, progress=..., is_cancelled=..., **kwargs)`` (without
    ``is_cancelled`` unless ``cancellable``) in a read-only unit of work, or with ``write`` in
    its own transaction; after success the change bus publishes ``topics``, then ``on_done``.
    """
    services = ctx.services
    call = services.call if write else services.read
    changed = frozenset(topics)

    def work(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        if cancellable:
            return call(fn, *args, progress=progress, is_cancelled=cancelled, **kwargs)
        return call(fn, *args, progress=progress, **kwargs)

    def done(result: Any) -> None:
        ctx.events.publish(changed)
        on_done(result)

    runner = ProgressRunner(parent, title, pool=ctx.ops.pool)
    runner.start(work, done, on_error)
    return runner
