"""Sign-in, lockout and account rules (flexdesk.services.auth through services.app.login).

argon2 makes every real sign-in cost ~0.15 s, so each test signs in as few times as it can;
accounts are created with a cached hash (tests.support.helpers.add_user).
"""

from __future__ import annotations

import string
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from flexdesk.db.base import utcnow
from flexdesk.db.engine import Database
from flexdesk.db.models import User
from flexdesk.errors import AuthError, ConflictError, NotFound, ValidationError
from flexdesk.services import auth
from flexdesk.services.app import Services, change_own_password, login
from flexdesk.services.permissions import Actor, Role
from tests.support.helpers import (
    ADMIN_PASSWORD,
    USER_PASSWORD,
    Staff,
    add_user,
    password_hash,
)

WRONG = "Nama pengguna atau kata sandi salah. Setelah 5 kali salah, akun dikunci 15 menit."


def _user(db: Database, username: str) -> User:
    with db.read_session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        session.expunge(user)  # keep the loaded values readable after the session ends
        return user


def _user_count(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count(User.id))) or 0)


def _lock(db: Database, username: str, minutes: int = 15) -> None:
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        user.locked_until = utcnow() + timedelta(minutes=minutes)


# -- signing in --------------------------------------------------------------------------------


def test_login_ok_ignores_case_and_spaces_in_the_username(db: Database, admin: Actor) -> None:
    actor = login(db, "  Admin ", ADMIN_PASSWORD)
    assert actor == admin
    assert actor.role is Role.ADMIN
    user = _user(db, "admin")
    assert user.last_login_at is not None
    assert abs(user.last_login_at - utcnow()) < timedelta(minutes=1)


def test_wrong_password_is_refused_and_counted(db: Database, admin: Actor) -> None:
    with pytest.raises(AuthError) as info:
        login(db, "admin", ADMIN_PASSWORD + "x")
    assert str(info.value) == WRONG
    assert info.value.message_en.startswith("Wrong username or password.")
    assert _user(db, "admin").failed_attempts == 1


def test_unknown_and_inactive_accounts_get_the_same_message(db: Database, staff: Staff) -> None:
    with pytest.raises(AuthError) as unknown:
        login(db, "tidak-ada", USER_PASSWORD)
    assert str(unknown.value) == WRONG

    with db.session() as session:
        auth.set_user_role(
            session, staff.admin, staff.member_actor.user_id, Role.EMPLOYEE, active=False
        )
    with pytest.raises(AuthError) as inactive:
        login(db, "dewi", USER_PASSWORD)
    assert str(inactive.value) == WRONG


def test_lockout_after_five_failures_is_persisted_across_sessions(
    db: Database, admin: Actor
) -> None:
    for attempt in range(1, auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError, match="salah"):
            login(db, "admin", f"salah-{attempt}")
        # Each failure is committed although sign-in failed: a fresh session sees it.
        assert _user(db, "admin").failed_attempts == attempt
        assert _user(db, "admin").locked_until is None

    # The failure that locks the account still says only "wrong": a stranger guessing names
    # must not learn from the lock which accounts exist.
    with pytest.raises(AuthError) as locking:
        login(db, "admin", "salah-lagi")
    assert str(locking.value) == WRONG
    user = _user(db, "admin")
    assert user.locked_until is not None
    assert (
        timedelta(minutes=auth.LOCKOUT_MINUTES - 1)
        < user.locked_until - utcnow()
        <= timedelta(minutes=auth.LOCKOUT_MINUTES)
    )

    # A wrong password on the locked account reads exactly like an unknown account's...
    with pytest.raises(AuthError) as locked_wrong:
        login(db, "admin", "salah-sekali-lagi")
    with pytest.raises(AuthError) as unknown:
        login(db, "tidak-ada", "salah-sekali-lagi")
    assert str(locked_wrong.value) == str(unknown.value) == WRONG
    assert locked_wrong.value.message_en == unknown.value.message_en
    # ...and only the right password learns it is locked: it is refused too, and the lock
    # survives a new Database.
    again = Database(db.url)
    try:
        with pytest.raises(AuthError) as locked:
            login(again, "admin", ADMIN_PASSWORD)
    finally:
        again.dispose()
    assert "terkunci" in str(locked.value)
    assert f"{auth.LOCKOUT_MINUTES} menit" in str(locked.value)
    assert "locked" in locked.value.message_en
    with db.read_session() as session:
        rows = {row.username: row for row in auth.list_users(session, admin)}
    assert rows["admin"].locked


def test_locked_message_says_how_long(db: Database, admin: Actor) -> None:
    _lock(db, "admin", minutes=7)
    with pytest.raises(AuthError) as info:
        login(db, "admin", ADMIN_PASSWORD)
    assert "dalam 7 menit" in str(info.value)
    assert "admin membuka kunci" in str(info.value)


def test_expired_lock_lets_the_user_in_again(db: Database, admin: Actor) -> None:
    _lock(db, "admin", minutes=-1)
    assert login(db, "admin", ADMIN_PASSWORD) == admin
    assert _user(db, "admin").locked_until is None


def test_admin_reset_password_unlocks(db: Database, staff: Staff) -> None:
    _lock(db, "dewi")
    with db.session() as session:
        auth.reset_password(session, staff.admin, staff.member_actor.user_id, "Sandi-Baru-2026")
    user = _user(db, "dewi")
    assert (user.locked_until, user.failed_attempts) == (None, 0)
    assert login(db, "dewi", "Sandi-Baru-2026") == staff.member_actor


def test_admin_unlock_keeps_the_password(db: Database, staff: Staff) -> None:
    _lock(db, "dewi")
    with db.session() as session:
        auth.unlock_user(session, staff.admin, staff.member_actor.user_id)
    assert login(db, "dewi", USER_PASSWORD) == staff.member_actor


def test_reset_password_checks_rules_and_account(db: Database, staff: Staff) -> None:
    with pytest.raises(ValidationError) as info, db.session() as session:
        auth.reset_password(session, staff.admin, staff.member_actor.user_id, "pendek")
    assert info.value.field == "password"
    assert _user(db, "dewi").password_hash == password_hash(USER_PASSWORD)
    with pytest.raises(NotFound), db.session() as session:
        auth.reset_password(session, staff.admin, "no-such-user", "Sandi-Baru-2026")


# -- password and username rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "",
        "1234567",
        "12345678",  # eight characters were enough before: ten are needed now
        "Sandi-9ch",
        " sandi-dengan-spasi",
        "sandi-dengan-spasi ",
        "          ",
        "\tsandi-tab1",
        # long enough, but among the first guesses of anyone trying
        "1234567890",
        "0987654321",
        "aaaaaaaaaaaa",
        "abcdefghijk",
        "Bismillah123",
        "KATASANDI123",
        "indonesia45",
        "Password123",
        "qwertyuiop",
    ],
)
def test_password_rules_refuse(password: str) -> None:
    with pytest.raises(ValidationError) as info:
        auth.check_password_rules(password)
    assert info.value.field == "password"
    assert info.value.message_en != info.value.message


@pytest.mark.parametrize(
    "password", ["1234567x90", "kata sandi panjang", "Sandi-Kuat-2026!", "kucing-oren-7"]
)
def test_password_rules_accept(password: str) -> None:
    auth.check_password_rules(password)


def test_create_user_with_a_bad_password_saves_nothing(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationError) as info, db.session() as session:
        auth.create_user(session, admin, username="budi", password="pendek", role=Role.EMPLOYEE)
    assert info.value.field == "password"
    assert _user_count(db) == 1


@pytest.mark.parametrize("username", ["", "   ", "ab", "a b c", "budi@kantor", "budi/2", "sïtï?"])
def test_username_rules_refuse(db: Database, admin: Actor, username: str) -> None:
    with pytest.raises(ValidationError) as info, db.session() as session:
        auth.create_user(
            session, admin, username=username, password=USER_PASSWORD, role=Role.EMPLOYEE
        )
    assert info.value.field == "username"
    assert _user_count(db) == 1


@pytest.mark.parametrize("clash", ["admin", "ADMIN", " Admin "])
def test_duplicate_username_is_refused_ignoring_case(
    db: Database, admin: Actor, clash: str
) -> None:
    with pytest.raises(ConflictError) as info, db.session() as session:
        auth.create_user(session, admin, username=clash, password=USER_PASSWORD, role=Role.ADMIN)
    assert info.value.field == "username"
    assert "admin" in str(info.value)
    assert _user_count(db) == 1


VALID_NAMES = st.text(
    alphabet=string.ascii_letters + string.digits + "._-", min_size=3, max_size=40
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=VALID_NAMES)
def test_valid_usernames_are_stored_lowercase_and_unique(db: Database, name: str) -> None:
    with db.read_session() as session:  # rolled back after each example
        user = auth.create_user_unchecked(
            session,
            username=f"  {name} ",
            password=USER_PASSWORD,
            role=Role.EMPLOYEE,
            password_hash=password_hash(USER_PASSWORD),
        )
        assert user.username == name.lower()
        assert user.display_name == name.lower()
        for variant in (name.upper(), name.swapcase(), name.lower()):
            with pytest.raises(ConflictError):
                auth.create_user_unchecked(
                    session,
                    username=variant,
                    password=USER_PASSWORD,
                    role=Role.EMPLOYEE,
                    password_hash=password_hash(USER_PASSWORD),
                )


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(max_size=30))
def test_any_typed_username_is_either_refused_in_words_or_stored_clean(
    db: Database, raw: str
) -> None:
    with db.read_session() as session:  # rolled back after each example
        try:
            user = auth.create_user_unchecked(
                session,
                username=raw,
                password=USER_PASSWORD,
                role=Role.EMPLOYEE,
                password_hash=password_hash(USER_PASSWORD),
            )
        except ValidationError as error:
            assert error.field == "username"
            return
        assert user.username == raw.strip().lower()
        assert len(user.username) >= 3
        assert all(c.isalnum() or c in "._-" for c in user.username)


# -- accounts linked to employees --------------------------------------------------------------


def test_account_links_to_an_existing_employee_once(db: Database, staff: Staff) -> None:
    with pytest.raises(ConflictError) as info, db.session() as session:
        auth.create_user_unchecked(
            session,
            username="dewi2",
            password=USER_PASSWORD,
            role=Role.EMPLOYEE,
            employee_id=staff.member.id,
            password_hash=password_hash(USER_PASSWORD),
        )
    assert info.value.field == "employee"
    with pytest.raises(NotFound), db.session() as session:
        auth.create_user_unchecked(
            session,
            username="hantu",
            password=USER_PASSWORD,
            role=Role.EMPLOYEE,
            employee_id="no-such-employee",
            password_hash=password_hash(USER_PASSWORD),
        )
    actor = add_user(db, username="agus", employee_id=staff.colleague.id, display_name=" ")
    assert actor.employee_id == staff.colleague.id
    assert actor.display_name == "agus"  # blank display name falls back to the username


def test_list_users_shows_roles_and_links(db: Database, staff: Staff) -> None:
    with db.read_session() as session:
        rows = auth.list_users(session, staff.admin)
    assert [(r.username, r.role, r.employee_id, r.active, r.locked) for r in rows] == [
        ("admin", Role.ADMIN, None, True, False),
        ("bambang", Role.SUPERVISOR, staff.head.id, True, False),
        ("dewi", Role.EMPLOYEE, staff.member.id, True, False),
    ]


# -- changing one's own password ---------------------------------------------------------------


def test_change_own_password(db: Database, staff: Staff) -> None:
    services = Services(db, staff.member_actor)
    with pytest.raises(AuthError) as wrong_old:
        change_own_password(services, "bukan-sandi-lama", "Sandi-Baru-2026")
    assert wrong_old.value.field == "old"
    assert _user(db, "dewi").failed_attempts == 1  # counted, and kept although the call failed

    with pytest.raises(ValidationError) as weak:
        change_own_password(services, USER_PASSWORD, "pendek")
    assert weak.value.field == "password"
    assert _user(db, "dewi").password_hash == password_hash(USER_PASSWORD)

    change_own_password(services, USER_PASSWORD, "Sandi-Baru-2026")
    assert _user(db, "dewi").failed_attempts == 0
    assert login(db, "dewi", "Sandi-Baru-2026") == staff.member_actor
    # Only the acting user's own account changed.
    assert _user(db, "admin").password_hash == password_hash(ADMIN_PASSWORD)


def test_wrong_old_passwords_lock_the_account_like_failed_sign_ins(
    db: Database, staff: Staff
) -> None:
    """An unattended open session is not an unlimited guessing oracle for its password."""
    services = Services(db, staff.member_actor)
    for attempt in range(1, auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError, match="lama salah"):
            change_own_password(services, f"tebakan-{attempt}", "Sandi-Baru-2026")
        assert _user(db, "dewi").failed_attempts == attempt
    with pytest.raises(AuthError, match="terkunci") as locked:
        change_own_password(services, "tebakan-terakhir", "Sandi-Baru-2026")
    assert "locked" in locked.value.message_en
    assert _user(db, "dewi").locked_until is not None
    # locked: even the right old password changes nothing until the lock ends, nor signs in
    with pytest.raises(AuthError, match="terkunci"):
        change_own_password(services, USER_PASSWORD, "Sandi-Baru-2026")
    assert _user(db, "dewi").password_hash == password_hash(USER_PASSWORD)
    with pytest.raises(AuthError, match="terkunci"):
        login(db, "dewi", USER_PASSWORD)


def test_has_users(db: Database) -> None:
    with db.read_session() as session:
        assert not auth.has_users(session)
    add_user(db, username="pertama", role=Role.ADMIN)
    with db.read_session() as session:
        assert auth.has_users(session)


def test_unknown_user_costs_a_password_check_too(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An unknown username is refused only after an argon2 check, like a wrong password, so
    the response time does not reveal which accounts exist."""
    import pytest as _pytest

    from flexdesk.errors import AuthError
    from flexdesk.services import auth as auth_svc

    calls: list[str] = []
    real = auth_svc._burn_time_like_a_check
    monkeypatch.setattr(auth_svc, "_burn_time_like_a_check", lambda p: calls.append(p) or real(p))
    with db.session() as session, _pytest.raises(AuthError):
        auth_svc.authenticate(session, "tidak-ada-orangnya", "sembarang123")
    assert calls == ["sembarang123"]


def test_username_longer_than_the_column_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    import pytest as _pytest

    from flexdesk.errors import ValidationError
    from flexdesk.services import auth as auth_svc
    from flexdesk.services.permissions import Role

    with db.session() as session, _pytest.raises(ValidationError) as info:
        auth_svc.create_user_unchecked(
            session, username="a" * 61, password="rahasia-123", role=Role.EMPLOYEE
        )
    assert info.value.field == "username"
