"""Migration 0500 (the "evaluation" branch): a database at 0002 + the outputs branch (0100)
upgrades with its data kept and gains the evaluation tables, exactly as the models describe
them; the branch goes down and up again, and applies before the outputs branch too."""

from __future__ import annotations

from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_config, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationEvent,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import Rhk, Skp
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database

EVALUATION_TABLES = {
    "evaluations",
    "evaluation_rhk",
    "evaluation_indicators",
    "evaluation_behaviours",
    "evaluation_events",
}
STAMP = "2025-06-02 01:00:00.000000"


def _fill_at_0100(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO employees (id, employee_type, nip, gelar_depan, nama, gelar_belakang,"
                " gender, birth_date, golongan, jabatan, unit_id, supervisor_id, flex_eligible,"
                " active, created_at, updated_at, rev, change_seq) VALUES ('emp-1', 'non_asn',"
                " NULL, '', 'Euis Rahayu', '', 'P', NULL, '', 'Pramu Kantor', NULL, NULL, 1,"
                " 1, :t, :t, 1, 1)"
            ),
            {"t": STAMP},
        )
        conn.execute(
            text(
                "INSERT INTO skp (id, employee_id, year, period_type, status, review_note,"
                " approver_employee_id, approved_by_user_id, approved_at, created_at, updated_at,"
                " rev, change_seq) VALUES ('skp-1', 'emp-1', 2025, 'monthly', 'approved', '',"
                " NULL, NULL, NULL, :t, :t, 1, 2)"
            ),
            {"t": STAMP},
        )
        conn.execute(
            text(
                "INSERT INTO rhk (id, skp_id, position, kind, text, parent_rhk_id, created_at,"
                " updated_at, rev, change_seq) VALUES ('rhk-1', 'skp-1', 1, 'utama',"
                " 'Tertatanya arsip', NULL, :t, :t, 1, 3)"
            ),
            {"t": STAMP},
        )
        conn.execute(text("UPDATE change_counter SET value = 3"))


def test_upgrade_from_0100_keeps_data_and_adds_the_evaluation_tables(
    data_paths: DataPaths,
) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0100")
        _fill_at_0100(old)
        assert EVALUATION_TABLES.isdisjoint(inspect(old.engine).get_table_names())
        assert "0100" in current_revisions(old)
    finally:
        old.dispose()

    db = open_database(data_paths)  # what start-up does: back up, upgrade every head
    try:
        assert current_revisions(db) == schema_heads()
        assert {"0100", "0500"} <= current_revisions(db)
        assert set(inspect(db.engine).get_table_names()) >= EVALUATION_TABLES
        assert list(data_paths.backups.glob("pre-migration-*0100*.sqlite3"))
        with db.read_session() as session:
            skp = session.get(Skp, "skp-1")
            rhk = session.scalars(select(Rhk)).one()
            assert skp is not None and (skp.status, skp.change_seq) == ("approved", 2)
            assert rhk.text == "Tertatanya arsip"
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        mine = [d for d in diff if any(t in repr(d) for t in EVALUATION_TABLES)]
        assert mine == []
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("evaluations")}
        assert "ix_evaluations_period" in indexes

        # the tables take an evaluation referring to the old SKP rows (values round-trip)
        with db.session() as session:
            ev = Evaluation(
                employee_id="emp-1", skp_id="skp-1", year=2025, period_type="monthly",
                period_index=3, start=date(2025, 3, 1), end=date(2025, 3, 31),
                status="draft", capaian_organisasi="", catatan="", employee_comment="",
            )  # fmt: skip
            session.add(ev)
            session.flush()
            session.add_all(
                [
                    EvaluationRhk(evaluation_id=ev.id, rhk_id="rhk-1", umpan_balik="Rapi"),
                    EvaluationIndicator(
                        evaluation_id=ev.id,
                        rhk_id="rhk-1",
                        indicator_id="ind-x",
                        prefilled=3.0,
                        realisasi=4.5,
                        override_reason="Susulan",
                    ),
                    EvaluationBehaviour(evaluation_id=ev.id, code="akuntabel"),
                ]
            )
            from flexdesk.db.base import utcnow

            session.add(EvaluationEvent(evaluation_id=ev.id, at=utcnow(), step="start"))
        with db.read_session() as session:
            row = session.scalars(select(Evaluation)).one()
            assert (row.start, row.end, row.status) == (
                date(2025, 3, 1),
                date(2025, 3, 31),
                "draft",
            )
            assert row.change_seq > 3  # synced rows take change numbers after the old ones
            ind = session.scalars(select(EvaluationIndicator)).one()
            assert (ind.prefilled, ind.realisasi, ind.override_reason) == (3.0, 4.5, "Susulan")
    finally:
        db.dispose()


def test_the_evaluation_branch_downgrades_and_upgrades_again(data_paths: DataPaths) -> None:
    db = open_database(data_paths.ensure())
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "evaluation@-1")
        tables = set(inspect(db.engine).get_table_names())
        assert EVALUATION_TABLES.isdisjoint(tables) and "skp" in tables
        assert "0500" not in current_revisions(db)
        migrate_to_head(db)
        assert set(inspect(db.engine).get_table_names()) >= EVALUATION_TABLES
        assert current_revisions(db) == schema_heads()
    finally:
        db.dispose()


def test_the_evaluation_branch_applies_without_the_outputs_branch(data_paths: DataPaths) -> None:
    """No foreign key into the outputs tables: Alembic may order the branches either way."""
    data_paths.ensure()
    db = Database.for_file(data_paths.database)
    try:
        migrate_to_head(db, target="0500")
        tables = set(inspect(db.engine).get_table_names())
        assert tables >= EVALUATION_TABLES and "skp" not in tables
        migrate_to_head(db)
        assert current_revisions(db) == schema_heads()
    finally:
        db.dispose()
