"""Open sessions re-check their account (issue 15): the services decide with the role captured
at sign-in, so ``Services`` checks on every call that the account is still active, still has
that role and the same employee link — a supervisor demoted (or deactivated) on another PC is
refused at the next call with SessionEnded and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.cli_sync import CONSOLE_ACTOR
from flexdesk.db.engine import Database
from flexdesk.db.models import User, WorkUnit
from flexdesk.db.models_audit import AuditEntry
from flexdesk.errors import SessionEnded
from flexdesk.paths import DataPaths
from flexdesk.services import auth
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor, Role
from tests.support.helpers import Staff


def _audit_count(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count(AuditEntry.seq))) or 0)


def _write_something(session: Session, actor: Actor) -> None:
    session.add(WorkUnit(name="Unit Dari Sesi Lama", code="LAMA"))


def _change_account(db: Database, staff: Staff, **values: object) -> None:
    """What the admin's PC did meanwhile (a transaction of its own)."""
    with db.session() as session:
        user = session.get(User, staff.head_actor.user_id)
        assert user is not None
        for key, value in values.items():
            setattr(user, key, value)


@pytest.mark.parametrize(
    "change",
    [
        {"role": Role.EMPLOYEE.value},  # demoted
        {"role": Role.ADMIN.value},  # promoted: sign in again to get the new pages too
        {"active": False},  # deactivated
        {"employee_id": None},  # the account no longer belongs to that employee
    ],
    ids=["demoted", "promoted", "deactivated", "unlinked"],
)
def test_a_changed_account_is_refused_at_the_next_call(
    db: Database, staff: Staff, change: dict[str, object]
) -> None:
    session_of_head = Services(db, staff.head_actor)
    assert session_of_head.read(auth.password_change_required) is False  # works before
    _change_account(db, staff, **change)
    before = _audit_count(db)
    with pytest.raises(SessionEnded) as ended:
        session_of_head.call(_write_something)
    assert "silakan masuk lagi" in str(ended.value)
    assert "sign in again" in ended.value.message_en
    with pytest.raises(SessionEnded):
        session_of_head.read(auth.password_change_required)
    assert _audit_count(db) == before  # nothing written
    with db.read_session() as session:
        assert session.scalar(select(WorkUnit.id).where(WorkUnit.code == "LAMA")) is None


def test_a_removed_account_is_refused(db: Database, staff: Staff) -> None:
    session_of_member = Services(db, staff.member_actor)
    with db.session() as session:
        user = session.get(User, staff.member_actor.user_id)
        session.delete(user)
    with pytest.raises(SessionEnded):
        session_of_member.read(auth.password_change_required)


def test_an_unchanged_account_and_the_console_are_not_refused(db: Database, staff: Staff) -> None:
    assert Services(db, staff.head_actor).read(auth.password_change_required) is False
    # the command line's console identity is not an account: nothing to re-check
    rows = Services(db, CONSOLE_ACTOR).read(auth.list_users)
    assert {row.username for row in rows} >= {"admin", "bambang", "dewi"}


# -- service functions that open their own units of work check the account themselves --------
# (an outside probe found that an admin demoted while the window was open could still export,
# rotate the key, copy a backup in and restore one — which gave the account its role back)

PASS = "frasa sandi kantor uji"


def _second_admin(db: Database, staff: Staff) -> Actor:
    from tests.support.helpers import add_user

    return add_user(db, username="admin2", role=Role.ADMIN)


def _demote(db: Database, staff: Staff, actor: Actor) -> None:
    with db.session() as session:
        auth.set_user_role(session, staff.admin, actor.user_id, Role.EMPLOYEE, False)


def test_export_and_key_rotation_refuse_a_demoted_admin(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    from flexdesk.db.models_sync import SyncBundle
    from flexdesk.services.sync import office as so

    Services(db, staff.admin).call(so.create_office_key, data_paths.keys, PASS, PASS,
                                   iterations=1000)  # fmt: skip
    second = _second_admin(db, staff)
    _demote(db, staff, second)
    with pytest.raises(SessionEnded):
        so.export_bundle(db, second, data_paths, tmp_path / "usb", PASS)
    with pytest.raises(SessionEnded):
        so.rotate_office_key(db, second, data_paths, tmp_path / "usb", old_passphrase=PASS,
                             new_passphrase="frasa sandi baru kantor", iterations=1000)  # fmt: skip
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(SyncBundle)) == 0
    assert not (tmp_path / "usb").exists() or not any((tmp_path / "usb").iterdir())
    assert len(list(data_paths.keys.glob("*.key.pem"))) == 1  # no new key


@pytest.mark.sqlite_only(reason="backups and restores are of the SQLite file")
def test_backup_import_and_restore_refuse_a_demoted_admin(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    from flexdesk.services.storage import backup

    made = backup.create_backup(db, data_paths, kind="manual")  # from before the demotion
    second = _second_admin(db, staff)
    _demote(db, staff, second)
    db.dispose()
    before = data_paths.database.read_bytes()
    with pytest.raises(SessionEnded):
        backup.import_backup_file(second, data_paths, made.path)
    with pytest.raises(SessionEnded):
        backup.restore_as(second, data_paths, made.path)
    assert data_paths.database.read_bytes() == before  # not restored: the role stays removed
    assert [p.name for p in data_paths.backups.iterdir() if "imported" in p.name] == []
    backup.restore_as(staff.admin, data_paths, made.path)  # the admin still may
