"""``audit verify`` against someone who edits the database file behind FlexDesk's back.

Each test makes one kind of edit the way an attacker with the file would (the ``sqlite3``
module, the append-only triggers dropped; on PostgreSQL the same SQL with the trigger
disabled) and asserts that verify names it by kind and table/id, and that ``flexdesk audit
verify`` exits 1. Before issue 18 the first four (an admin account, a setting, an emptied trail,
a row with an old ``created_at``) all ended in "Jejak audit utuh" and exit 0.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from flexdesk.db.engine import Database
from flexdesk.db.models import Setting
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_sync import SyncState
from flexdesk.paths import DataPaths
from flexdesk.services.storage import audit
from flexdesk.sync.auditchain import entry_hash
from tests.support.helpers import Staff
from tests.support.tamper import behind_flexdesk as _sql
from tests.unit.services.test_audit import _cli

Finding = tuple[str, str, str]  # (kind, table/entity, id)


def _row(db: Database, table: str, key: str, value: str) -> dict[str, Any]:
    with db.engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM {table} WHERE {key} = :v"), {"v": value})
        return dict(row.mappings().one())


def _insert_copy(db: Database, table: str, source_id: str, **changes: Any) -> str:
    """INSERT a copy of row ``source_id`` of ``table`` with ``changes`` and a new id."""
    values = {**_row(db, table, "id", source_id), "id": str(uuid.uuid4()), **changes}
    cols = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    _sql(db, (f"INSERT INTO {table} ({cols}) VALUES ({marks})", values))
    return str(values["id"])


def _entries(db: Database) -> list[AuditEntry]:
    with db.read_session() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        session.expunge_all()
        return rows


def _findings(db: Database, data_paths: DataPaths | None = None) -> set[Finding]:
    backups = data_paths.backups if data_paths is not None else None
    with db.read_session() as session:
        return {
            (p.kind, p.entity, p.entity_id)
            for p in audit.verify_audit_chain(session, backups=backups)
        }


def _assert_cli_reports(
    db: Database, paths: DataPaths, capsys: pytest.CaptureFixture[str], *expected: Finding
) -> None:
    db.dispose()
    code = _cli(db, paths, "audit", "verify")
    out = capsys.readouterr().out
    assert code == 1, out
    assert "utuh:" not in out.replace("TIDAK utuh", "")
    for kind, entity, ident in expected:
        assert f"{entity}/{ident}: {kind} (" in out, out


def _chained(prev: AuditEntry, **fields: Any) -> dict[str, Any]:
    """An audit row after ``prev`` with a correct hash: what a careful forger appends."""
    row: dict[str, Any] = {
        "seq": prev.seq + 1,
        "at": prev.at,
        "actor_id": None,
        "actor_name": "system",
        "before": "{}",
        "prev_hash": prev.hash,
        **fields,
    }
    return {**row, "hash": entry_hash(**row)}


_INSERT_AUDIT = (
    "INSERT INTO audit_log (seq, at, actor_id, actor_name, entity, entity_id, op, before, "
    "after, prev_hash, hash) VALUES (:seq, :at, :actor_id, :actor_name, :entity, :entity_id, "
    ":op, :before, :after, :prev_hash, :hash)"
)


# -- data rows written behind FlexDesk ----------------------------------------------------------


def test_users_row_inserted_with_role_admin(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's first miss: an extra admin account, ``created_at`` set back to 2020."""
    new_id = _insert_copy(
        db,
        "users",
        staff.admin.user_id,
        username="penyusup",
        role="admin",
        employee_id=None,
        created_at="2020-01-01 00:00:00.000000",
    )
    assert _findings(db) == {("missing-audit", "user", new_id)}
    _assert_cli_reports(db, data_paths, capsys, ("missing-audit", "user", new_id))


def test_settings_row_inserted(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's second miss: settings have no ``created_at`` at all."""
    _sql(
        db, ("INSERT INTO settings (key, value) VALUES ('evaluation_admin_as_atasan', 'true')", {})
    )
    expected = ("missing-audit", "settings", "evaluation_admin_as_atasan")
    assert _findings(db) == {expected}
    _assert_cli_reports(db, data_paths, capsys, expected)


def test_employee_row_inserted(db: Database, staff: Staff) -> None:
    new_id = _insert_copy(db, "employees", staff.colleague.id, nip="199912312024011999")
    assert _findings(db) == {("missing-audit", "employee", new_id)}


def test_data_row_updated(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(db, ("UPDATE users SET role = 'admin' WHERE id = :i", {"i": staff.member_actor.user_id}))
    assert _findings(db) == {("drift", "user", staff.member_actor.user_id)}
    _assert_cli_reports(db, data_paths, capsys, ("drift", "user", staff.member_actor.user_id))


def test_data_row_deleted(db: Database, staff: Staff) -> None:
    _sql(db, ("DELETE FROM employees WHERE id = :i", {"i": staff.colleague.id}))
    assert _findings(db) == {("deleted", "employee", staff.colleague.id)}


def test_deleted_row_put_back(db: Database, staff: Staff) -> None:
    with db.session() as session:
        session.info["actor"] = staff.admin
        session.add(Setting(key="paper_size", value="F4"))
    with db.session() as session:
        session.info["actor"] = staff.admin
        session.delete(session.get(Setting, "paper_size"))
    assert _findings(db) == set()
    _sql(db, ("INSERT INTO settings (key, value) VALUES ('paper_size', '\"F4\"')", {}))
    assert _findings(db) == {("undeleted", "settings", "paper_size")}


# -- the trail itself -----------------------------------------------------------------------------


def test_whole_trail_deleted(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's third miss: ``DELETE FROM audit_log`` was "0 entri diperiksa", exit 0."""
    _sql(db, ("DELETE FROM audit_log", {}))
    found = _findings(db)
    assert ("empty", "audit_log", "") in found
    assert ("missing-audit", "employee", staff.member.id) in found
    assert ("missing-audit", "user", staff.admin.user_id) in found
    assert {k for k, _, _ in found} == {"empty", "missing-audit"}
    with db.read_session() as session:
        quick = audit.verify_audit_chain(session, check_tables=False)
    assert [p.kind for p in quick] == ["empty"]
    _assert_cli_reports(db, data_paths, capsys, ("empty", "audit_log", ""))


def test_audit_row_content_edited(db: Database, staff: Staff) -> None:
    target = next(e for e in _entries(db) if e.entity == "employee" and "Dewi" in e.after)
    _sql(
        db,
        (
            "UPDATE audit_log SET after = replace(after, 'Dewi', 'Dewa') WHERE seq = :s",
            {"s": target.seq},
        ),
    )
    found = _findings(db)
    assert ("hash", "employee", target.entity_id) in found
    assert ("drift", "employee", target.entity_id) in found  # the folded name is not the table's


def test_audit_hash_recomputed_for_one_row(db: Database, staff: Staff) -> None:
    """Edit a row and give it a correct hash: the next row no longer continues it."""
    entries = _entries(db)
    target = entries[len(entries) // 2]
    fields = {c: getattr(target, c) for c in ("seq", "at", "actor_id", "entity", "entity_id")}
    fields |= {"op": target.op, "before": target.before, "after": target.after}
    forged = entry_hash(**fields, actor_name="orang lain", prev_hash=target.prev_hash)
    _sql(
        db,
        (
            "UPDATE audit_log SET actor_name = 'orang lain', hash = :h WHERE seq = :s",
            {"h": forged, "s": target.seq},
        ),
    )
    nxt = entries[len(entries) // 2 + 1]
    assert _findings(db) == {("chain", nxt.entity, nxt.entity_id)}


def test_audit_row_deleted_from_the_middle(db: Database, staff: Staff) -> None:
    entries = _entries(db)
    middle, nxt = entries[len(entries) // 2], entries[len(entries) // 2 + 1]
    _sql(db, ("DELETE FROM audit_log WHERE seq = :s", {"s": middle.seq}))
    found = _findings(db)
    assert {("gap", nxt.entity, nxt.entity_id), ("chain", nxt.entity, nxt.entity_id)} <= found


def test_audit_rows_reordered(db: Database, staff: Staff) -> None:
    entries = _entries(db)
    a, b = entries[3], entries[4]
    _sql(
        db,
        ("UPDATE audit_log SET seq = -1 WHERE seq = :a", {"a": a.seq}),
        ("UPDATE audit_log SET seq = :a WHERE seq = :b", {"a": a.seq, "b": b.seq}),
        ("UPDATE audit_log SET seq = :b WHERE seq = -1", {"b": b.seq}),
    )
    found = _findings(db)
    assert {("hash", b.entity, b.entity_id), ("hash", a.entity, a.entity_id)} <= found
    assert ("chain", b.entity, b.entity_id) in found


def test_audit_seq_gap(db: Database, staff: Staff) -> None:
    last = _entries(db)[-1]
    _sql(db, ("UPDATE audit_log SET seq = seq + 5 WHERE seq = :s", {"s": last.seq}))
    found = _findings(db)
    assert {("gap", last.entity, last.entity_id), ("hash", last.entity, last.entity_id)} <= found


def test_forged_audit_row_appended(db: Database, staff: Staff) -> None:
    """A correctly chained row claiming a record the table does not have."""
    ghost = str(uuid.uuid4())
    row = _chained(
        _entries(db)[-1], entity="employee", entity_id=ghost, op="insert", after='{"nama":"X"}'
    )
    _sql(db, (_INSERT_AUDIT, row))
    assert _findings(db) == {("deleted", "employee", ghost)}


def test_forged_audit_row_with_a_wrong_hash(db: Database, staff: Staff) -> None:
    row = _chained(_entries(db)[-1], entity="settings", entity_id="x", op="delete", after="{}") | {
        "hash": "f" * 64
    }
    _sql(db, (_INSERT_AUDIT, row))
    assert _findings(db) == {("hash", "settings", "x")}


def test_last_audit_rows_cut_off(db: Database, staff: Staff) -> None:
    """Truncation: the newest rows gone; the records they describe no longer match."""
    entries = _entries(db)
    cut = entries[-3:]
    _sql(db, ("DELETE FROM audit_log WHERE seq >= :s", {"s": cut[0].seq}))
    found = _findings(db)
    assert found
    assert {(e.entity, e.entity_id) for e in cut} >= {(f[1], f[2]) for f in found}
    assert {k for k, _, _ in found} <= {"missing-audit", "drift", "undeleted"}


# -- anchors kept outside the trail ---------------------------------------------------------------


def _acknowledge_head(db: Database) -> AuditEntry:
    """Record the trail's current head as central's acknowledged one (as a receipt does)."""
    head = _entries(db)[-1]
    with db.session() as session:
        state = session.scalars(select(SyncState)).first()
        if state is None:
            state = SyncState(id=1)
            session.add(state)
        state.audit_acked_seq, state.audit_acked_hash = head.seq, head.hash
    return head


def test_trail_shorter_than_the_acknowledged_head(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _acknowledge_head(db)
    _sql(db, ("DELETE FROM audit_log WHERE seq > :s", {"s": head.seq - 2}))
    assert ("truncated", "audit_log", "sync_state") in _findings(db)
    with db.read_session() as session:
        chain_only = audit.verify_audit_chain(session, check_tables=False)
    assert [(p.kind, p.seq) for p in chain_only] == [("truncated", head.seq)]
    assert "acknowledged" in chain_only[0].message
    _assert_cli_reports(db, data_paths, capsys, ("truncated", "audit_log", "sync_state"))


def test_chain_rewritten_before_the_acknowledged_head(db: Database, staff: Staff) -> None:
    """Rewriting from row 2 with every hash recomputed: the chain verifies on its own, but
    central's acknowledged row no longer has its hash."""
    head = _acknowledge_head(db)
    entries = _entries(db)
    prev = entries[0].hash
    statements = []
    for e in entries[1:]:
        fields = {c: getattr(e, c) for c in ("seq", "at", "actor_id", "entity", "entity_id")}
        fields |= {"op": e.op, "before": e.before, "after": e.after, "prev_hash": prev}
        fields["actor_name"] = "orang lain" if e.seq == 2 else e.actor_name
        prev = entry_hash(**fields)
        statements.append(
            (
                "UPDATE audit_log SET actor_name = :a, prev_hash = :p, hash = :h WHERE seq = :s",
                {"a": fields["actor_name"], "p": fields["prev_hash"], "h": prev, "s": e.seq},
            )
        )
    _sql(db, *statements)
    assert _findings(db) == {("anchor", "audit_log", "sync_state")}
    with db.read_session() as session:
        (problem,) = audit.verify_audit_chain(session)
    assert problem.seq == head.seq and "rewritten" in problem.message


def test_rows_after_the_newest_anchor_stay_hidden(db: Database, staff: Staff) -> None:
    """The documented limit (docs/audit.md): rows written after the newest anchor can be cut
    together with what they recorded, and verify cannot tell. Central sees it: the next
    bundle's chain no longer holds the rows it would have carried, and its changes do not
    either; what was never exported is simply not there."""
    _acknowledge_head(db)
    with db.session() as session:
        session.info["actor"] = staff.admin
        session.add(Setting(key="paper_size", value="F4"))
    head = _entries(db)[-1]
    _sql(
        db,
        ("DELETE FROM audit_log WHERE seq = :s", {"s": head.seq}),
        ("DELETE FROM settings WHERE key = 'paper_size'", {}),
    )
    assert _findings(db) == set()


@pytest.mark.sqlite_only(reason="backup files are SQLite copies")
def test_trail_shorter_than_a_backup(db: Database, staff: Staff, data_paths: DataPaths) -> None:
    from flexdesk.services.storage.backup import create_backup

    create_backup(db, data_paths)
    head = _entries(db)[-1]
    _sql(db, ("DELETE FROM audit_log WHERE seq > :s", {"s": head.seq - 1}))
    found = _findings(db, data_paths)
    truncated = {f for f in found if f[0] == "truncated"}
    assert len(truncated) == 1
    (finding,) = truncated
    assert finding[2].startswith("backup flexdesk-")
    assert ("truncated", "audit_log", finding[2]) not in _findings(db)  # no folder: no anchor


# -- the command ---------------------------------------------------------------------------------


def test_cli_prints_each_problem_in_english_too(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(
        db,
        ("INSERT INTO settings (key, value) VALUES ('evaluation_admin_as_atasan', 'true')", {}),
        ("UPDATE users SET role = 'admin' WHERE id = :i", {"i": staff.member_actor.user_id}),
    )
    db.dispose()
    assert _cli(db, data_paths, "audit", "verify", "--lang", "en") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("The audit trail is NOT intact: 2 problem(s) in ")
    problems = sorted(line for line in out if line.startswith("PROBLEM: "))
    assert len(problems) == 2
    assert problems[0].startswith("PROBLEM: audit #")
    assert f"user/{staff.member_actor.user_id}: drift (record differs" in problems[0]
    assert "in role" in problems[0]
    assert problems[1].startswith(
        "PROBLEM: no audit row settings/evaluation_admin_as_atasan: missing-audit (record"
    )
    assert _cli(db, data_paths, "--lang", "en", "audit", "verify") == 1
    assert "NOT intact" in capsys.readouterr().out
    assert _cli(db, data_paths, "audit", "verify") == 1
    out_id = capsys.readouterr().out
    assert "MASALAH: tanpa baris audit settings/evaluation_admin_as_atasan: missing-audit" in out_id
    assert "pada kolom role" in out_id
    assert "Jejak audit TIDAK utuh: 2 masalah" in out_id


def test_cli_exit_zero_on_an_intact_office(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    assert _cli(db, data_paths, "audit", "verify", "--lang", "en") == 0
    count = len(_entries(db))
    assert capsys.readouterr().out == f"The audit trail is intact: {count} entries checked.\n"


def test_trail_shorter_than_an_exported_bundle(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    """A bundle written to a folder and not yet acknowledged: its ``bundle.json`` names the
    audit head it carried, and the trail may not end before it."""
    from flexdesk.services.app import Services
    from flexdesk.services.sync import office as so
    from flexdesk.sync.crypto import keys
    from tests.unit.services.test_sync_office import FAST, PASS, export

    svc = Services(db, staff.admin)
    svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=FAST)
    central = keys.generate_key()
    svc.call(so.register_central_key, keys.public_key_openssh(central.public_key()))
    written = export(svc, data_paths, tmp_path / "usb")
    assert written.bundle_seq == 1
    assert _findings(db) == set()
    head = _entries(db)[-1]
    _sql(db, ("DELETE FROM audit_log WHERE seq = :s", {"s": head.seq}))
    with db.read_session() as session:
        found = audit.verify_audit_chain(session, check_tables=False)
    assert [(p.kind, p.seq, p.entity_id) for p in found] == [("truncated", head.seq, "bundle 1")]
    assert "exported bundle 1" in found[0].message


@pytest.mark.sqlite_only(reason="backup files are SQLite copies")
def test_a_restore_rewinds_the_trail_without_a_finding(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    """Restoring an older backup shortens the trail legitimately: backups made before the
    restore (the abandoned branch, and the pre-restore copy) are no anchors any more; those
    made after it are again."""
    from datetime import UTC, datetime

    from flexdesk.services.storage.backup import create_backup, restore_backup

    old = create_backup(db, data_paths, now=datetime(2026, 12, 1, 8, tzinfo=UTC))
    with db.session() as session:
        session.info["actor"] = staff.admin
        session.add(Setting(key="paper_size", value="F4"))
    create_backup(db, data_paths, now=datetime(2026, 12, 2, 8, tzinfo=UTC))
    db.dispose()
    restore_backup(data_paths, old.path, now=datetime(2026, 12, 3, 8, tzinfo=UTC))
    assert _findings(db, data_paths) == set()
    create_backup(db, data_paths, now=datetime(2026, 12, 4, 8, tzinfo=UTC))
    head = _entries(db)[-1]
    _sql(db, ("DELETE FROM audit_log WHERE seq = :s", {"s": head.seq}))
    assert ("truncated", "audit_log", "backup flexdesk-manual-20261204-080000.sqlite3") in (
        _findings(db, data_paths)
    )


def test_append_only_triggers_dropped(
    db: Database, staff: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the guard removed, nothing edited yet: the trail is whole, but anything with the
    file can now rewrite it unnoticed by the database itself, so verify says so."""
    _sql(db, restore_guards=False)
    found = _findings(db)
    guards = (
        {"audit_log_no_delete", "audit_log_no_update"}
        if db.is_sqlite
        else {"audit_log_append_only"}
    )
    assert found == {("unguarded", "audit_log", name) for name in guards}
    _assert_cli_reports(db, data_paths, capsys, *sorted(found))
