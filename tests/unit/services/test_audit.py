"""The audit trail: every service write is recorded with its actor, secrets are not stored,
and tampering with the file (audit rows or data rows) is reported by ``audit verify``."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from flexdesk.cli import main
from flexdesk.db.audit import GENESIS_HASH, decode_json
from flexdesk.db.engine import Database
from flexdesk.db.models import Setting
from flexdesk.db.models_audit import AuditEntry
from flexdesk.errors import PermissionDenied
from flexdesk.paths import DataPaths
from flexdesk.services import auth, employees, office, units
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import Role
from flexdesk.services.storage import audit
from tests.support.helpers import Staff, next_nip
from tests.support.tamper import behind_flexdesk


def _entries(db: Database) -> list[AuditEntry]:
    with db.read_session() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        session.expunge_all()  # keep the loaded values past the read session's rollback
        return rows


def _tamper(db: Database, sql: str, **params: object) -> None:
    behind_flexdesk(db, (sql, dict(params)))


def _problems(db: Database) -> list[audit.Problem]:
    with db.read_session() as session:
        return audit.verify_audit_chain(session)


def test_service_writes_are_recorded_with_the_actor(db: Database, staff: Staff) -> None:
    services = Services(db, staff.admin)
    start = len(_entries(db))
    row = services.call(
        employees.create_employee,
        EmployeeInput(nama="Rina Wulandari", nip=next_nip(), unit_id=staff.unit.id),
    )
    services.call(
        employees.update_employee, row.id, replace(row.to_input(), jabatan="Analis Kebijakan")
    )
    services.call(
        units.update_unit, staff.other_unit.id, name="Sekretariat", code="SKR", active=True
    )
    services.call(office.set_setting, "session_timeout_minutes", 15)
    new = _entries(db)[start:]
    assert [(e.entity, e.op) for e in new] == [
        ("employee", "insert"),
        ("employee", "update"),
        ("work_unit", "update"),
        ("settings", "insert"),
    ]
    assert {e.actor_name for e in new} == {"admin"}
    assert {e.actor_id for e in new} == {staff.admin.user_id}
    inserted, updated = new[0], new[1]
    assert inserted.entity_id == row.id
    assert decode_json(inserted.after)["nama"] == "Rina Wulandari"
    assert decode_json(updated.before) == {
        "jabatan": "",
        "rev": 1,
        "change_seq": decode_json(inserted.after)["change_seq"],
        "updated_at": decode_json(inserted.after)["updated_at"],
    }
    assert decode_json(updated.after)["jabatan"] == "Analis Kebijakan"
    assert decode_json(new[3].after) == {"key": "session_timeout_minutes", "value": 15}
    assert _problems(db) == []


def test_the_chain_links_every_row(db: Database, staff: Staff) -> None:
    entries = _entries(db)
    assert entries, "building the staff office is audited (as system)"
    assert entries[0].prev_hash == GENESIS_HASH
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert {e.actor_name for e in entries} == {"system"}


def test_password_hashes_are_never_stored(db: Database, staff: Staff) -> None:
    services = Services(db, staff.admin)
    user = services.call(
        auth.create_user,
        username="rina",
        password="Sandi-Rahasia-9",
        role=Role.EMPLOYEE,
        employee_id=staff.colleague.id,
    )
    services.call(auth.reset_password, user.id, "Sandi-Baru-Rahasia-9")
    entries = [e for e in _entries(db) if e.entity == "user"]
    assert entries
    for e in entries:
        assert "argon2" not in e.before + e.after
        assert "Sandi" not in e.before + e.after
    last = decode_json(entries[-1].after)
    assert last["password_hash"].startswith("sha256:")
    assert _problems(db) == []


def test_refused_call_leaves_no_audit_row(db: Database, staff: Staff) -> None:
    before = len(_entries(db))
    with pytest.raises(PermissionDenied):
        Services(db, staff.member_actor).call(units.create_unit, "Seksi Baru")
    assert len(_entries(db)) == before


def test_triggers_keep_the_table_append_only(db: Database, staff: Staff) -> None:
    for sql in ("UPDATE audit_log SET actor_name = 'x' WHERE seq = 1", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(sql))


def _cli(db: Database, paths: DataPaths, *args: str) -> int:
    url = [] if db.is_sqlite else ["--database-url", db.engine.url.render_as_string(False)]
    return main(["--data-dir", str(paths.root), *url, *args])


def _cli_verify(
    db: Database, paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = _cli(db, paths, "audit", "verify")
    return code, capsys.readouterr().out


def test_edited_audit_row_is_reported_with_its_number(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    target = next(e for e in _entries(db) if e.op == "insert" and "Dewi" in e.after)
    _tamper(
        db,
        "UPDATE audit_log SET after = replace(after, 'Dewi', 'Dewa') WHERE seq = :s",
        s=target.seq,
    )
    problems = _problems(db)
    assert any(p.seq == target.seq and p.kind == "hash" for p in problems)
    code, out = _cli_verify(db, data_paths, capsys)
    assert code == 1
    assert f"audit #{target.seq} " in out


def test_edited_data_row_is_reported(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(db, "UPDATE employees SET golongan = 'IV/e' WHERE id = :i", i=staff.member.id)
    problems = _problems(db)
    assert [(p.kind, p.entity, p.entity_id) for p in problems] == [
        ("drift", "employee", staff.member.id)
    ]
    assert "golongan" in problems[0].message
    code, out = _cli_verify(db, data_paths, capsys)
    assert code == 1
    assert staff.member.id in out


def test_row_inserted_or_deleted_behind_flexdesk_is_reported(db: Database, staff: Staff) -> None:
    _tamper(db, "DELETE FROM employees WHERE id = :i", i=staff.colleague.id)
    problems = _problems(db)
    assert ("deleted", staff.colleague.id) in {(p.kind, p.entity_id) for p in problems}


def test_deleting_a_row_from_the_middle_breaks_the_chain(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = _entries(db)
    middle = entries[len(entries) // 2]
    _tamper(db, "DELETE FROM audit_log WHERE seq = :s", s=middle.seq)
    problems = _problems(db)
    assert {(p.seq, p.kind) for p in problems if p.kind in {"gap", "chain"}} == {
        (middle.seq + 1, "gap"),
        (middle.seq + 1, "chain"),
    }
    code, out = _cli_verify(db, data_paths, capsys)
    assert code == 1
    assert f"audit #{middle.seq + 1} " in out


def test_cli_verify_and_list_on_an_intact_trail(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    code, out = _cli_verify(db, data_paths, capsys)
    assert code == 0, out
    assert "utuh" in out
    assert _cli(db, data_paths, "audit", "list", "--entity", "employee") == 0
    assert "Dewi Lestari" in capsys.readouterr().out


def test_delete_is_recorded_with_the_old_values(db: Database, staff: Staff) -> None:
    with db.session() as session:
        session.info["actor"] = staff.admin
        session.add(Setting(key="paper_size", value="F4"))
    with db.session() as session:
        session.info["actor"] = staff.admin
        row = session.get(Setting, "paper_size")
        assert row is not None
        session.delete(row)
    last = _entries(db)[-1]
    assert (last.op, last.entity, last.entity_id) == ("delete", "settings", "paper_size")
    assert decode_json(last.before) == {"key": "paper_size", "value": "F4"}
    assert _problems(db) == []


def test_list_entries_is_admin_only_and_filters(db: Database, staff: Staff) -> None:
    with db.read_session() as session:
        rows = audit.list_entries(
            session, staff.admin, audit.AuditFilter(entity="employee", entity_id=staff.member.id)
        )
        assert [r.op for r in rows] == ["insert"]
        assert rows[0].after["nama"] == "Dewi Lestari"
        with pytest.raises(PermissionDenied):
            audit.list_entries(session, staff.head_actor)


def test_a_fresh_demo_office_verifies(db: Database) -> None:
    """The demo's bulk-inserted units and employees are in the trail like any other write
    (bulk inserts skip the session hook; demo data records them explicitly)."""
    from flexdesk.services import demo

    with db.session() as session:
        demo.create_demo_office(session, employees=12)
    with db.read_session() as session:
        assert audit.verify_audit_chain(session) == []
