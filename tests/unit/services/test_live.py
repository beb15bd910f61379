"""Live refresh, the Qt-free part (issue 15): what another PC changed since a mark, as change-bus
topics; this process's own saves left out; a second process's commit seen by the watcher
within 2 s (SQLite: the counter poll; PostgreSQL: LISTEN/NOTIFY). Both backends (the ``db``
fixture is a PostgreSQL database when FLEXDESK_TEST_PG_URL is set)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models_schedule import CalendarHoliday, CalendarYear
from flexdesk.db.notify import Listener, own_changes
from flexdesk.domain.people import EmployeeType
from flexdesk.services import live
from flexdesk.ui.events import TOPICS
from tests.support.helpers import Staff, add_employee

ROOT = Path(__file__).resolve().parents[3]


def _other_pc(db: Database) -> Database:
    """A second PC on the same database: its own engine, so its changes are not "ours"."""
    return Database(db.engine.url.render_as_string(hide_password=False))


def _mark(db: Database) -> int:
    own_changes(db.engine)  # watched from here on, as a ChangeWatcher does
    with db.read_session() as session:
        return live.mark(session)


def _since(db: Database, mark: int) -> tuple[int, frozenset[str]]:
    with db.read_session() as session:
        return live.changes_since(session, mark, ignore=own_changes(db.engine).above(mark))


def test_every_synced_table_has_topics_of_the_change_bus() -> None:
    tables = live.synced_tables()
    assert len(tables) >= 20
    assert set(live.TABLE_TOPICS) == set(tables), "a synced table without live-refresh topics"
    for name, topics in live.TABLE_TOPICS.items():
        assert topics and topics <= TOPICS, name


def test_another_pcs_change_gives_its_topics(db: Database, staff: Staff) -> None:
    start = _mark(db)
    assert _since(db, start) == (start, frozenset())
    other = _other_pc(db)
    try:
        add_employee(other, staff.admin, "Dewi Lain")
        new_mark, topics = _since(db, start)
        assert topics == {"employees"}
        assert new_mark > start
        assert _since(db, new_mark) == (new_mark, frozenset())  # nothing after it
    finally:
        other.dispose()


def test_own_changes_are_left_out_others_after_them_are_not(db: Database, staff: Staff) -> None:
    start = _mark(db)
    add_employee(db, staff.admin, "Milik Sendiri")  # this process's engine: already published
    assert _since(db, start)[1] == frozenset()
    other = _other_pc(db)
    try:
        with other.session() as session:
            session.add(CalendarYear(year=2031))
        assert _since(db, start)[1] == {"policy"}
        # without the own numbers, our employee shows too
        with db.read_session() as session:
            assert live.changes_since(session, start)[1] == {"employees", "policy"}
    finally:
        other.dispose()


def test_a_rolled_back_save_is_not_remembered_as_ours(db: Database, staff: Staff) -> None:
    start = _mark(db)
    session = db.new_session()
    session.add(CalendarYear(year=2032))
    session.flush()
    assert own_changes(db.engine).above(start)
    session.rollback()
    session.close()
    assert not own_changes(db.engine).above(start)
    assert _mark(db) == start


def test_a_deletion_by_another_pc_gives_its_topic(db: Database, staff: Staff) -> None:
    other = _other_pc(db)
    try:
        with other.session() as session:
            session.add(CalendarYear(year=2033))
            session.add(
                CalendarHoliday(year=2033, day=date(2033, 8, 17), name="Libur", kind="local")
            )
        start = _mark(db)
        with other.session() as session:
            holiday = session.scalars(
                select(CalendarHoliday).where(CalendarHoliday.name == "Libur")
            ).one()
            session.delete(holiday)
        with db.read_session() as session:
            new_mark, topics = live.changes_since(session, start)
        assert topics == {"policy"} and new_mark == start + 1
    finally:
        other.dispose()


# A second "PC": waits for the go, then adds an employee in its own process.
PC = """
import json, sys
from flexdesk.db.engine import Database
from flexdesk.services.permissions import Actor, Role
from flexdesk.domain.people import EmployeeType
from tests.support.helpers import add_employee
args = json.loads(sys.argv[1])
db = Database(args["url"])
actor = Actor(args["user_id"], args["username"], Role(args["role"]), None)
print("ready", flush=True)
for line in sys.stdin:
    add_employee(db, actor, line.strip(), employee_type=EmployeeType.NON_ASN)
    print("committed", flush=True)
"""


def test_the_watcher_sees_another_process_within_two_seconds(db: Database, staff: Staff) -> None:
    actor = staff.admin
    args = {
        "url": db.engine.url.render_as_string(hide_password=False),
        "user_id": actor.user_id,
        "username": actor.username,
        "role": str(actor.role),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", PC, json.dumps(args)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    watcher = live.ChangeWatcher(db)
    seen: list[tuple[float, frozenset[str]]] = []

    def run() -> None:
        while not watcher.stopped:
            watcher.wait()
            topics = watcher.poll()
            if topics:
                seen.append((time.perf_counter(), topics))
        watcher.close()

    thread = threading.Thread(target=run)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "ready"
        thread.start()
        time.sleep(0.3)  # the listener is up (PostgreSQL)
        add_employee(db, actor, "Dari Jendela Ini")  # our own save: never announced
        proc.stdin.write("Dari PC Lain\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "committed"
        committed = time.perf_counter()
        deadline = committed + 2.0
        while not seen and time.perf_counter() < deadline:
            time.sleep(0.02)
        assert seen, "the other process's change was not seen within 2 s"
        assert seen[0][1] == {"employees"}
        assert seen[0][0] - committed < 2.0
        time.sleep(0.3 if not db.is_sqlite else 1.2)
        assert len(seen) == 1  # announced once, and our own save not at all
    finally:
        watcher.stop()
        thread.join(5)
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait(10)
        proc.stdout.close()  # type: ignore[union-attr]
    assert not thread.is_alive()


def test_stop_ends_a_wait_at_once(db: Database) -> None:
    watcher = live.ChangeWatcher(db)
    watcher.wait()  # PostgreSQL: connects the listener; SQLite: one poll interval
    threading.Timer(0.2, watcher.stop).start()
    started = time.perf_counter()
    watcher.wait()
    watcher.close()
    assert time.perf_counter() - started < 0.9  # not the poll's or the fallback's timeout


def test_own_numbers_are_kept_only_for_a_watched_engine_and_bounded(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flexdesk.db import notify

    other = _other_pc(db)  # nobody watches its engine: nothing is remembered for it
    try:
        add_employee(other, staff.admin, "Tak Diawasi", employee_type=EmployeeType.NON_ASN)
        assert other.engine not in notify._own
    finally:
        other.dispose()
    monkeypatch.setattr(notify, "MAX_OWN", 10)
    own = notify.OwnChanges()
    own.add(range(1, 12))
    assert own.above(0) == frozenset(range(7, 12))  # the newest half


def test_a_rolled_back_savepoint_forgets_its_numbers_and_the_commit_still_notifies(
    db: Database, staff: Staff
) -> None:
    start = _mark(db)
    listener = None if db.is_sqlite else Listener(db.engine)
    with db.session() as session:
        try:
            with session.begin_nested():
                session.add(CalendarYear(year=2034))
                session.flush()
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        assert not own_changes(db.engine).above(start)
        session.add(CalendarYear(year=2035))
    # the committed year is ours (one number after the mark), the savepoint's is forgotten
    assert own_changes(db.engine).above(start) == {start + 1}
    if listener is not None:  # PostgreSQL: the commit notified (the savepoint's was discarded)
        try:
            assert listener.wait(2.0)
        finally:
            listener.close()


def test_another_pcs_office_setting_gives_settings(db: Database, staff: Staff) -> None:
    from flexdesk.services import office

    watcher = live.ChangeWatcher(db)
    listener = None if db.is_sqlite else Listener(db.engine)
    other = _other_pc(db)
    try:
        assert watcher.poll() == frozenset()
        with other.session() as session:  # a key/value row: no change number, only the trail
            office.set_setting(session, staff.admin, "session_timeout_minutes", 45)
        if listener is not None:  # PostgreSQL: it notified as well
            assert listener.wait(2.0)
        assert watcher.poll() == {"settings"}
        assert watcher.poll() == frozenset()
    finally:
        other.dispose()
        watcher.close()
        if listener is not None:
            listener.close()
