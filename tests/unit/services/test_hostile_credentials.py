"""Hostile values an outside probe found still crashing after the validation boundary: lone
surrogates and control characters in sign-in names and passwords (argon2 and the drivers cannot
encode them), roles outside the list, settings of the wrong type (stored, then breaking every
reader), a broken character in a looked-up id, an unusable evidence path and an evaluation period
that does not exist. Each is now a typed error, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Setting, User
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import AuthError, ValidationError
from flexdesk.services import auth, employees, office
from flexdesk.services.app import Services, change_own_password, login
from flexdesk.services.evaluation.types import PeriodRef
from flexdesk.services.permissions import Role
from tests.support.helpers import ADMIN_PASSWORD, USER_PASSWORD, Staff, add_employee
from tests.support.outputs import add_log, log_input, make_skp

BROKEN = ["x\ud800y", "\udfffabcdefghijk", "sandi\x00panjang12", "sandi\x1bpanjang12"]


def _users(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count(User.id))) or 0)


@pytest.mark.parametrize("text", BROKEN)
def test_sign_in_with_a_broken_name_or_password_is_a_wrong_password(
    db: Database, staff: Staff, text: str
) -> None:
    for username, password in ((text, ADMIN_PASSWORD), ("admin", text)):
        with pytest.raises(AuthError) as wrong:
            login(db, username, password)
        assert str(wrong.value).startswith("Nama pengguna atau kata sandi salah.")


@pytest.mark.parametrize("text", BROKEN)
def test_passwords_with_broken_characters_are_refused_in_words(
    db: Database, staff: Staff, text: str
) -> None:
    before = _users(db)
    with pytest.raises(ValidationError) as bad, db.session() as session:
        auth.create_user(session, staff.admin, username="baru", password=text, role=Role.EMPLOYEE)
    assert bad.value.field == "password"
    assert _users(db) == before
    with pytest.raises(ValidationError), db.session() as session:
        auth.reset_password(session, staff.admin, staff.member_actor.user_id, text)
    services = Services(db, staff.member_actor)
    with pytest.raises(ValidationError):
        change_own_password(services, USER_PASSWORD, text)
    with pytest.raises(AuthError, match="lama salah"):  # a broken old one is a wrong one
        change_own_password(services, text, "Sandi-Baru-2026")
    assert login(db, "dewi", USER_PASSWORD) == staff.member_actor  # nothing changed


@pytest.mark.parametrize("role", ["Z", "", None, 3, "Admin"])
def test_a_role_outside_the_list_is_refused(db: Database, staff: Staff, role: object) -> None:
    before = _users(db)
    with pytest.raises(ValidationError) as bad, db.session() as session:
        auth.create_user(session, staff.admin, username="baru", password="Sandi-Baru-2026",
                         role=role)  # type: ignore[arg-type]  # fmt: skip
    assert bad.value.field == "role" and "admin" in bad.value.message
    assert _users(db) == before
    with pytest.raises(ValidationError), db.session() as session:
        auth.set_user_role(session, staff.admin, staff.member_actor.user_id, role, True)  # type: ignore[arg-type]
    with db.session() as session:  # the value of a member is understood, like the member
        auth.set_user_role(session, staff.admin, staff.member_actor.user_id, "supervisor", True)  # type: ignore[arg-type]
    with db.read_session() as session:
        user = session.get(User, staff.member_actor.user_id)
        assert user is not None and user.role == "supervisor"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("nip_min_age_at_appointment", "abc"),
        ("nip_min_age_at_appointment", True),
        ("nip_min_age_at_appointment", 3),
        ("session_timeout_minutes", -5),
        ("session_timeout_minutes", float("nan")),
        ("paper_size", "B5"),
        ("paper_size", 4),
        ("evaluation_period", "weekly"),
        ("evaluation_admin_as_atasan", "yes"),
        ("attachment_types", "pdf"),
        ("attachment_types", ["pdf", 3]),
        ("wellbeing_max_remote_share", 2.5),
        ("evaluation_distribution_curve", "curve"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_refused_when_saved(
    db: Database, staff: Staff, key: str, value: object
) -> None:
    with pytest.raises(ValidationError) as bad, db.session() as session:
        office.set_setting(session, staff.admin, key, value)
    assert bad.value.field == key
    with db.read_session() as session:
        assert session.get(Setting, key) is None  # nothing stored
    add_employee(db, staff.admin, "Pegawai Sesudahnya")  # and every reader still works


@pytest.mark.parametrize(
    ("key", "value"),
    [("nip_min_age_at_appointment", 21), ("paper_size", "F4"), ("attachment_max_mb", 2.5),
     ("evaluation_admin_as_atasan", True), ("session_timeout_minutes", 0)],
)  # fmt: skip
def test_good_settings_are_stored(db: Database, staff: Staff, key: str, value: object) -> None:
    with db.session() as session:
        office.set_setting(session, staff.admin, key, value)
    with db.read_session() as session:
        assert office.get_setting(session, key) == value


def test_a_broken_character_in_a_looked_up_id_is_a_validation_error(
    db: Database, staff: Staff
) -> None:
    with pytest.raises(ValidationError, match="karakter yang rusak"):
        Services(db, staff.admin).read(employees.get_employee, "x\ud800y")


def test_an_unusable_evidence_path_is_refused(db: Database, staff: Staff, tmp_path: Path) -> None:
    from flexdesk.services.storage.attachments import AttachmentStore

    rhk_id = make_skp(db, staff.admin, staff.member.id).rhk[0].id
    store = AttachmentStore(tmp_path / "attachments")
    for path in (tmp_path / "bukti\x00.pdf", tmp_path / "bukti\ud800.pdf"):
        data = log_input(staff.member.id, rhk_id, add_files=(path,))
        with pytest.raises(ValidationError) as bad:
            add_log(db, staff.member_actor, store, data)
        assert bad.value.field == "evidence"


@pytest.mark.parametrize(("kind", "index"), [("monthly", 13), ("quarterly", 0), ("weekly", 1)])
def test_a_period_that_does_not_exist_is_refused_in_words(kind: str, index: int) -> None:
    with pytest.raises(ValidationError) as bad:
        PeriodRef(2026, kind, index)  # type: ignore[arg-type]
    assert bad.value.field == "period"
    assert PeriodRef(2026, PeriodType.MONTHLY, 12).index == 12
