"""Schedule grid on a big office: 500 employees and 10 years of schedules in the database.

    python tests/benchmarks/bench_schedule.py [--employees 500] [--years 10] [--repeat 15]

Measures, with the medians and the ratio to a plain query of the same rows:

* opening a month in the grid, validation included: the service call (employees, periods,
  calendar, policy, entries of the whole weeks around the month, building the validator)
  plus building the Qt table model (goal < 150 ms);
* editing one cell and re-validating: the service write (its own transaction) plus the
  validator update and the model's repaint signal (goal < 16 ms, one frame);
* the plain query: the same entry rows read with SQLAlchemy Core, nothing else.

The database is built once with bulk inserts and cached in the temp folder (delete
``flexdesk-bench-schedule-*`` there to rebuild). Not a test: it asserts no time.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, make_office, median_time, print_table
from sqlalchemy import func, insert, select

from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, User
from flexdesk.db.models_schedule import ScheduleEntryRow, SchedulePeriod
from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, login, open_database
from flexdesk.services.demo import DEMO_PASSWORD
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.service import CellChange

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CODES = "O" * 14 + "HHAACDS"
CHUNK = 50_000


def _fill(db: Database, years: range, seed: int = 3) -> tuple[int, int]:
    """Every working day of every employee planned; every month approved but the last two."""
    rng = random.Random(seed)
    calendar = WorkingCalendar(5, years=years)
    with db.session() as session:
        staff = [e for (e,) in session.execute(select(Employee.id).order_by(Employee.id))]
        days = calendar.working_days(date(years.start, 1, 1), date(years.stop - 1, 12, 31))
        now = utcnow()
        entries = 0
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            seq = take_sequence_numbers(session, len(batch))
            for i, row in enumerate(batch):
                row.update(id=new_uuid(), created_at=now, updated_at=now, rev=1, change_seq=seq + i)
            session.execute(insert(ScheduleEntryRow), batch)
            batch.clear()

        for emp in staff:
            for d in days:
                code = rng.choice(CODES)
                batch.append(
                    {
                        "employee_id": emp,
                        "day": d,
                        "code": code,
                        "location": "Kantor UPT" if code in "AD" else "",
                        "leave_kind": "tahunan" if code == "C" else None,
                        "hours": None,
                    }
                )
                entries += 1
                if len(batch) >= CHUNK:
                    flush()
        if batch:
            flush()
        months = [(y, m) for y in years for m in range(1, 13)]
        periods: list[dict[str, Any]] = []
        for emp in staff:
            for i, (y, m) in enumerate(months):
                approved = i < len(months) - 2
                periods.append(
                    {
                        "employee_id": emp,
                        "year": y,
                        "month": m,
                        "status": (PeriodStatus.APPROVED if approved else PeriodStatus.DRAFT).value,
                        "note": "",
                        "approved_at": now if approved else None,
                        "policy_effective_from": date(1900, 1, 1) if approved else None,
                    }
                )
        seq = take_sequence_numbers(session, len(periods))
        for i, row in enumerate(periods):
            row.update(id=new_uuid(), created_at=now, updated_at=now, rev=1, change_seq=seq + i)
        for start in range(0, len(periods), CHUNK):
            session.execute(insert(SchedulePeriod), periods[start : start + CHUNK])
    return entries, len(periods)


def build(root: Path, employees: int, years: range) -> DataPaths:
    paths = DataPaths(root)
    if paths.database.exists():
        return paths
    t = time.perf_counter()
    tmp = root.with_name(root.name + ".part")
    if tmp.exists():
        for p in sorted(tmp.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
    make_office(tmp, employees)
    db = open_database(DataPaths(tmp))
    try:
        entries, periods = _fill(db, years)
    finally:
        db.dispose()
    tmp.rename(root)
    print(
        f"built {root} in {time.perf_counter() - t:.0f} s: {entries:,} entries, "
        f"{periods:,} periods",
        flush=True,
    )
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    last_year = 2026
    years = range(last_year - args.years + 1, last_year + 1)
    root = Path(tempfile.gettempdir()) / (f"flexdesk-bench-schedule-{args.employees}x{args.years}y")
    paths = build(root, args.employees, years)
    db = open_database(paths)
    with db.read_session() as session:
        admin_name = session.scalar(select(User.username).where(User.role == "admin"))
        n_entries = session.scalar(select(func.count()).select_from(ScheduleEntryRow)) or 0
        n_periods = session.scalar(select(func.count()).select_from(SchedulePeriod)) or 0
    services = Services(db, login(db, admin_name or "admin", DEMO_PASSWORD))
    year, month = last_year, 11  # a draft month: editable

    from PySide6.QtWidgets import QApplication

    from flexdesk.ui.pages.schedule.grid_model import ScheduleGridModel

    _app = QApplication.instance() or QApplication([])  # the model needs one
    holder: dict[str, Any] = {}

    def open_month() -> None:
        editor = MonthEditor(services, year, month)
        holder["editor"] = editor
        holder["model"] = ScheduleGridModel(editor, lang="id")

    def plain_query() -> None:
        first = date(year, month, 1) - timedelta(days=7)
        last = date(year, month, 28) + timedelta(days=10)
        with db.read_session() as session:
            session.execute(
                select(
                    ScheduleEntryRow.employee_id,
                    ScheduleEntryRow.day,
                    ScheduleEntryRow.code,
                    ScheduleEntryRow.location,
                    ScheduleEntryRow.leave_kind,
                    ScheduleEntryRow.hours,
                ).where(ScheduleEntryRow.day >= first, ScheduleEntryRow.day <= last)
            ).all()

    base = median_time(plain_query, repeat=args.repeat)
    opened = median_time(open_month, repeat=args.repeat)
    service_only = median_time(lambda: MonthEditor(services, year, month), repeat=args.repeat)
    editor: MonthEditor = holder["editor"]
    model = holder["model"]
    grid = editor.grid
    rng = random.Random(5)
    members = list(grid.members)
    working = [d.day for d in grid.days if d.is_working]

    def edit_one() -> None:
        change = CellChange(rng.choice(members), rng.choice(working), rng.choice("OHOAOC"),
                            location="Kantor UPT" if rng.random() < 0.5 else "")  # fmt: skip
        if change.code != "A":
            change = CellChange(change.employee_id, change.day, change.code)
        model.apply_changes([change])

    edited = median_time(edit_one, repeat=args.repeat * 4, warmup=3)
    rows = len(grid.members)
    cells = rows * len(grid.days)
    loaded = len(grid.validator.entries())
    size = f"{args.employees} emp, {n_entries:,} entries"
    print_table(
        [
            Row("plain query of the month's rows", f"{loaded:,} rows", base),
            Row(
                "open a month: service + validation",
                size,
                service_only,
                "plain query",
                base,
                f"{len(editor.violations())} violations",
            ),
            Row(
                "open a month: service + validation + model",
                size,
                opened,
                "plain query",
                base,
                f"goal < 150 ms; {rows} rows x {len(grid.days)} days = {cells:,} cells",
            ),
            Row(
                "edit one cell + re-validate",
                f"{n_periods:,} periods",
                edited,
                "plain query",
                base,
                "goal < 16 ms; write, commit, validator delta, repaint signal",
            ),
        ]
    )
    holder.clear()
    db.dispose()


if __name__ == "__main__":
    main()
