"""Output log at scale: 1,000,000 log entries (500 employees in 12 units, 2024 to 2026).

Measures (medians over different units, months and employees, so no answer comes from a cache
of the previous one):

- filtering the log by unit + month and showing the first screen: the page's lazy table
  model with that filter (the count and its first page of rows); goal < 100 ms;
- the same through the service only, and the whole office unfiltered (admin's first view);
- the recap of one employee-year (realisation per RHK, days, weeks, wellbeing); goal < 50 ms;
- the memory (RSS) of a FlexDesk process with the log page open, beside one showing only the
  dashboard.

The database is built once (about a minute) and cached in the temp folder; ``--rebuild``
makes it again. Run: ``python tests/benchmarks/bench_outputs.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, make_office, median_time, print_table

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, login
from flexdesk.services.demo import DEMO_PASSWORD
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.logs import LogFilter, count_logs, list_logs

ENTRIES = 1_000_000
EMPLOYEES = 500
YEARS = (2024, 2025, 2026)
FIRST_DAY = date(2024, 1, 1)
CACHE = Path(tempfile.gettempdir()) / "flexdesk-bench-outputs-v1"
BLOCKS = (("07:30:00.000000", "10:00:00.000000", 150), ("10:00:00.000000", "12:00:00.000000", 120),
          ("13:00:00.000000", "16:00:00.000000", 180))  # fmt: skip
STAMP = "2026-01-05 01:00:00.000000"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def build(root: Path, entries: int = ENTRIES, employees: int = EMPLOYEES) -> DataPaths:
    """The office, SKPs, and ``entries`` log rows written with executemany in chunks.

    Values are written in the text forms SQLAlchemy uses on SQLite (the benchmark reads them
    back through the services, so a wrong form would fail loudly).
    """
    if root.exists():
        shutil.rmtree(root)
    paths = make_office(root, employees)
    rng = random.Random(2026)
    started = time.perf_counter()
    with closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        staff = conn.execute("SELECT id FROM employees ORDER BY nama, id").fetchall()
        seq = int(conn.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()[0])

        def stamp() -> tuple[str, str, int, int]:
            nonlocal seq
            seq += 1
            return (STAMP, STAMP, 1, seq)

        skps, rhks, indicators = [], [], []
        rhk_of: dict[tuple[str, int], list[str]] = {}
        for (emp_id,) in staff:
            for year in YEARS:
                skp_id = _uuid(rng)
                skps.append(
                    (skp_id, emp_id, year, "monthly", "approved", "", None, None, None, *stamp())
                )
                for pos in range(1, 4):
                    rhk_id = _uuid(rng)
                    rhks.append(
                        (rhk_id, skp_id, pos, "utama", f"RHK {pos} tahun {year}", None, *stamp())
                    )
                    indicators.append(
                        (
                            _uuid(rng),
                            rhk_id,
                            0,
                            "kuantitas",
                            "Jumlah dokumen",
                            360.0,
                            "dokumen",
                            *stamp(),
                        )
                    )
                    rhk_of.setdefault((emp_id, year), []).append(rhk_id)
        synced = "id, created_at, updated_at, rev, change_seq"
        conn.executemany(
            f"INSERT INTO skp (id, employee_id, year, period_type, status, review_note, approver_employee_id,"
            f" approved_by_user_id, approved_at, {synced.split(', ', 1)[1]}) VALUES ({', '.join('?' * 13)})",
            skps,
        )
        conn.executemany(
            f"INSERT INTO rhk (id, skp_id, position, kind, text, parent_rhk_id, {synced.split(', ', 1)[1]})"
            f" VALUES ({', '.join('?' * 10)})",
            rhks,
        )
        conn.executemany(
            f"INSERT INTO rhk_indicators (id, rhk_id, position, aspect, text, target_value, target_unit,"
            f" {synced.split(', ', 1)[1]}) VALUES ({', '.join('?' * 11)})",
            indicators,
        )
        days = []
        day = FIRST_DAY
        per_employee = entries // len(staff) + 1
        while len(days) * len(BLOCKS) < per_employee:
            if day.weekday() < 5:
                days.append(day)
            day += timedelta(days=1)
        last_day = days[-1]
        sql = (
            "INSERT INTO output_logs (id, employee_id, rhk_id, day, activity, quantity, unit,"
            " start_time, end_time, minutes, work_mode, location, planned_mode, mode_mismatch,"
            " status, review_note, submitted_at, reviewed_at, reviewed_by_user_id,"
            " created_by_user_id, created_at, updated_at, rev, change_seq) VALUES"
            f" ({', '.join('?' * 24)})"
        )
        chunk: list[tuple[object, ...]] = []
        written = 0
        activities = ("Menyusun laporan layanan", "Memproses surat masuk", "Memverifikasi data")
        for (emp_id,) in staff:
            for d in days:
                if written >= entries:
                    break
                day_text = d.isoformat()
                for start, end, minutes in BLOCKS:
                    if written >= entries:
                        break
                    status = "accepted" if (last_day - d).days > 14 else "submitted"
                    seq += 1
                    chunk.append((
                        _uuid(rng), emp_id, rng.choice(rhk_of[(emp_id, d.year)]), day_text,
                        rng.choice(activities), 1.0, "dokumen", start, end, minutes,
                        "H" if rng.random() < 0.2 else "O", "", None, 0, status, "",
                        STAMP, STAMP if status == "accepted" else None, None, None,
                        STAMP, STAMP, 1, seq,
                    ))  # fmt: skip
                    written += 1
                if len(chunk) >= 50_000:
                    conn.executemany(sql, chunk)
                    chunk.clear()
        if chunk:
            conn.executemany(sql, chunk)
        conn.execute("UPDATE change_counter SET value = ? WHERE id = 1", (seq,))
        conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    print(f"built {written:,} entries in {time.perf_counter() - started:.0f} s -> {paths.root}")
    return paths


MEMORY_PROBE = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, login, open_database
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.main_window import MainWindow
paths = DataPaths(Path(sys.argv[1]))
db = open_database(paths)
ctx = UiContext(paths, db, Services(db, login(db, "admin", sys.argv[2])), ui_settings(paths))
window = MainWindow(ctx)
window.show()
if sys.argv[3] == "outputs":
    from PySide6.QtCore import QDate
    page = window.page("outputs")
    page.log_tab.date_from.setDate(QDate(2025, 5, 1))  # a month with entries: a full screen
    page.log_tab.date_to.setDate(QDate(2025, 5, 31))
    while not ctx.ops.idle():  # the page reads on the database worker
        app.processEvents()
    print(page.log_tab.model.rowCount(), file=sys.stderr)
app.processEvents()
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")), flush=True)
os._exit(0)  # skip interpreter teardown (PySide6 6.12 on Python 3.11 may abort in it)
"""


def rss_kib(paths: DataPaths, page: str) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(paths.root), DEMO_PASSWORD, page],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    root = CACHE if args.entries == ENTRIES else CACHE.with_name(f"{CACHE.name}-{args.entries}")
    paths = DataPaths(root)
    if args.rebuild or not (paths.database.exists() and (root / "complete").exists()):
        paths = build(root, args.entries)
        (root / "complete").write_text("ok")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QWidget

    from flexdesk.ui.context import UiContext, ui_settings
    from flexdesk.ui.pages.outputs.log_model import PAGE_SIZE, LogTableModel

    db = Database.for_file(paths.database)
    services = Services(db, login(db, "admin", DEMO_PASSWORD))
    ctx = UiContext(paths, db, services, ui_settings(paths))
    owner = QWidget()
    with closing(sqlite3.connect(paths.database)) as conn:
        units = [u for (u,) in conn.execute("SELECT id FROM work_units ORDER BY name")]
        staff = [e for (e,) in conn.execute("SELECT id FROM employees ORDER BY nama")]
        total = conn.execute("SELECT COUNT(*) FROM output_logs").fetchone()[0]
    months = [(y, m) for y in (2024, 2025) for m in range(1, 13)]
    rng = random.Random(7)

    def month_filter() -> LogFilter:
        year, month = rng.choice(months)
        first = date(year, month, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return LogFilter(unit_id=rng.choice(units), date_from=first, date_to=last)

    model = LogTableModel(
        ctx, owner, LogFilter(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)),
        autoload=False,
    )  # fmt: skip
    shown: list[int] = []

    def show(flt: LogFilter) -> None:
        """Filter and wait, in Qt's event loop, until the database worker's answer is shown."""
        loop = QEventLoop()
        model.loaded.connect(loop.quit)
        model.set_filter(flt)
        loop.exec()
        model.loaded.disconnect(loop.quit)

    def first_screen() -> None:
        show(month_filter())
        shown.append(model.rowCount())

    def service_only() -> None:
        flt = month_filter()
        services.read(count_logs, flt)
        services.read(list_logs, flt, offset=0, limit=PAGE_SIZE)

    def everything() -> None:
        show(LogFilter())

    def office_month() -> None:
        flt = month_filter()
        show(LogFilter(date_from=flt.date_from, date_to=flt.date_to))

    def one_recap() -> None:
        services.read(recap.recap, rng.choice(staff), 2025)

    screen = median_time(first_screen, repeat=args.repeat)
    service = median_time(service_only, repeat=args.repeat)
    unfiltered = median_time(everything, repeat=max(3, args.repeat // 3))
    whole_month = median_time(office_month, repeat=args.repeat)
    recap_s = median_time(one_recap, repeat=args.repeat)
    rc = services.read(recap.recap, staff[0], 2025)
    rows = [
        Row("log page: unit + month, first screen", f"{total:,} entries", screen,
            note=f"goal < 100 ms; {sorted(shown)[len(shown) // 2]} rows on screen, count included"),
        Row("  same, services only (count + page)", f"{total:,} entries", service),
        Row("log page: whole office, one month", f"{total:,} entries", whole_month,
            note="admin, date range only (the page opens on a date range)"),
        Row("log page: whole office, no filter", f"{total:,} entries", unfiltered,
            note="admin: count of every entry + newest page"),
        Row("recap: one employee-year", f"{rc.days_logged} days logged", recap_s,
            note=f"goal < 50 ms; {len(rc.rows)} RHK, {len(rc.weeks)} weeks"),
    ]  # fmt: skip
    print_table(rows)
    ctx.ops.wait()
    db.dispose()
    del app
    dashboard = rss_kib(paths, "dashboard")
    outputs = rss_kib(paths, "outputs")
    print()
    print(f"memory (RSS): main window on the dashboard {dashboard / 1024:.0f} MiB; "
          f"with the log page open {outputs / 1024:.0f} MiB "
          f"(+{(outputs - dashboard) / 1024:.0f} MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
