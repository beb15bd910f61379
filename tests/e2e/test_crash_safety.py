"""Power-cut test: a writer process is killed with SIGKILL at random moments, 50+ times.

After every kill: the database passes ``PRAGMA integrity_check``, every write the child
reported as committed is there, the audit chain is intact, and every file under a final name
(exports, backups) is complete: a crash leaves the old or the new state, never half of one.

The children are forked from a multiprocessing forkserver that has FlexDesk imported already,
so each start costs milliseconds and the whole test stays well under a minute.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database
from flexdesk.services.storage import backup
from flexdesk.services.storage.audit import verify_audit_chain
from tests.e2e import crash_child
from tests.support.helpers import add_employee, setup_office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 55
TIME_BUDGET_S = 40.0


def _check(
    paths: DataPaths, employees: dict[str, str], counter_id: str, version: int, verified: set[Path]
) -> None:
    with closing(sqlite3.connect(paths.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        names = dict(conn.execute("SELECT id, nama FROM employees").fetchall())
        (jabatan,) = conn.execute(
            "SELECT jabatan FROM employees WHERE id = ?", (counter_id,)
        ).fetchone()
    missing = {i: n for i, n in employees.items() if names.get(i) != n}
    assert not missing, f"committed employees lost: {missing}"
    assert int(jabatan.removeprefix("v") or 0) >= version
    db = Database.for_file(paths.database)
    try:
        with db.read_session() as session:
            assert verify_audit_chain(session) == []
    finally:
        db.dispose()
    for path in paths.exports.iterdir():
        if not path.name.startswith("."):
            assert crash_child.file_is_complete(path.read_bytes()), f"partial file {path}"
    for path in paths.backups.glob("*.sqlite3"):
        if not path.name.startswith(".") and path not in verified:
            backup.verify_backup(path)  # a backup under its final name is whole
            verified.add(path)


def test_sigkill_at_random_points_loses_nothing_committed(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    db = open_database(paths)
    admin = setup_office(db)
    counter = add_employee(db, admin, "Penghitung Versi", jabatan="v0")
    db.dispose()

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.e2e.crash_child"])
    rng = random.Random(int(os.environ.get("FLEXDESK_CRASH_SEED", "20261123")))
    employees: dict[str, str] = {}
    files: dict[str, int] = {}
    backups: set[str] = set()
    verified: set[Path] = set()
    version = 0
    kills = writes = 0
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < TIME_BUDGET_S:
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=crash_child.run,
            args=(str(paths.root), admin, counter.id, kills, sender),
        )
        child.start()
        sender.close()
        assert receiver.poll(10), "the writer did not start"
        assert receiver.recv_bytes() == b"ready"
        deadline = time.monotonic() + rng.uniform(0.01, 0.3)
        while time.monotonic() < deadline:
            receiver.poll(0.005)
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        assert child.exitcode == -signal.SIGKILL, "the writer died on its own"
        kills += 1
        while True:
            try:
                if not receiver.poll(0):
                    break
                message = receiver.recv_bytes().decode()
            except (EOFError, OSError):
                break  # killed half-way through a report: that write is simply unreported
            kind, _, rest = message.partition(" ")
            writes += 1
            if kind == "emp":
                emp_id, _, nama = rest.partition(" ")
                employees[emp_id] = nama
            elif kind == "upd":
                version = max(version, int(rest))
            elif kind == "file":
                name, _, i = rest.partition(" ")
                files[name] = int(i)
            elif kind == "backup":
                backups.add(rest)
        receiver.close()
        _check(paths, employees, counter.id, version, verified)
        for name in files:
            assert (paths.exports / name).exists()
        for name in backups:
            assert (paths.backups / name).exists()
    print(
        f"\ncrash test: {kills} kills survived, {writes} reported writes, {len(employees)} employees"
    )
    assert kills >= 50, f"only {kills} kills in {TIME_BUDGET_S} s"
    assert writes > kills, "the writer was killed before writing anything, every time"
