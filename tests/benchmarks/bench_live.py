"""Live refresh (issue 15) on the demo office (``flexdesk demo``): what an idle poll costs, what
``changes_since`` costs after another PC's change, and the latency from another PC's commit to
the visible employees page showing it, on SQLite (counter poll every SQLITE_POLL_S) and, with
``--pg-url`` (a server URL whose user may create databases), on PostgreSQL (LISTEN/NOTIFY).

The "other PC" is a second Database (its own engine) in this process, committing on the main
thread; the page runs in a real QApplication with ui.live.LiveRefresh, as a signed-in window.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, print_table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]


def _demo(root: Path, url: str | None) -> None:
    cmd = [sys.executable, "-m", "flexdesk", "demo", "--data-dir", str(root)]
    if url:
        cmd += ["--database-url", url]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)


def measure(root: Path, url: str | None, repeat: int, label: str) -> list[Row]:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from flexdesk.db.engine import Database
    from flexdesk.db.models import Employee
    from flexdesk.paths import DataPaths
    from flexdesk.services import live
    from flexdesk.services.app import Services, login, open_database
    from flexdesk.services.demo import DEMO_PASSWORD
    from flexdesk.ui.context import UiContext, ui_settings
    from flexdesk.ui.live import LiveRefresh
    from flexdesk.ui.pages.employees import EmployeesPage

    app = QApplication.instance() or QApplication([])
    paths = DataPaths(root)
    _demo(root, url)
    db = open_database(paths, database_url=url)
    if url:  # as autovacuum would have by now: statistics for the planner
        from sqlalchemy import text

        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    other = Database(db.engine.url.render_as_string(hide_password=False))
    with db.read_session() as session:
        count = len(session.scalars(select(Employee.id)).all())
        ids = list(session.scalars(select(Employee.id).order_by(Employee.nama).limit(repeat)))
    size = f"demo, {count} employees"

    watcher = live.ChangeWatcher(db)
    idle = []
    for _ in range(200):
        t = time.perf_counter()
        watcher.poll()
        idle.append(time.perf_counter() - t)
    since = []
    for i in range(repeat):
        with other.session() as session:
            emp = session.get(Employee, ids[i % len(ids)])
            assert emp is not None
            emp.jabatan = f"Bench {i}"
        t = time.perf_counter()
        assert watcher.poll() == {"employees"}
        since.append(time.perf_counter() - t)

    # idle CPU of the watcher thread: this process's CPU time over a quiet stretch
    ctx = UiContext(paths, db, Services(db, login(db, "admin", DEMO_PASSWORD)), ui_settings(paths))
    page = EmployeesPage(ctx)
    page.resize(1200, 700)
    page.show()

    def pump_until(cond: object, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            app.processEvents()
            if cond():  # type: ignore[operator]
                return True
            time.sleep(0.002)
        return False

    pump_until(ctx.ops.idle, 10)
    refresh = LiveRefresh(ctx).start()
    refresh.wait_ready()
    time.sleep(0.5)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    time.sleep(5.0)  # no Qt events: only the watcher thread runs
    idle_cpu = (time.process_time() - cpu0) / (time.perf_counter() - wall0)

    latency = []
    rng = random.Random(15)
    for i in range(repeat):
        target = ids[i % len(ids)]
        value = f"Live {i}"
        # commits come at any moment of the poll interval, not just after the last refresh
        pump_until(lambda: False, rng.uniform(0, live.SQLITE_POLL_S))
        with other.session() as session:
            emp = session.get(Employee, target)
            assert emp is not None
            emp.jabatan = value
        t = time.perf_counter()

        def shown(target: str = target, value: str = value) -> bool:
            row = page.model.row_of(target)
            return row >= 0 and page.model.row_data(row).jabatan == value

        assert pump_until(shown, 5), "not refreshed"
        latency.append(time.perf_counter() - t)
        pump_until(ctx.ops.idle, 5)
    refresh.stop()
    page.close()
    page.deleteLater()
    app.processEvents()
    other.dispose()
    db.dispose()
    poll_every = live.SQLITE_POLL_S if label == "SQLite" else live.PG_FALLBACK_POLL_S
    return [
        Row(
            f"{label}: idle poll (both marks)",
            size,
            statistics.median(idle),
            note=f"median of 200; min {min(idle) * 1000:.2f} ms",
        ),
        Row(
            f"{label}: poll after a change elsewhere",
            size,
            statistics.median(since),
            note=f"median of {repeat}; max {max(since) * 1000:.2f} ms",
        ),
        Row(
            f"{label}: commit elsewhere -> page shows it",
            size,
            statistics.median(latency),
            note=f"median of {repeat}; max {max(latency) * 1000:.0f} ms",
        ),
        Row(
            f"{label}: idle CPU of the watcher",
            size,
            idle_cpu,
            note=f"CPU time per second of idle; a counter read every {poll_every:.0f} s",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg-url", default=os.environ.get("FLEXDESK_TEST_PG_URL"))
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows += measure(Path(tmp) / "sqlite", None, args.repeat, "SQLite")
        if args.pg_url:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            name = f"fdbench_live_{os.getpid()}"
            server = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
            with server.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(args.pg_url).set(database=name)
                rows += measure(
                    Path(tmp) / "pg",
                    url.render_as_string(hide_password=False),
                    args.repeat,
                    "PostgreSQL",
                )
            finally:
                with server.connect() as conn:
                    conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                server.dispose()
    print_table(rows)


if __name__ == "__main__":
    main()
