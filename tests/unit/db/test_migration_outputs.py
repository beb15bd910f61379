"""Migration 0100 (the "outputs" branch): an office database from schema 0002 upgrades with its
data kept and gains the SKP / output-log tables, exactly as the models describe them."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_config, current_revisions, migrate_to_head
from flexdesk.db.models import Employee, User
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database
from tests.support.helpers import password_hash

OUTPUT_TABLES = {"skp", "rhk", "rhk_indicators", "output_logs", "output_evidence"}
STAMP = "2025-06-02 01:00:00.000000"


def _fill_0002(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO work_units (id, name, code, active, created_at, updated_at, rev,"
                " change_seq) VALUES ('unit-1', 'Sekretariat', 'SEK', 1, :t, :t, 1, 1)"
            ),
            {"t": STAMP},
        )
        conn.execute(
            text(
                "INSERT INTO employees (id, employee_type, nip, gelar_depan, nama, gelar_belakang,"
                " gender, birth_date, golongan, jabatan, unit_id, supervisor_id, flex_eligible,"
                " active, created_at, updated_at, rev, change_seq) VALUES ('emp-1', 'non_asn',"
                " NULL, '', 'Euis Rahayu', '', 'P', NULL, '', 'Pramu Kantor', 'unit-1', NULL, 1,"
                " 1, :t, :t, 1, 2)"
            ),
            {"t": STAMP},
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, employee_id, password_hash,"
                " failed_attempts, locked_until, last_login_at, active, created_at, updated_at,"
                " rev, change_seq) VALUES ('user-1', 'euis', 'Euis', 'employee', 'emp-1', :h, 0,"
                " NULL, NULL, 1, :t, :t, 1, 3)"
            ),
            {"t": STAMP, "h": password_hash("Rahasia-Pegawai-1")},
        )
        conn.execute(text("UPDATE change_counter SET value = 3"))


def test_upgrade_from_0002_keeps_data_and_adds_the_output_tables(data_paths: DataPaths) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0002")
        _fill_0002(old)
        assert OUTPUT_TABLES.isdisjoint(inspect(old.engine).get_table_names())
    finally:
        old.dispose()

    db = open_database(data_paths)  # what start-up does: back up, upgrade every head
    try:
        assert "0100" in current_revisions(db)
        assert set(inspect(db.engine).get_table_names()) >= OUTPUT_TABLES
        assert list(data_paths.backups.glob("pre-migration-0002-*.sqlite3"))
        with db.read_session() as session:
            emp = session.get(Employee, "emp-1")
            user = session.scalars(select(User)).one()
            assert emp is not None and (emp.nama, emp.unit_id, emp.change_seq) == (
                "Euis Rahayu", "unit-1", 2,
            )  # fmt: skip
            assert user.employee_id == "emp-1"
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("output_logs")}
        assert {
            "ix_output_logs_employee_day",
            "ix_output_logs_employee_status",
            "ix_output_logs_day",
        } <= indexes
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        mine = [d for d in diff if any(t in repr(d) for t in OUTPUT_TABLES)]
        assert mine == []
    finally:
        db.dispose()


def test_the_outputs_branch_downgrades_and_upgrades_again(data_paths: DataPaths) -> None:
    db = open_database(data_paths.ensure())
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "outputs@base")
        assert OUTPUT_TABLES.isdisjoint(inspect(db.engine).get_table_names())
        assert "0100" not in current_revisions(db)
        migrate_to_head(db)
        assert set(inspect(db.engine).get_table_names()) >= OUTPUT_TABLES
    finally:
        db.dispose()
