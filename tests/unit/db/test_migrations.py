"""Schema migrations: upgrading an old database keeps its data, takes a backup first, numbers
old rows for sync, and a database from a newer FlexDesk is refused without being touched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base, ChangeCounter, current_change_seq
from flexdesk.db.engine import Database
from flexdesk.db.migrate import (
    alembic_config,
    alembic_heads,
    current_revisions,
    migrate_to_head,
    sqlite_file_backup,
)
from flexdesk.db.models import Employee, Office, User, WorkUnit
from flexdesk.domain.people import EmployeeType, Gender, make_nip
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services.app import login, open_database
from tests.support.helpers import USER_PASSWORD, password_hash

SYNCED_TABLES = ("offices", "work_units", "employees", "users")
OLD_NIP = make_nip(date(1979, 8, 17), date(2005, 3, 1), Gender.MALE, 12, EmployeeType.PNS)
OLD_PASSWORD = USER_PASSWORD  # its hash is cached: one argon2 run fewer
OLD_TIME = "2025-01-06 02:30:00.000000"  # how SQLAlchemy stores naive UTC on SQLite


def _fill_like_release_0001(db: Database) -> None:
    """Rows as FlexDesk at schema 0001 wrote them: every change_seq still 0."""
    common = {"created": OLD_TIME, "updated": OLD_TIME}
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO offices (id, code, instansi, unit_kerja, address, city, logo_png,"
                " created_at, updated_at, rev, change_seq) VALUES ('off-1', 'O042',"
                " 'Pemerintah Kabupaten Kuningan', 'Kecamatan Cigugur', 'Jl. Raya 1',"
                " 'Kuningan', NULL, :created, :updated, 1, 0)"
            ),
            common,
        )
        for unit_id, name in (("unit-1", "Sekretariat"), ("unit-2", "Seksi Pemerintahan")):
            conn.execute(
                text(
                    "INSERT INTO work_units (id, name, code, active, created_at, updated_at,"
                    " rev, change_seq) VALUES (:id, :name, '', 1, :created, :updated, 1, 0)"
                ),
                {"id": unit_id, "name": name, **common},
            )
        conn.execute(
            text(
                "INSERT INTO employees (id, employee_type, nip, gelar_depan, nama,"
                " gelar_belakang, gender, birth_date, golongan, jabatan, unit_id, supervisor_id,"
                " flex_eligible, active, created_at, updated_at, rev, change_seq) VALUES"
                " ('emp-1', 'pns', :nip, 'Drs.', 'Asep Suryadi', 'M.Si.', 'L', '1979-08-17',"
                " 'IV/a', 'Sekretaris Camat', 'unit-1', NULL, 1, 1, :created, :updated, 3, 0)"
            ),
            {"nip": OLD_NIP, **common},
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, employee_id,"
                " password_hash, failed_attempts, locked_until, last_login_at, active,"
                " created_at, updated_at, rev, change_seq) VALUES ('user-1', 'asep',"
                " 'Asep Suryadi', 'admin', 'emp-1', :hash, 0, NULL, NULL, 1, :created,"
                " :updated, 1, 0)"
            ),
            {"hash": password_hash(OLD_PASSWORD), **common},
        )


@pytest.fixture
def old_paths(data_paths: DataPaths) -> DataPaths:
    """A data folder holding a database at schema 0001 with one office, units, staff, user."""
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        result = migrate_to_head(old, target="0001")
        assert (result.before, result.after, result.backup) == (
            frozenset(),
            frozenset({"0001"}),
            None,
        )
        _fill_like_release_0001(old)
    finally:
        old.dispose()
    return data_paths


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upgrade_from_0001_keeps_data_and_backs_up_first(old_paths: DataPaths) -> None:
    db = open_database(old_paths)
    try:
        assert current_revisions(db) == alembic_heads()
        with db.read_session() as session:
            office = session.scalars(select(Office)).one()
            assert (office.code, office.unit_kerja, office.city) == (
                "O042",
                "Kecamatan Cigugur",
                "Kuningan",
            )
            assert office.created_at == datetime(2025, 1, 6, 2, 30, tzinfo=UTC)
            emp = session.get(Employee, "emp-1")
            assert emp is not None
            assert (emp.nip, emp.nama, emp.gelar_depan, emp.golongan) == (
                OLD_NIP,
                "Asep Suryadi",
                "Drs.",
                "IV/a",
            )
            assert emp.birth_date == date(1979, 8, 17)
            assert emp.unit is not None and emp.unit.name == "Sekretariat"
            assert emp.rev == 3
            user = session.get(User, "user-1")
            assert user is not None and user.employee_id == "emp-1" and user.active
            assert session.scalar(select(func.count()).select_from(WorkUnit)) == 2
    finally:
        db.dispose()

    # The account made by the old version still signs in after the upgrade.
    db = open_database(old_paths)
    try:
        actor = login(db, "asep", OLD_PASSWORD)
        assert actor.employee_id == "emp-1"
    finally:
        db.dispose()

    backups = sorted(old_paths.backups.glob("*.sqlite3"))
    assert len(backups) == 1, "one backup before the upgrade, none when nothing changes"
    assert backups[0].name.startswith("pre-migration-0001-")
    assert not list(old_paths.backups.glob("*.part"))
    with closing(sqlite3.connect(f"file:{backups[0]}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert conn.execute("SELECT nama, nip, change_seq FROM employees").fetchall() == [
            ("Asep Suryadi", OLD_NIP, 0)
        ]
        assert conn.execute("SELECT username FROM users").fetchall() == [("asep",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "change_counter" not in tables


def test_upgrade_numbers_old_rows_for_sync(old_paths: DataPaths) -> None:
    db = open_database(old_paths)
    try:
        with db.engine.connect() as conn:
            seqs = [
                seq
                for table in SYNCED_TABLES
                for (seq,) in conn.execute(text(f"SELECT change_seq FROM {table}"))
            ]
            counter = conn.execute(text("SELECT id, value FROM change_counter")).all()
        assert len(seqs) == 5
        assert all(seq > 0 for seq in seqs)
        assert len(set(seqs)) == len(seqs), "each old row gets its own number"
        assert counter == [(1, max(seqs))]

        # The next change continues after the backfilled numbers.
        with db.session() as session:
            unit = WorkUnit(name="Seksi Baru")
            session.add(unit)
        assert unit.change_seq == max(seqs) + 1
        with db.read_session() as session:
            assert current_change_seq(session) == max(seqs) + 1
    finally:
        db.dispose()


def test_refuses_database_from_newer_flexdesk(data_paths: DataPaths) -> None:
    open_database(data_paths).dispose()
    with closing(sqlite3.connect(data_paths.database)) as conn:
        conn.execute(
            "UPDATE alembic_version SET version_num = 'ffff'"
            " WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)"
        )
        conn.commit()
    before = _sha256(data_paths.database)

    with pytest.raises(StorageError, match="lebih baru") as info:
        open_database(data_paths)
    assert "ffff" in str(info.value)
    assert "newer" in info.value.message_en

    assert _sha256(data_paths.database) == before, "the newer database must not be touched"
    assert not any(data_paths.backups.iterdir()), "nothing to back up when nothing changes"
    with closing(sqlite3.connect(data_paths.database)) as conn:
        assert ("ffff",) in conn.execute("SELECT version_num FROM alembic_version").fetchall()


def test_fresh_database_needs_no_backup(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    db.dispose()
    db = open_database(data_paths)  # already at head: nothing to migrate, nothing to back up
    db.dispose()
    assert not any(data_paths.backups.iterdir())


@pytest.mark.parametrize("start", ["fresh", "upgraded_from_0001"])
def test_models_match_migrations(start: str, request: pytest.FixtureRequest) -> None:
    """No autogenerate diff: every model change comes with its migration (and vice versa),
    whether the database was created at head or upgraded from the first release."""
    paths: DataPaths = request.getfixturevalue("old_paths" if start != "fresh" else "data_paths")
    db = open_database(paths)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()


def test_downgrade_to_base_and_back(db: Database) -> None:
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert tables & {*SYNCED_TABLES, "change_counter", "tombstones", "settings"} == set()
    assert current_revisions(db) == frozenset()
    assert migrate_to_head(db).after == alembic_heads()


def test_open_database_refuses_a_file_that_is_not_a_database(data_paths: DataPaths) -> None:
    data_paths.ensure()
    data_paths.database.write_bytes(b"this is a spreadsheet, not SQLite" * 100)
    before = _sha256(data_paths.database)
    with pytest.raises(StorageError) as info:
        open_database(data_paths)
    assert str(data_paths.database) in str(info.value)
    assert _sha256(data_paths.database) == before


def test_open_database_reports_unusable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Folder data"):
        open_database(DataPaths(blocker / "data"))


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads open files from /proc/self/fd"
)
def test_backup_closes_files_before_renaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows cannot rename a file SQLite still holds open: the backup must close both
    databases before moving ``.part`` into place (checked here the Linux way, via /proc)."""
    src = tmp_path / "live.sqlite3"
    with closing(sqlite3.connect(src)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (42)")
        conn.commit()

    def open_files() -> set[Path]:
        found = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                found.add(Path(os.readlink(f"/proc/self/fd/{fd}")))
            except OSError:
                continue
        return found

    real_replace = Path.replace
    still_open: list[set[Path]] = []

    def checking_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        still_open.append(open_files() & {self.resolve(), src.resolve()})
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", checking_replace)
    dest = sqlite_file_backup(src, tmp_path / "backups" / "copy.sqlite3")
    monkeypatch.undo()

    assert still_open == [set()]
    with closing(sqlite3.connect(dest)) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]


def test_new_database_starts_its_change_counter_at_zero(db: Database) -> None:
    with db.read_session() as session:
        rows = [(c.id, c.value) for c in session.scalars(select(ChangeCounter))]
        assert rows == [(1, 0)]
        assert current_change_seq(session) == 0
