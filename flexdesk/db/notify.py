"""Telling the other PCs that something changed, and knowing which changes were our own.

Live refresh (issue 15): a page should show what another PC saved within about two seconds.
Every flush of synced rows takes numbers from the office-wide change counter
(:func:`flexdesk.db.base.take_sequence_numbers`); this module adds two session hooks to it:

- **NOTIFY on PostgreSQL.** A flush that stamped change numbers also runs
  ``SELECT pg_notify('flexdesk_changes', '<newest number>')`` on the same connection, in the same
  transaction. PostgreSQL delivers a notification only when its transaction commits (a rolled
  back save wakes nobody) and only after the rows are visible, so a listener that then reads the
  counter sees the change. A change of the office settings (key/value rows without change
  numbers) notifies too. It is issued from ``after_flush`` rather than ``before_commit``,
  because a commit's own final flush runs *after* ``before_commit``. One notification per
  transaction is enough (the listener re-reads the counter): later flushes of the same
  transaction skip it. SQLite has nothing like it; the watcher polls the counter there.
- **Own change numbers.** A window's own saves already publish their topics on its change bus
  (``ui.ops.MutationOp``); the watcher must not announce them a second time. The numbers each
  flush stamped are remembered per engine (:func:`own_changes`), and forgotten again when the
  transaction rolls back, since another PC may then be handed the same numbers. Only for an
  engine someone watches (:func:`own_changes` was asked for it): a command-line import or the
  central receiver keeps no such list.

:class:`Listener` waits for the notification on a dedicated connection (LISTEN needs a
connection that stays open and out of the pool), with a timeout and a ``wake()`` that ends a
wait at once (stopping the watcher at sign-out or before a restore never waits for a timeout).
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.orm import Session

from flexdesk.db.base import SyncedMixin, Tombstone
from flexdesk.db.models import Setting

log = logging.getLogger(__name__)

CHANNEL = "flexdesk_changes"
_NOTIFIED = "flexdesk_change_notified"  # Session.info: this transaction has sent its NOTIFY
_PENDING = "flexdesk_own_pending"  # Session.info: (engine, seqs) stamped in this transaction
#: own numbers kept at most (dropping old ones costs at worst a page refreshing twice)
MAX_OWN = 100_000


class OwnChanges:
    """The change numbers this process stamped through one engine (thread-safe: flushes run on
    the database worker, the watcher reads on its own thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seqs: set[int] = set()

    def add(self, seqs: Iterable[int]) -> None:
        with self._lock:
            self._seqs.update(seqs)
            if len(self._seqs) > MAX_OWN:  # nobody looked for long: keep the newest half
                self._seqs = set(sorted(self._seqs)[-(MAX_OWN // 2) :])

    def discard(self, seqs: Iterable[int]) -> None:
        with self._lock:
            self._seqs.difference_update(seqs)

    def above(self, mark: int) -> frozenset[int]:
        """The own numbers after ``mark`` (the watcher ignores rows carrying them)."""
        with self._lock:
            return frozenset(s for s in self._seqs if s > mark)

    def forget_through(self, mark: int) -> None:
        """Drop numbers up to ``mark``: the watcher has looked past them."""
        with self._lock:
            self._seqs = {s for s in self._seqs if s > mark}


_own: weakref.WeakKeyDictionary[Engine, OwnChanges] = weakref.WeakKeyDictionary()
_own_lock = threading.Lock()


def own_changes(engine: Engine) -> OwnChanges:
    """The own change numbers of ``engine``, recorded from now on (a watcher asks first)."""
    with _own_lock:
        found = _own.get(engine)
        if found is None:
            found = _own[engine] = OwnChanges()
        return found


def _stamped(session: Session) -> list[int]:
    """The change numbers this flush stamped (``base._stamp_changes`` ran in before_flush; the
    attribute history still shows the new values until the flush ends)."""
    seqs: list[int] = []
    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, SyncedMixin | Tombstone):
            continue
        added = inspect(obj).attrs.change_seq.history.added
        if added and isinstance(added[0], int) and added[0] > 0:
            seqs.append(added[0])
    return seqs


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx: Any) -> None:
    seqs = _stamped(session)
    settings = any(isinstance(o, Setting) for o in (*session.new, *session.dirty, *session.deleted))
    if not seqs and not settings:
        return
    conn = session.connection()
    own = _own.get(conn.engine)
    if own is not None and seqs:
        # remembered before the commit: the watcher may look between the commit and after_commit
        own.add(seqs)
        session.info.setdefault(_PENDING, []).append((own, seqs))
    if conn.dialect.name == "postgresql" and not session.info.get(_NOTIFIED):
        payload = str(max(seqs)) if seqs else "settings"
        conn.execute(text("SELECT pg_notify(:channel, :payload)"), {
            "channel": CHANNEL,
            "payload": payload,
        })  # fmt: skip
        session.info[_NOTIFIED] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_NOTIFIED, None)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: Any) -> None:
    # The numbers go back to the counter and may be handed to another PC: not ours any more.
    # Also for a savepoint's rollback (its NOTIFY is discarded with it, and which of the
    # transaction's numbers were the savepoint's is not known): forgetting too many costs at
    # most a page refreshing twice, remembering a number another PC gets would hide its change.
    for own, seqs in session.info.pop(_PENDING, []):
        own.discard(seqs)
    session.info.pop(_NOTIFIED, None)


class Listener:
    """LISTEN on a dedicated psycopg connection of ``engine`` (PostgreSQL only)."""

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("LISTEN/NOTIFY needs PostgreSQL")
        # A connection made like the pool's (same URL, connect timeout, application name),
        # detached so it stays open and never goes back to the pool in a LISTEN state.
        pooled = engine.raw_connection()
        conn: Any = pooled.driver_connection
        pooled.detach()
        assert conn is not None
        self._conn = conn
        self._conn.autocommit = True
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._closed = False

    def wait(self, timeout: float) -> bool:
        """Block until a notification arrives (True), ``timeout`` seconds pass or
        :meth:`wake` is called (False). A broken connection raises the driver's error."""
        if self._drain():
            return True
        ready, _w, _x = select.select([self._conn.fileno(), self._wake_r], [], [], timeout)
        if self._wake_r in ready:
            with contextlib.suppress(BlockingIOError):
                while self._wake_r.recv(64):
                    pass
        if self._conn.fileno() in ready:
            return self._drain()
        return False

    def _drain(self) -> bool:
        """Collect the notifications that arrived (reads what the socket holds, no waiting)."""
        got = False
        for _n in self._conn.notifies(timeout=0.0):
            got = True
        return got

    def wake(self) -> None:
        """End a :meth:`wait` under way now (from any thread)."""
        with contextlib.suppress(OSError):  # already closed: the wait is over anyway
            self._wake_w.send(b"x")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._conn.close()
        except Exception:  # already broken: nothing to release
            log.debug("listener connection close failed", exc_info=True)
        self._wake_r.close()
        self._wake_w.close()
