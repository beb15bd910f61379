"""What other PCs changed since we last looked, as change-bus topics (live refresh, issue 15).

Every synced row carries the ``change_seq`` it was last stamped with, and every deletion leaves
a tombstone with its own number (flexdesk.db.base). So "what changed since ``mark``" is: which
tables have a row, or a tombstone, numbered after ``mark``. :func:`changes_since` answers it in
one statement (one indexed range probe per table, ``LIMIT 1`` each: the answer is a set of
tables, not the rows), after a first tiny read of the counter that is all an idle poll costs.

Rows this process stamped itself (``flexdesk.db.notify.own_changes``) are left out: the window's
own saves have published their topics already. The topic names are those of the GUI's change
bus (``flexdesk.ui.events.TOPICS``; a test checks the two agree and that every synced table is
mapped). No Qt here: the GUI's watcher thread (flexdesk.ui.live) and tests call it alike.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, String, and_, bindparam, func, literal, not_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CompoundSelect, Select

from flexdesk.db import all_models  # noqa: F401  (every synced table is known)
from flexdesk.db.base import Base, ChangeCounter, SyncedMixin, Tombstone
from flexdesk.db.engine import Database
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.notify import Listener, own_changes

log = logging.getLogger(__name__)

#: table -> the change-bus topics whose pages show its rows (the topics their editors publish)
TABLE_TOPICS: dict[str, frozenset[str]] = {
    "offices": frozenset({"settings"}),
    "work_units": frozenset({"units"}),
    "employees": frozenset({"employees"}),
    "employee_contacts": frozenset({"employees"}),
    "employee_flex_settings": frozenset({"employees"}),
    "users": frozenset({"users"}),
    "first_passwords": frozenset({"users"}),
    "skp": frozenset({"outputs"}),
    "rhk": frozenset({"outputs"}),
    "rhk_indicators": frozenset({"outputs"}),
    "output_logs": frozenset({"outputs"}),
    "output_evidence": frozenset({"outputs"}),
    "flex_policies": frozenset({"policy"}),
    "calendar_years": frozenset({"policy"}),
    "calendar_holidays": frozenset({"policy"}),
    "schedule_periods": frozenset({"schedule"}),
    "schedule_period_events": frozenset({"schedule"}),
    "schedule_entries": frozenset({"schedule"}),
    "evaluations": frozenset({"evaluation"}),
    "evaluation_rhk": frozenset({"evaluation"}),
    "evaluation_indicators": frozenset({"evaluation"}),
    "evaluation_behaviours": frozenset({"evaluation"}),
    "evaluation_events": frozenset({"evaluation"}),
}

#: how often SQLite's counter is read, and how long a PostgreSQL listener waits for a
#: notification before reading the counter anyway (a writer without the notify hook: an older
#: FlexDesk, a bulk import through Core statements)
SQLITE_POLL_S = 1.0
PG_FALLBACK_POLL_S = 10.0


def synced_tables() -> dict[str, type[Any]]:
    """Every synced table by name (from the mapped classes, so a new model is not forgotten)."""
    found: dict[str, type[Any]] = {}
    for mapper in Base.registry.mappers:
        cls: type[Any] = mapper.class_
        if issubclass(cls, SyncedMixin):
            found[mapper.tables[0].name] = cls
    return found


def _entity_tables() -> dict[str, str]:
    return {cls.__entity__: name for name, cls in synced_tables().items()}


#: the audit trail's entity of the office settings (key/value rows: no change numbers)
SETTINGS_ENTITY = "settings"


def audit_mark(session: Session) -> int:
    """The newest audit-trail row now: where :func:`settings_changed_since` looks after."""
    return int(session.scalar(select(func.max(AuditEntry.seq))) or 0)


def settings_changed_since(session: Session, since: int) -> tuple[int, bool]:
    """``(new audit mark, whether an office setting changed after it)``. The settings are not
    synced rows, so the change counter does not see them; every change is in the audit trail
    (indexed by its sequence). This process's own setting changes are not told apart: their
    pages refresh once more, and forms keep what is typed (outputs.settings_tab)."""
    now = audit_mark(session)
    if now <= since:
        return now, False
    hit = session.scalar(
        select(AuditEntry.seq)
        .where(AuditEntry.seq > since, AuditEntry.entity == SETTINGS_ENTITY)
        .limit(1)
    )
    return now, hit is not None


def mark(session: Session) -> int:
    """The change counter now: the point :func:`changes_since` looks after."""
    value = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1))
    return int(value or 0)


def _runs(own: Iterable[int]) -> list[tuple[int, int]]:
    """``own`` as runs of consecutive numbers (a flush stamps one run): a few ranges."""
    runs: list[tuple[int, int]] = []
    for seq in sorted(own):
        if runs and seq == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seq)
        else:
            runs.append((seq, seq))
    return runs


def _after(column: ColumnElement[int], own_runs: int) -> ColumnElement[bool]:
    """``column`` after the mark and in none of the ``own_runs`` ranges (bound parameters)."""
    where = column > bindparam("since")
    ranges = (
        not_(column.between(bindparam(f"lo{i}"), bindparam(f"hi{i}"))) for i in range(own_runs)
    )
    return and_(where, *ranges)


@functools.lru_cache(maxsize=16)
def _statement(own_runs: int) -> CompoundSelect[Any]:
    """The one statement of :func:`changes_since`, built once per number of own ranges (its
    construction costs more than running it; the compiled form is cached by SQLAlchemy, and on
    PostgreSQL prepared by psycopg after a few runs)."""
    parts: list[Select[Any, Any]] = [
        select(literal("", String).label("name"), ChangeCounter.value.label("seq")).where(
            ChangeCounter.id == 1
        )
    ]
    for name, cls in synced_tables().items():
        seq = cls.__table__.c.change_seq
        probe = select(literal(name, String).label("name"), seq.label("seq"))
        parts.append(select(probe.where(_after(seq, own_runs)).limit(1).subquery()))
    tomb = Tombstone.__table__.c
    deleted = select(("~" + tomb.entity).label("name")).where(_after(tomb.change_seq, own_runs))
    parts.append(select(deleted.distinct().subquery().c.name, literal(0, Integer)))
    return union_all(*parts)


def changes_since(
    session: Session, since: int, *, ignore: Iterable[int] = ()
) -> tuple[int, frozenset[str]]:
    """``(new mark, topics)``: the topics of the tables changed after ``since`` by anyone but
    the change numbers in ``ignore`` (this process's own saves). The counter, the rows and the
    tombstones are read in one statement, so one snapshot: the new mark covers what was seen."""
    now = mark(session)
    if now <= since:
        return now, frozenset()
    runs = _runs(s for s in ignore if s > since)
    params: dict[str, int] = {"since": since}
    for i, (lo, hi) in enumerate(runs):
        params[f"lo{i}"], params[f"hi{i}"] = lo, hi
    rows = session.execute(_statement(len(runs)), params).all()
    entities = _entity_tables()
    topics: set[str] = set()
    new_mark = now
    for name, seq in rows:
        if name == "":
            new_mark = max(new_mark, int(seq))
        elif name.startswith("~"):
            topics |= TABLE_TOPICS.get(entities.get(name[1:], ""), frozenset())
        else:
            topics |= TABLE_TOPICS[name]
    return new_mark, frozenset(topics)


def _marks(session: Session) -> tuple[int, int]:
    """(change counter, newest audit row) in one statement."""
    counter = select(ChangeCounter.value).where(ChangeCounter.id == 1).scalar_subquery()
    audit = select(func.max(AuditEntry.seq)).scalar_subquery()
    row = session.execute(select(counter, audit)).one()
    return int(row[0] or 0), int(row[1] or 0)


class ChangeWatcher:
    """Waits for other PCs' changes to ``db`` and says which topics they touched.

    ``poll()`` is one tiny query while nothing changed. ``wait()`` blocks until it is worth
    polling: on PostgreSQL until a NOTIFY arrives (or :data:`PG_FALLBACK_POLL_S`), on SQLite
    :data:`SQLITE_POLL_S`. ``stop()`` ends a wait at once, from any thread. Runs on one thread
    (the GUI's watcher thread); it opens its own read sessions.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._own = own_changes(db.engine)
        self._stopped = threading.Event()
        self._listener: Listener | None = None
        with db.read_session() as session:
            self.mark, self.audit_mark = _marks(session)

    def poll(self) -> frozenset[str]:
        """The topics changed by others since the last poll (empty: nothing, or only ours).
        While nothing changed, one query reads both marks (two index look-ups)."""
        with self.db.read_session() as session:
            counter, audit = _marks(session)
            topics: frozenset[str] = frozenset()
            if counter > self.mark:
                own = self._own.above(self.mark)
                new_mark, topics = changes_since(session, self.mark, ignore=own)
                self._own.forget_through(new_mark)
                self.mark = new_mark
            if audit > self.audit_mark:
                self.audit_mark, settings = settings_changed_since(session, self.audit_mark)
                if settings:
                    topics |= {"settings"}
        return topics

    def wait(self) -> None:
        """Block until polling is worth it (see the class); errors of the listener are
        logged and retried, never raised: the window must not die with the server."""
        if self._stopped.is_set():
            return
        if self.db.is_sqlite:
            self._stopped.wait(SQLITE_POLL_S)
            return
        try:
            if self._listener is None:
                self._listener = Listener(self.db.engine)
                return  # (re)connected: poll now, a change may have come meanwhile
            self._listener.wait(PG_FALLBACK_POLL_S)
        except Exception:
            # the server went away or restarted: poll on SQLite's rhythm until it is back
            log.warning("change listener lost its connection; retrying", exc_info=True)
            self._close_listener()
            self._stopped.wait(SQLITE_POLL_S)

    def stop(self) -> None:
        """End the watching (sign-out, restore, closing): the thread's loop sees ``stopped``."""
        self._stopped.set()
        if self._listener is not None:
            self._listener.wake()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stopped.is_set()

    def close(self) -> None:
        """Release the listener's connection (after the last ``wait``, on the same thread)."""
        self._close_listener()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
