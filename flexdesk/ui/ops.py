"""The GUI's one way to the database: run a service call on the database worker, get the result
or the typed error back on the GUI thread.

A widget never opens a session and never calls ``Services.call``/``Services.read`` itself: it
starts a :class:`QueryOp` (a read) or a :class:`MutationOp` (a change, which also publishes its
topics on the change bus, ``flexdesk.ui.events``) and says what to do with the result::

    QueryOp(self.ctx, outputs.get_log, log_id).on_success(self._show).run(parent=self)

Why: a SQLAlchemy ``Session`` belongs to one thread, and with the office's PostgreSQL server on
the LAN every call is a network round trip that must not freeze the window. All calls go to
one worker thread (:class:`DbWorker`, a one-thread pool), in the order they were started, so
the GUI's own calls never race each other (Anki's ``taskman`` / ``CollectionOp`` shape).

Results arrive through a queued signal, on the GUI thread, in start order. A result whose
``parent`` widget was deleted meanwhile is dropped. A :class:`flexdesk.errors.FlexDeskError`
goes to ``on_failure`` (default: a warning box on the parent with the message in the UI
language), except :class:`flexdesk.errors.SessionEnded` (the account changed under the open
session), which goes to the context's ``on_session_ended``: the session host signs out; anything else is re-raised on the GUI thread, where the crash dialog (``ui.crash``)
or, in tests, pytest-qt sees it — never swallowed.

Long work with a progress dialog keeps using ``ui.worker.ProgressRunner``, on the same worker
pool (``ctx.ops.pool``), so it too never runs beside another database call of the GUI: one
service call that reports progress is ``ui.worker.run_with_progress``; work of several calls
(a bundle export, key rotation) is a :func:`progress_runner` whose task reaches the services
through :func:`worker_calls`, which refuses to run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from flexdesk.errors import FlexDeskError, SessionEnded

if TYPE_CHECKING:
    from flexdesk.db.engine import Database
    from flexdesk.services.app import Services
    from flexdesk.services.permissions import Actor
    from flexdesk.ui.context import UiContext
    from flexdesk.ui.worker import ProgressRunner

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    done = Signal(object, object)  # job, outcome


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._relay = relay
        self._fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self.error = exc
        self._relay.done.emit(self, None)


#: Workers with calls under way, kept alive until those are delivered. Were such a worker
#: collected (its window closed; the garbage collector runs on whichever thread allocates,
#: the worker's own included), deleting its pool would wait for its calls while holding the
#: interpreter they need: the whole process would hang.
_BUSY: set[DbWorker] = set()


class DbWorker(QObject):
    """One thread for every database call the GUI makes, in the order they were started."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        # job -> its delivery; holds the jobs too (the pool does not own them: no auto-delete)
        self._pending: dict[_Job, Callable[[Any, BaseException | None], None]] = {}

    def submit(
        self, fn: Callable[[], T], deliver: Callable[[T, BaseException | None], None]
    ) -> None:
        """Run ``fn()`` on the worker; ``deliver(result, error)`` later on the GUI thread."""
        job = _Job(self._relay, fn)
        job.setAutoDelete(False)
        self._pending[job] = deliver
        _BUSY.add(self)
        self.pool.start(job)

    def _deliver(self, job: _Job, _unused: object) -> None:
        deliver = self._pending.pop(job)
        if not self._pending:
            _BUSY.discard(self)
        deliver(job.result, job.error)

    def idle(self) -> bool:
        """True when no call is running or waiting to be delivered (tests wait for this)."""
        return not self._pending

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker has finished what it was given (closing the window)."""
        return self.pool.waitForDone(msecs)


class _Op(Generic[T]):
    _write = False

    def __init__(self, ctx: UiContext, fn: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        self._ctx = ctx
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[FlexDeskError], None] | None = None
        self._title = ""

    def on_success(self, callback: Callable[[T], None]) -> _Op[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[FlexDeskError], None]) -> _Op[T]:
        """Handle a typed error yourself (an inline message); default: a warning box."""
        self._failure = callback
        return self

    def titled(self, title: str) -> _Op[T]:
        """The title of the default warning box."""
        self._title = title
        return self

    def run(self, parent: QWidget) -> None:
        """Start the call; callbacks run only while ``parent`` still exists."""
        services = self._ctx.services
        call = services.call if self._write else services.read
        fn, args, kwargs = self._fn, self._args, self._kwargs

        def job() -> T:
            return call(fn, *args, **kwargs)

        def deliver(result: T, error: BaseException | None) -> None:
            if not isValid(parent):
                return
            if error is None:
                self._after_success()
                if self._success is not None:
                    self._success(result)
            elif isinstance(error, SessionEnded) and self._ctx.on_session_ended is not None:
                self._ctx.on_session_ended(error)  # signs out; no page handles this itself
            elif isinstance(error, FlexDeskError):
                self._fail(parent, error)
            else:
                raise error

        self._ctx.ops.submit(job, deliver)

    def _after_success(self) -> None:
        pass

    def _fail(self, parent: QWidget, error: FlexDeskError) -> None:
        if self._failure is not None:
            self._failure(error)
            return
        QMessageBox.warning(parent, self._title or parent.windowTitle(), self._ctx.message(error))


class QueryOp(_Op[T]):
    """A read: ``fn(session, actor, *args)`` in a read-only unit of work."""


class MutationOp(_Op[T]):
    """A change: ``fn(session, actor, *args)`` in its own transaction; on success the change
    bus publishes ``topics`` so every page that shows them refreshes."""

    _write = True

    def __init__(
        self,
        ctx: UiContext,
        fn: Callable[..., T],
        *args: Any,
        topics: Iterable[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(ctx, fn, *args, **kwargs)
        self._topics = frozenset(topics)

    def _after_success(self) -> None:
        self._ctx.events.publish(self._topics)


# -- long work with a progress dialog, and the calls before a sign-in ----------------------------


def progress_runner(ctx: UiContext, parent: QWidget, title: str) -> ProgressRunner:
    """A ``ui.worker.ProgressRunner`` on the database worker's pool: long work (exports, key
    creation, backups) never runs beside another database call of the GUI. Its work reaches the
    services through :func:`worker_calls`; what it changed it publishes itself on success."""
    from flexdesk.ui.worker import ProgressRunner

    return ProgressRunner(parent, title, pool=ctx.ops.pool)


class WorkerCalls:
    """``Services.read``/``call`` for work already running on the database worker (a
    :func:`progress_runner`'s task). Refuses the GUI thread, so it cannot be misused there."""

    def __init__(self, services: Services) -> None:
        self._services = services

    @staticmethod
    def _off_gui_thread() -> None:
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("WorkerCalls run on the database worker, not the GUI thread")

    @property
    def db(self) -> Database:
        """For services that open their own units of work (bundle export, key rotation)."""
        self._off_gui_thread()
        return self._services.db

    @property
    def actor(self) -> Actor:
        return self._services.actor

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        self._off_gui_thread()
        return self._services.read(fn, *args, **kwargs)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        self._off_gui_thread()
        return self._services.call(fn, *args, **kwargs)


def worker_calls(ctx: UiContext) -> WorkerCalls:
    """The service calls a :func:`progress_runner`'s work makes (on the worker thread)."""
    return WorkerCalls(ctx.services)


class SessionOp(Generic[T]):
    """A call before anyone signed in (the first-run wizard has no ``Services`` yet):
    ``fn(session, *args)`` in ``db.session()`` (one transaction) on a :class:`DbWorker` the
    window owns, result or typed error back on the GUI thread as with :class:`QueryOp`. No
    change bus: no page exists yet."""

    def __init__(
        self,
        worker: DbWorker,
        db: Database,
        fn: Callable[..., T],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self._worker = worker
        self._db = db
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[FlexDeskError], None] | None = None

    def on_success(self, callback: Callable[[T], None]) -> SessionOp[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[FlexDeskError], None]) -> SessionOp[T]:
        self._failure = callback
        return self

    def run(self, parent: QWidget) -> None:
        db, fn, args, kwargs = self._db, self._fn, self._args, self._kwargs

        def job() -> T:
            with db.session() as session:
                return fn(session, *args, **kwargs)

        def deliver(result: T, error: BaseException | None) -> None:
            if not isValid(parent):
                return
            if error is None:
                if self._success is not None:
                    self._success(result)
            elif isinstance(error, FlexDeskError) and self._failure is not None:
                self._failure(error)
            else:
                raise error

        self._worker.submit(job, deliver)
