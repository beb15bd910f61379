"""The schedule branch (0200): upgrading a database at 0002 keeps its data and adds the
schedule tables; the models and the migration agree; the tables round-trip their values."""

from __future__ import annotations

from datetime import date, time

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_heads, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models import Employee, Office, WorkUnit
from flexdesk.db.models_schedule import (
    CalendarHoliday,
    CalendarYear,
    EmployeeFlexSetting,
    FlexPolicyVersion,
    ScheduleEntryRow,
    SchedulePeriod,
    SchedulePeriodEvent,
)
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database

SCHEDULE_TABLES = {
    "flex_policies",
    "calendar_years",
    "calendar_holidays",
    "schedule_periods",
    "schedule_period_events",
    "schedule_entries",
    "employee_flex_settings",
}


def _fill_at_0002(db: Database) -> None:
    with db.session() as session:
        session.add(
            Office(code="O042", instansi="Pemkab Kuningan", unit_kerja="Kec. Cigugur", city="Kng")
        )
        unit = WorkUnit(name="Sekretariat", code="SEK")
        session.add(unit)
        session.flush()
        session.add(Employee(id="emp-1", nama="Asep Suryadi", unit_id=unit.id, nip=None))


def test_upgrade_from_0002_adds_the_schedule_branch_and_keeps_data(
    data_paths: DataPaths,
) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0002")
        _fill_at_0002(old)
        with old.engine.connect() as conn:
            assert not SCHEDULE_TABLES & set(inspect(conn).get_table_names())
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert current_revisions(db) == alembic_heads() == schema_heads()
        assert "0201" in current_revisions(db)
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= SCHEDULE_TABLES
            assert conn.execute(text("SELECT nama FROM employees")).scalar() == "Asep Suryadi"
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        # (other capabilities' branches are checked by their own tests)
        assert [d for d in diff if any(t in repr(d) for t in SCHEDULE_TABLES)] == []
        assert any(p.name.startswith("pre-migration-0002") for p in data_paths.backups.iterdir())
    finally:
        db.dispose()


def test_schedule_tables_round_trip(db: Database) -> None:
    with db.session() as session:
        unit = WorkUnit(name="Seksi Pelayanan", code="PEL")
        session.add(unit)
        session.flush()
        emp = Employee(nama="Dewi Lestari", unit_id=unit.id)
        session.add(emp)
        session.flush()
        session.add(
            FlexPolicyVersion(
                effective_from=date(2026, 1, 1),
                allowed_modes="OH",
                max_remote_days_per_week=2,
                core_hours_start=time(9, 0),
                core_hours_end=time(14, 0),
                ramadan_periods=[["2026-02-18", "2026-03-19"]],
                excluded_positions=["Petugas Loket"],
            )
        )
        session.add(CalendarYear(year=2026, source="csv"))
        session.add(
            CalendarHoliday(year=2026, day=date(2026, 8, 17), name="HUT RI", kind="national")
        )
        period = SchedulePeriod(employee_id=emp.id, year=2026, month=11)
        session.add(period)
        session.flush()
        session.add(
            SchedulePeriodEvent(
                period_id=period.id,
                action="submit",
                from_status="draft",
                to_status="submitted",
                at=period.created_at,
            )
        )
        session.add(
            ScheduleEntryRow(
                employee_id=emp.id, day=date(2026, 11, 2), code="A", location="Bandung"
            )
        )
        session.add(
            EmployeeFlexSetting(employee_id=emp.id, remote_exception=True, exception_reason="x")
        )
    with db.read_session() as session:
        policy = session.scalar(select(FlexPolicyVersion))
        assert policy is not None
        assert policy.ramadan_periods == [["2026-02-18", "2026-03-19"]]
        assert policy.core_hours_start == time(9, 0)
        entry = session.scalar(select(ScheduleEntryRow))
        assert entry is not None and (entry.code, entry.location) == ("A", "Bandung")
        assert entry.change_seq > 0
        assert session.scalar(select(func.count()).select_from(SchedulePeriodEvent)) == 1


def test_upgrade_from_0200_makes_the_day_index_covering(data_paths: DataPaths) -> None:
    """0201 replaces the day index of a database built at 0200; its entries are kept and the
    month query the grid runs is answered from the index alone."""
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0200")
        _fill_at_0002(old)
        with old.session() as session:
            session.add(ScheduleEntryRow(employee_id="emp-1", day=date(2026, 11, 2), code="H"))
        with old.engine.connect() as conn:
            cols = [c for i in inspect(conn).get_indexes("schedule_entries")
                    if i["name"] == "ix_schedule_entries_day" for c in i["column_names"]]  # fmt: skip
            assert cols == ["day"]
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            index = next(
                i
                for i in inspect(conn).get_indexes("schedule_entries")
                if i["name"] == "ix_schedule_entries_day"
            )
            assert index["column_names"][:2] == ["day", "employee_id"]
            plan = " ".join(
                str(row[-1])
                for row in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT employee_id, day, code, location, leave_kind,"
                        " hours FROM schedule_entries WHERE day BETWEEN :a AND :b"
                    ),
                    {"a": "2026-11-01", "b": "2026-11-30"},
                )
            )
            assert "COVERING INDEX ix_schedule_entries_day" in plan
            assert conn.execute(text("SELECT code FROM schedule_entries")).scalar() == "H"
    finally:
        db.dispose()
